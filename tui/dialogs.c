/*
 * dialogs.c — small windows over the current view: a one-line prompt, a
 * yes/no question, a pick-one menu, a scrolling message and the help
 * screen (printed from the key table).
 */
#include "app.h"
#include "editbuf.h"
#include "keymap.h"
#include "width.h"

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

/* The next key for a dialog: OK or KEY_CODE_YES with the key in *k, or
 * -1 when a quit signal (SIGHUP, SIGTERM) arrived.  Waits in short steps
 * so a signal is noticed even while nobody types. */
static int dialog_key(WINDOW *win, wint_t *k)
{
    wtimeout(win, 250);
    for (;;) {
        int t = wget_wch(win, k);
        if (tui_quit_signal)
            return -1;
        if (t != ERR)
            return t;
    }
}

static void dialog_close(WINDOW *win)
{
    delwin(win);
    touchwin(stdscr);
}

int tui_prompt(tui_app *a, const char *title, const char *initial, char *out, size_t n)
{
    (void)a;
    int w = getmaxx(stdscr) - 10;
    WINDOW *win = box_window(5, w);
    editbuf b;
    editbuf_init(&b, initial, 1 << 20);       /* one long line, scrolled */
    b.cursor = b.len;
    int rc = -1;
    for (;;) {
        werase(win);
        box(win, 0, 0);
        tui_put(win, 1, 2, w - 4, title);
        int room = w - 6;
        int from = 0;
        while (tui_wcswidth(b.text + from, b.cursor - from) > room)
            from++;
        char *vis = tui_wcs_to_utf8(b.text + from, b.len - from);
        tui_put(win, 2, 2, room, vis);
        free(vis);
        tui_put(win, 3, 2, w - 4, "Enter: 決定  Esc: 取消");
        wmove(win, 2, 2 + tui_wcswidth(b.text + from, b.cursor - from));
        wrefresh(win);
        wint_t k;
        int t = dialog_key(win, &k);
        if (t < 0)
            break;
        if (t == OK && (k == '\n' || k == '\r')) {
            char *s = editbuf_utf8(&b);
            snprintf(out, n, "%s", s);
            free(s);
            rc = 0;
            break;
        }
        if (t == OK && k == 27)
            break;
        if ((t == KEY_CODE_YES && k == KEY_BACKSPACE) || (t == OK && (k == 127 || k == 8)))
            editbuf_backspace(&b);
        else if (t == KEY_CODE_YES && k == KEY_DC) editbuf_delete(&b);
        else if (t == KEY_CODE_YES && k == KEY_LEFT) editbuf_left(&b);
        else if (t == KEY_CODE_YES && k == KEY_RIGHT) editbuf_right(&b);
        else if (t == KEY_CODE_YES && k == KEY_HOME) b.cursor = 0;
        else if (t == KEY_CODE_YES && k == KEY_END) b.cursor = b.len;
        else if (t == OK && k >= 0x20 && k != 0x7f) {
            wchar_t c = (wchar_t)k;
            editbuf_insert(&b, &c, 1);
        }
    }
    editbuf_free(&b);
    dialog_close(win);
    return rc;
}

int tui_confirm(tui_app *a, const char *question)
{
    (void)a;
    int w = getmaxx(stdscr) - 10;
    WINDOW *win = box_window(5, w);
    tui_put(win, 1, 2, w - 4, question);
    tui_put(win, 3, 2, w - 4, "y: はい  n / Esc: いいえ");
    wrefresh(win);
    int yes = 0;
    for (;;) {
        wint_t k;
        int t = dialog_key(win, &k);
        if (t < 0)
            break;
        if (t == OK && (k == 'y' || k == 'Y')) {
            yes = 1;
            break;
        }
        if (t == OK && (k == 'n' || k == 'N' || k == 27 || k == 'q'))
            break;
    }
    dialog_close(win);
    return yes;
}

int tui_menu(tui_app *a, const char *title, const char *const *items, int n, int current)
{
    (void)a;
    int w = getmaxx(stdscr) - 8, h = n + 4;
    WINDOW *win = box_window(h, w);
    h = getmaxy(win);
    int sel = current >= 0 && current < n ? current : 0, top = 0, rc = -1;
    for (;;) {
        werase(win);
        box(win, 0, 0);
        tui_put(win, 0, 2, w - 4, title);
        int room = h - 3;
        if (sel < top) top = sel;
        if (sel >= top + room) top = sel - room + 1;
        for (int i = 0; i < room && top + i < n; i++) {
            if (top + i == sel) wattron(win, A_REVERSE);
            mvwhline(win, 1 + i, 1, ' ', w - 2);
            char num[16];
            snprintf(num, sizeof num, "%d) ", top + i + 1);
            int x = 2 + tui_put(win, 1 + i, 2, 6, num);
            tui_put(win, 1 + i, x, w - x - 2, items[top + i]);
            if (top + i == sel) wattroff(win, A_REVERSE);
        }
        tui_put(win, h - 2, 2, w - 4, "↑↓ / 数字: 選ぶ  Enter: 決定  Esc: 取消");
        wrefresh(win);
        wint_t k;
        int t = dialog_key(win, &k);
        if (t < 0)
            break;
        if ((t == KEY_CODE_YES && k == KEY_UP) || (t == OK && k == 'k')) sel = sel > 0 ? sel - 1 : 0;
        else if ((t == KEY_CODE_YES && k == KEY_DOWN) || (t == OK && k == 'j')) sel = sel < n - 1 ? sel + 1 : sel;
        else if (t == OK && k >= '1' && k <= '9' && (int)k - '1' < n) sel = (int)k - '1';
        else if (t == OK && (k == '\n' || k == '\r')) { rc = sel; break; }
        else if (t == KEY_CODE_YES && k == KEY_ENTER) { rc = sel; break; }
        else if (t == OK && (k == 27 || k == 'q')) break;
    }
    dialog_close(win);
    return rc;
}

void tui_message(tui_app *a, const char *title, const char *text)
{
    /* Split into lines and reuse the menu as a scrolling viewer. */
    char *copy = pia_xstrdup(text);
    int cap = 1;
    for (const char *p = text; *p; p++)
        cap += *p == '\n';
    const char **lines = pia_xmalloc(sizeof *lines * (size_t)cap);
    int n = 0;
    for (char *p = copy, *nl; p; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        if (nl) *nl = '\0';
        lines[n++] = p;
    }
    tui_menu(a, title, lines, n, 0);
    free(lines);
    free(copy);
}

void tui_help(tui_app *a, int screen)
{
    char *buf = pia_xstrdup("");
    for (const tui_key *k = tui_keys; k->key || k->action; k++) {
        if (!k->help || !(k->screens & screen))
            continue;
        char *t = pia_xasprintf("%s%-12s %s\n", buf, k->name, k->help);
        free(buf);
        buf = t;
    }
    char *t = pia_xasprintf("%s編集中: 矢印・Home/End・PgUp/PgDn で移動、Ctrl-Z 取り消し、Esc / F2 で終了（自動保存）\n"
                            "ambiguous 幅: --ambiguous-wide または PIA_AMBIGUOUS_WIDE=1", buf);
    free(buf);
    tui_message(a, "キー操作（? ヘルプ）", t);
    free(t);
}
