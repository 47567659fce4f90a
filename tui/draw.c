/*
 * draw.c — drawing text safely: every string from the store passes here,
 * so control characters are shown as ^X and never reach the terminal, and
 * characters are placed by tui_wcwidth so the ambiguous-width setting holds;
 * wrapped text breaks where Japanese typesetting allows (model/linebreak).
 */
#include "app.h"
#include "width.h"
#include "model/linebreak.h"
#include "model/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

volatile sig_atomic_t tui_quit_signal;

int tui_put(WINDOW *w, int y, int x, int width, const char *utf8)
{
    int len;
    wchar_t *s = tui_utf8_to_wcs(utf8 ? utf8 : "", &len);
    int col = 0;
    for (int i = 0; i < len; i++) {
        wchar_t c = s[i];
        int cw = tui_wcwidth(c);
        if (col + cw > width)
            break;
        if (TUI_IS_RAW_BYTE(c) || (c >= 0x80 && c < 0xa0)) {   /* as pia_text_visible shows them */
            wchar_t esc[5];
            swprintf(esc, 5, L"<%02X>", (unsigned)c & 0xFF);
            mvwaddnwstr(w, y, x + col, esc, 4);
        } else if (c < 0x20 || c == 0x7f) {
            wchar_t esc[3] = { L'^', c == 0x7f ? L'?' : (wchar_t)(c + 0x40), 0 };
            mvwaddnwstr(w, y, x + col, esc, 2);
        } else {
            wchar_t one[2] = { c, 0 };
            mvwaddnwstr(w, y, x + col, one, 1);
        }
        col += cw;
    }
    free(s);
    return col;
}

/* Columns of a code point for model/linebreak: what tui_put draws (a
 * malformed byte decodes to U+FFFD and is drawn as <9B>, four columns). */
static int term_width(unsigned cp)
{
    return cp == 0xFFFD ? 4 : tui_wcwidth((wchar_t)cp);
}

int tui_wrap_lines(const char *utf8, int width)
{
    return pia_lb_lines(utf8 ? utf8 : "", width > 1 ? width : 1, term_width);
}

int tui_wrap(const char *utf8, int width, tui_span **out)
{
    const char *s = utf8 ? utf8 : "";
    int n = 0, cap = 16;
    tui_span *sp = pia_xmalloc((size_t)cap * sizeof *sp);
    size_t pos = 0, next;
    do {
        size_t len = pia_lb_line(s + pos, width > 1 ? width : 1, term_width, &next);
        if (n == cap)
            sp = pia_xrealloc(sp, (size_t)(cap *= 2) * sizeof *sp);
        sp[n++] = (tui_span){ pos, len };
        pos += next;
    } while (s[pos]);
    *out = sp;
    return n;
}

/* Every wrap of the TUI goes through model/linebreak, so no line starts
 * with 、。」 or a small kana and none ends with 「（. */
int tui_put_wrapped(WINDOW *w, int y, int x, int width, int max_lines, const char *utf8)
{
    const char *s = utf8 ? utf8 : "";
    if (width < 2)
        width = 2;
    int n = 0;
    size_t pos = 0, next;
    while (n < max_lines) {
        size_t len = pia_lb_line(s + pos, width, term_width, &next);
        int last = n == max_lines - 1 && s[pos + next];
        if (last)                           /* more follows: room for the mark */
            len = pia_lb_line(s + pos, width - 2, term_width, &next);
        char *line = pia_xstrndup(s + pos, len);
        int used = tui_put(w, y + n, x, width, line);
        free(line);
        if (last)
            tui_put(w, y + n, x + used, 2, "…");
        n++;
        pos += next;
        if (!s[pos])
            break;
    }
    return n;
}

void tui_local_time(const char *utc, char *buf, size_t n)
{
    struct tm tm = { 0 };
    const char *end = utc ? strptime(utc, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
    if (!end) {
        snprintf(buf, n, "%.16s", utc ? utc : "");
        return;
    }
    time_t t = timegm(&tm);
    localtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

void tui_hline_text(WINDOW *w, int y, const char *utf8, int pair)
{
    int cols = getmaxx(w);
    if (pair)
        wattron(w, COLOR_PAIR(pair) | A_REVERSE);
    mvwhline(w, y, 0, ' ', cols);
    tui_put(w, y, 1, cols - 2, utf8);
    if (pair)
        wattroff(w, COLOR_PAIR(pair) | A_REVERSE);
}

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
