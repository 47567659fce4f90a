/*
 * view.c — the one loop that runs every view (see view.h).
 */
#include "view.h"
#include "dialogs.h"
#include "draw.h"

/* One event to the view; TUI_VIEW_LEAVE when it is done. */
static int dispatch(const tui_view_ops *ops, tui_app *a, void *self, tui_event *ev)
{
    if (ev->type == TUI_EV_PASTE)
        return ops->on_paste ? ops->on_paste(self, ev) : TUI_VIEW_STAY;
    /* A resize needs nothing here: the next draw lays the view out anew. */
    if (ev->type == TUI_EV_NONE || (ev->type == TUI_EV_CODE && ev->key == KEY_RESIZE))
        return TUI_VIEW_STAY;
    tui_action act = tui_key_action(ops->screen, (int)ev->key, ev->type == TUI_EV_CODE);
    if (act == ACT_HELP) {
        tui_help(a, ops->screen);
        return TUI_VIEW_STAY;
    }
    return ops->on_action(self, act, ev);
}

/* Keys already waiting (a burst, a paste in pieces) are taken before the
 * next draw, so pasting 20,000 characters is one redraw, not 20,000. */
static int drain(const tui_view_ops *ops, tui_app *a, void *self)
{
    int done = TUI_VIEW_STAY;
    while (!done && tui_input_pending(stdscr)) {
        tui_event ev;
        tui_read(stdscr, 0, ops->read_flags, &ev);
        done = dispatch(ops, a, self, &ev);
        tui_event_free(&ev);
    }
    return done;
}

int tui_view_run(const tui_view_ops *ops, tui_app *a, void *self)
{
    int done = 0;
    while (!tui_quit_signal) {
        /* Asked at the top, after the idle step saved what it could. */
        if (done) {
            if (!ops->may_leave || !ops->may_leave(self))
                break;
            done = 0;
        }
        if (tui_size_ok())
            ops->draw(self);
        tui_event ev;
        tui_read(stdscr, ops->timeout_ms ? ops->timeout_ms : 250, ops->read_flags, &ev);
        done = dispatch(ops, a, self, &ev);
        tui_event_free(&ev);
        if (!done && ops->drain)
            done = drain(ops, a, self);
        if (ops->on_idle)
            ops->on_idle(self);
    }
    if (!tui_quit_signal)
        return 0;
    if (ops->may_leave)
        ops->may_leave(self);      /* what is typed is saved or kept in a file */
    return 1;
}
