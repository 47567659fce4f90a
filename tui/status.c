/*
 * status.c — the state every view shares: the status line (a message
 * shown for a while, else the view's key hint, and the time of the last
 * save), the minimum terminal size, and the quit-signal flag.
 */
#include "app.h"
#include "draw.h"
#include "model/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

volatile sig_atomic_t tui_quit_signal;

void tui_status(tui_app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(a->status, sizeof a->status, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof a->status) {   /* cut: not in the middle of a character */
        size_t len = strlen(a->status);
        a->status[pia_utf8_bad_offset(a->status, len)] = '\0';
    }
    a->status_at = time(NULL);
}

void tui_mark_saved(tui_app *a)
{
    time_t now = time(NULL);
    strftime(a->saved_at, sizeof a->saved_at, "%H:%M:%S", localtime(&now));
}

void tui_draw_status(tui_app *a, const char *hint)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    const char *msg = a->status[0] && time(NULL) - a->status_at < 8 ? a->status : hint;
    char saved[64] = "";
    if (a->saved_at[0])
        snprintf(saved, sizeof saved, "最終保存 %s", a->saved_at);
    attron(COLOR_PAIR(PAIR_STATUS) | A_REVERSE);
    mvhline(rows - 1, 0, ' ', cols);
    int x = 1;
    if (a->readonly)
        x += tui_put(stdscr, rows - 1, x, cols - 2, "［読み取り専用］");
    int right = (int)strlen(saved) ? 22 : 0, room = cols - 2 - x - right;
    int n = msg && msg != hint ? tui_wrap_lines(msg, room) : 1;
    if (n > 1) {
        /* A message longer than the line takes the lines above it while
         * it is shown, wrapped, so no error or path is cut off. */
        if (n > 4)
            n = 4;
        for (int i = 1; i < n; i++)
            mvhline(rows - 1 - i, 0, ' ', cols);
        tui_put_wrapped(stdscr, rows - n, x, room, n, msg);
    } else {
        tui_put(stdscr, rows - 1, x, room, msg ? msg : "");
    }
    if (right)
        tui_put(stdscr, rows - 1, cols - right, right - 1, saved);
    attroff(COLOR_PAIR(PAIR_STATUS) | A_REVERSE);
}

int tui_size_ok(void)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    if (rows >= 24 && cols >= 80)
        return 1;
    erase();
    char msg[160];
    snprintf(msg, sizeof msg, "端末が小さすぎます（%d×%d）。80×24 以上に広げてください。", cols, rows);
    /* Wrapped: even 20 columns must show all of it. */
    tui_put_wrapped(stdscr, 0, 0, cols, rows, msg);
    refresh();
    return 0;
}
