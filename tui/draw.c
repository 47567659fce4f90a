/*
 * draw.c — drawing text safely: every string from the store passes here,
 * so control characters are shown as ^X and never reach the terminal, and
 * characters are placed by tui_wcwidth so the ambiguous-width setting holds.
 */
#include "app.h"
#include "width.h"
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
    int right = (int)strlen(saved) ? 22 : 0;
    tui_put(stdscr, rows - 1, x, cols - 2 - x - right, msg ? msg : "");
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
    int len;
    wchar_t *w = tui_utf8_to_wcs(msg, &len);
    /* Wrap the message by hand: even 20 columns must show all of it. */
    int y = 0, col = 0;
    for (int i = 0; i < len && y < rows; i++) {
        int cw = tui_wcwidth(w[i]);
        if (col + cw > cols) {
            y++;
            col = 0;
        }
        if (y < rows)
            mvaddnwstr(y, col, &w[i], 1);
        col += cw;
    }
    free(w);
    refresh();
    return 0;
}
