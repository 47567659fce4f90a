/*
 * dialogs.c — small windows over the current view: a one-line prompt, a
 * yes/no question, a pick-one menu, a scrolling message and the help
 * screen (printed from the key table).
 */
#include "dialogs.h"
#include "draw.h"
#include "editbuf.h"
#include "input.h"
#include "keymap.h"
#include "width.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static WINDOW *box_window(int h, int w)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    if (h > rows - 2) h = rows - 2;
    if (w > cols - 2) w = cols - 2;
    WINDOW *win = newwin(h, w, (rows - h) / 2, (cols - w) / 2);
    keypad(win, TRUE);
    box(win, 0, 0);
    return win;
}

/* The next key for a dialog as its action in the key table for `screen`
 * (the key itself in *k: a menu's digit), or -1 when a quit signal
 * (SIGHUP, SIGTERM) arrived.  Waits in short steps so a signal is noticed
 * even while nobody types.  A paste is no answer to a question: it is
 * dropped. */
static int dialog_action(WINDOW *win, int screen, wint_t *k)
{
    for (;;) {
        tui_event ev;
        tui_read(win, 250, 0, &ev);
        tui_event_free(&ev);
        if (tui_quit_signal)
            return -1;
        if (ev.type == TUI_EV_KEY || ev.type == TUI_EV_CODE) {
            *k = ev.key;
            return (int)tui_key_action(screen, (int)ev.key, ev.type == TUI_EV_CODE);
        }
    }
}

/* The view under a closed dialog is put back at once, so a dialog that
 * follows does not stand on the remains of this one. */
static void dialog_close(WINDOW *win)
{
    delwin(win);
    touchwin(stdscr);
    wnoutrefresh(stdscr);
}

/* The start of what fits left of the cursor: walking back from the cursor
 * costs the width of the window, not the length of the text. */
static int visible_from(const editbuf *b, int room)
{
    int from = b->cursor, w = 0;
    while (from > 0) {
        int cw = tui_wcwidth(b->text[from - 1]);
        if (w + cw > room)
            break;
        w += cw;
        from--;
    }
    return from;
}

/* A paste into a one-line prompt: one insert, newlines and tabs as spaces
 * (shown as such before Enter; a bracketed paste never submits). */
static void prompt_paste(editbuf *b, tui_event *ev, tui_app *a)
{
    if (ev->too_long) {
        tui_status(a, "貼り付けが長すぎます（%d 文字まで）。何も貼り付けていません", TUI_PASTE_MAX);
        return;
    }
    for (int i = 0; i < ev->npaste; i++)
        if (ev->paste[i] == L'\n' || ev->paste[i] == L'\t')
            ev->paste[i] = L' ';
    editbuf_insert(b, ev->paste, ev->npaste);
}

typedef struct prompt_state {
    editbuf b;
    char *out;
    size_t n;
    const char *problem;   /* shown instead of the key hint until the next key */
} prompt_state;

/* Enter: the text into out, if it fits whole. */
static int prompt_take(prompt_state *p)
{
    char *s = editbuf_utf8(&p->b);
    size_t len = strlen(s);
    int ok = len < p->n;
    if (ok)
        memcpy(p->out, s, len + 1);
    else
        p->problem = "長すぎます。短くしてから Enter（切り詰めはしません）";
    free(s);
    return ok;
}

/* The title wraps whole (up to 4 lines): a question asked again with the
 * reason the last answer was refused (しきい値判断's 「…」は人数として読めません。
 * 数字で入力してください) lost its end when cut at the box's width. */
static int prompt_title_lines(const char *title, int w)
{
    int lines = tui_wrap_lines(title, w - 4);
    return lines < 1 ? 1 : lines > 4 ? 4 : lines;
}

static void prompt_draw(WINDOW *win, int w, const char *title, prompt_state *p)
{
    werase(win);
    box(win, 0, 0);
    int t = tui_put_wrapped(win, 1, 2, w - 4, prompt_title_lines(title, w), title);
    int room = w - 6, from = visible_from(&p->b, room);
    int shown = p->b.len - from < room * 4 ? p->b.len - from : room * 4;
    char *vis = tui_wcs_to_utf8(p->b.text + from, shown);
    tui_put(win, 1 + t, 2, room, vis);
    free(vis);
    tui_put(win, 2 + t, 2, w - 4, p->problem ? p->problem : "Enter: 決定  Esc: 取消");
    wmove(win, 1 + t, 2 + tui_wcswidth(p->b.text + from, p->b.cursor - from));
    wrefresh(win);
}

/* One event; 1 when the prompt is done (rc set), 0 to go on. */
static int prompt_event(prompt_state *p, tui_event *ev, tui_app *a, int *rc)
{
    wint_t k = ev->key;
    int code = ev->type == TUI_EV_CODE, key = ev->type == TUI_EV_KEY;
    if (ev->type == TUI_EV_PASTE) {
        prompt_paste(&p->b, ev, a);
        return 0;
    }
    p->problem = NULL;
    if (!key && !code)
        return 0;
    switch (tui_key_action(SCR_PROMPT, (int)k, code)) {
    case ACT_OPEN: return prompt_take(p) ? (*rc = 0, 1) : 0;
    case ACT_BACK: return 1;
    case ACT_BACKSPACE: editbuf_backspace(&p->b); break;
    case ACT_DEL_CHAR: editbuf_delete(&p->b); break;
    case ACT_LEFT: editbuf_left(&p->b); break;
    case ACT_RIGHT: editbuf_right(&p->b); break;
    case ACT_LINE_START: p->b.cursor = 0; break;
    case ACT_LINE_END: p->b.cursor = p->b.len; break;
    case ACT_NONE:                      /* a key without a row is text */
        if (key && k >= 0x20 && k != 0x7f) {
            wchar_t c = (wchar_t)k;
            editbuf_insert(&p->b, &c, 1);
        }
        break;
    default: break;
    }
    return 0;
}

/* The prompt's box for the terminal's size now: after a resize the old
 * one stood on the remains of a screen cut to the small width (its right
 * edge gone, the view behind squeezed), so it is made anew on a cleared
 * screen; the view behind is drawn again when the prompt closes. */
static WINDOW *prompt_window(WINDOW *old, const char *title, int *w)
{
    if (old) {
        delwin(old);
        erase();
        wnoutrefresh(stdscr);
    }
    *w = getmaxx(stdscr) - 10;
    if (*w < 10)
        *w = 10;
    WINDOW *win = box_window(4 + prompt_title_lines(title, *w), *w);
    *w = getmaxx(win);
    return win;
}

static int is_resize(const tui_event *ev)
{
    return ev->type == TUI_EV_CODE && ev->key == KEY_RESIZE;
}

int tui_prompt(tui_app *a, const char *title, const char *initial, char *out, size_t n)
{
    int w, resized = 0;
    WINDOW *win = prompt_window(NULL, title, &w);
    prompt_state p = { .out = out, .n = n };
    editbuf_init(&p.b, initial, 1 << 20);       /* one long line, scrolled */
    p.b.cursor = p.b.len;
    int rc = -1, done = 0;
    while (!done) {
        if (resized)
            win = prompt_window(win, title, &w);
        resized = 0;
        if (tui_size_ok())      /* too small: its message, and typing goes on */
            prompt_draw(win, w, title, &p);
        tui_event ev;
        tui_read(win, 250, TUI_BURST_LINE, &ev);
        resized |= is_resize(&ev);
        if (tui_quit_signal)
            done = 1;
        else if (ev.type != TUI_EV_NONE)
            done = prompt_event(&p, &ev, a, &rc);
        /* Keys already waiting are taken before the next redraw. */
        while (!done && !tui_quit_signal && tui_input_pending(win)) {
            tui_event_free(&ev);
            tui_read(win, 0, TUI_BURST_LINE, &ev);
            resized |= is_resize(&ev);
            done = prompt_event(&p, &ev, a, &rc);
        }
        tui_event_free(&ev);
    }
    editbuf_free(&p.b);
    dialog_close(win);
    return rc;
}

int tui_confirm(tui_app *a, const char *question)
{
    (void)a;
    /* The question wraps whole: it names what goes (「…」（ID 2、ファイル 2 件、
     * 回答 545 件）を削除します…), and its end is the question itself. */
    int w = getmaxx(stdscr) - 10;
    int lines = tui_wrap_lines(question, w - 4), most = getmaxy(stdscr) - 6;
    if (lines > most)
        lines = most > 1 ? most : 1;
    WINDOW *win = box_window(lines + 4, w);
    tui_put_wrapped(win, 1, 2, w - 4, lines, question);
    tui_put(win, lines + 2, 2, w - 4, "y: はい  n / Esc: いいえ");
    wrefresh(win);
    int yes = 0;
    for (;;) {
        wint_t k;
        int act = dialog_action(win, SCR_CONFIRM, &k);
        if (act < 0 || act == ACT_BACK)
            break;
        if (act == ACT_YES) {
            yes = 1;
            break;
        }
    }
    dialog_close(win);
    return yes;
}

/* A pick-one menu's entries and how it is shown. */
typedef struct menu {
    const char *title;
    const char *const *items;
    int n;
    const char *esc;
    int whole;            /* lines under the list for the selected entry whole; 0: all fit */
    int top;              /* first entry shown */
    int room;             /* entries the last draw showed: a page for PgUp/PgDn */
} menu;

enum { MENU_WHOLE_MAX = 4 };

/* Columns an entry's row gives it: the box, its margins and "12) ". */
static int menu_item_room(const menu *m, int w)
{
    char num[16];
    snprintf(num, sizeof num, "%d) ", m->n);
    return w - 4 - (int)strlen(num);
}

/* When an entry is wider than its row, the selected one is shown whole
 * under the list: lines for the longest (at most MENU_WHOLE_MAX). */
static int menu_whole_lines(const menu *m, int w)
{
    int most = 0;
    for (int i = 0; i < m->n; i++) {
        if (tui_wrap_lines(m->items[i], menu_item_room(m, w)) < 2)
            continue;
        int k = tui_wrap_lines(m->items[i], w - 4);
        most = k > most ? k : most;
    }
    return most < MENU_WHOLE_MAX ? most : MENU_WHOLE_MAX;
}

/* The list (scrolled to the selection, the title saying where when not
 * all entries show; a cut entry ends in …), the selected entry whole when
 * some are cut, and the keys. */
static void menu_draw(WINDOW *win, menu *m, int sel)
{
    int h = getmaxy(win), w = getmaxx(win);
    int whole = m->whole && h - 4 - m->whole >= 1 ? m->whole : 0;
    int room = h - 3 - (whole ? whole + 1 : 0);
    m->room = room > 0 ? room : 1;
    werase(win);
    box(win, 0, 0);
    char *title = m->n > room ? pia_xasprintf("%s（%d/%d）", m->title, sel + 1, m->n) : pia_xstrdup(m->title);
    tui_put_wrapped(win, 0, 2, w - 4, 1, title);    /* a cut title ends in … */
    free(title);
    if (sel < m->top) m->top = sel;
    if (sel >= m->top + room) m->top = sel - room + 1;
    for (int i = 0; i < room && m->top + i < m->n; i++) {
        if (m->top + i == sel) wattron(win, A_REVERSE);
        mvwhline(win, 1 + i, 1, ' ', w - 2);
        char num[16];
        snprintf(num, sizeof num, "%d) ", m->top + i + 1);
        int x = 2 + tui_put(win, 1 + i, 2, 6, num);
        tui_put_wrapped(win, 1 + i, x, w - x - 2, 1, m->items[m->top + i]);
        if (m->top + i == sel) wattroff(win, A_REVERSE);
    }
    if (whole) {
        mvwhline(win, room + 1, 1, ACS_HLINE, w - 2);
        tui_put_wrapped(win, room + 2, 2, w - 4, whole, m->items[sel]);
    }
    char hint[160];
    snprintf(hint, sizeof hint, "↑↓ / 数字 / PgUp・PgDn: 選ぶ  Enter: 決定  Esc: %s", m->esc);
    tui_put(win, h - 2, 2, w - 4, hint);
    wrefresh(win);
}

int tui_menu(tui_app *a, const char *title, const char *const *items, int n, int current)
{
    return tui_menu_esc(a, title, items, n, current, "取消");
}

int tui_menu_esc(tui_app *a, const char *title, const char *const *items, int n, int current,
                 const char *esc)
{
    (void)a;
    int w = getmaxx(stdscr) - 8;
    menu m = { title, items, n, esc, 0, 0, 1 };
    m.whole = menu_whole_lines(&m, w);
    WINDOW *win = box_window(n + 4 + m.whole, w);
    int sel = current >= 0 && current < n ? current : 0, rc = -1;
    for (;;) {
        if (tui_size_ok())      /* too small: its message until widened */
            menu_draw(win, &m, sel);
        wint_t k;
        int act = dialog_action(win, SCR_MENU, &k);
        if (act < 0 || act == ACT_BACK)
            break;
        if (act == ACT_NONE && k == KEY_RESIZE) {   /* anew, as the prompt's box */
            delwin(win);
            erase();
            wnoutrefresh(stdscr);
            w = getmaxx(stdscr) - 8 > 10 ? getmaxx(stdscr) - 8 : 10;
            m.whole = menu_whole_lines(&m, w);
            win = box_window(n + 4 + m.whole, w);
            continue;
        }
        if (act == ACT_UP) sel = sel > 0 ? sel - 1 : 0;
        else if (act == ACT_DOWN) sel = sel < n - 1 ? sel + 1 : sel;
        else if (act == ACT_PICK && (int)k - '1' < n) sel = (int)k - '1';   /* the row's digit */
        else if (act == ACT_PGUP) sel = sel > m.room ? sel - m.room : 0;
        else if (act == ACT_PGDN) sel = sel + m.room < n ? sel + m.room : n - 1;
        else if (act == ACT_TOP) sel = 0;
        else if (act == ACT_BOTTOM) sel = n - 1;
        else if (act == ACT_OPEN) { rc = sel; break; }
    }
    dialog_close(win);
    return rc;
}

/* Where a message is scrolled to after an action; -1 to close it. */
static int message_key(int act, int top, int room, int n)
{
    int last = n > room ? n - room : 0;
    switch (act) {
    case ACT_UP: top--; break;
    case ACT_DOWN: top++; break;
    case ACT_PGUP: top -= room; break;
    case ACT_PGDN: top += room; break;
    case ACT_TOP: top = 0; break;
    case ACT_BOTTOM: top = last; break;
    case ACT_BACK: return -1;
    default: break;
    }
    return top < 0 ? 0 : top > last ? last : top;
}

/* A text in a window, wrapped by Japanese line breaking (nothing is cut:
 * every line can be scrolled to with ↑↓ PgUp PgDn Home End); a line that
 * wraps goes on `hang` columns in. */
static void message_hanging(const char *title, const char *text, int hang)
{
    int w = getmaxx(stdscr) - 4;
    WINDOW *win = box_window(getmaxy(stdscr) - 2, w);
    int h = getmaxy(win), room = h - 3;
    w = getmaxx(win);
    tui_span *sp;
    int n = tui_wrap_hanging(text, w - 4, hang, &sp), top = 0;
    for (;;) {
        werase(win);
        box(win, 0, 0);
        tui_put(win, 0, 2, w - 4, title);
        for (int i = 0; i < room && top + i < n; i++) {
            const tui_span *s = &sp[top + i];
            char *line = pia_xstrndup(text + s->at, s->len);
            tui_put(win, 1 + i, 2 + s->indent, w - 4 - s->indent, line);
            free(line);
        }
        char hint[160];
        int shown = top + room < n ? top + room : n;
        snprintf(hint, sizeof hint, "%d–%d / %d 行  ↑↓ PgUp PgDn Home End: 移動  Enter / Esc: 閉じる",
                 n ? top + 1 : 0, shown, n);
        tui_put(win, h - 2, 2, w - 4, hint);
        wrefresh(win);
        wint_t k;
        int act = dialog_action(win, SCR_MESSAGE, &k);
        if (act < 0 || (top = message_key(act, top, room, n)) < 0)
            break;
    }
    free(sp);
    dialog_close(win);
}

void tui_message(tui_app *a, const char *title, const char *text)
{
    (void)a;
    message_hanging(title, text, 0);
}

/* The keys of the screen first, then those of the editor, the prompt and
 * the menus, which every screen can lead to: all from the key table, so
 * a key added there is listed here with its help text. */
void tui_help(tui_app *a, int screen)
{
    static const struct { int screens; const char *title; } also[] = {
        { SCR_EDITOR, "― 記述式の項目の編集中 ―" },
        { SCR_PROMPT, "― 入力欄 ―" },
        { SCR_MENU | SCR_CONFIRM | SCR_MESSAGE, "― メニュー・確認・表示中の文章 ―" },
    };
    (void)a;
    char *buf = pia_xstrdup("");
    tui_key_help(screen, &buf);
    for (size_t i = 0; i < sizeof also / sizeof also[0]; i++) {
        if (also[i].screens & screen)
            continue;
        char *t = pia_xasprintf("%s\n%s\n", buf, also[i].title);
        free(buf);
        buf = t;
        tui_key_help(also[i].screens, &buf);
    }
    char *t = pia_xasprintf("%s\n", buf);
    free(buf);
    tui_key_help_line("貼り付け", "記述式の項目の上で貼り付けるとエディタが開きます（ほかの行では何もしません）", &t);
    tui_key_help_line("ambiguous 幅", "--ambiguous-wide または PIA_AMBIGUOUS_WIDE=1", &t);
    message_hanging("キー操作（? ヘルプ）", t, TUI_KEY_HELP_COLUMN);
    free(t);
}
