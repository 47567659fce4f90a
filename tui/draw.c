/*
 * draw.c — drawing text safely: every string from the store passes here,
 * so control characters are shown as ^X and never reach the terminal, and
 * characters are placed by tui_wcwidth so the ambiguous-width setting holds;
 * wrapped text breaks where Japanese typesetting allows (model/linebreak).
 */
#include "draw.h"
#include "width.h"
#include "model/linebreak.h"
#include "model/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
            /* A spacing character and the combining marks after it (゚ ゙ ́,
             * a joiner) go into one cell: a mark drawn alone at the next
             * cell would be overwritten there and lost from the screen. */
            wchar_t cell[CCHARW_MAX + 1] = { c };
            int n = 1;
            while (cw > 0 && i + 1 < len && n < CCHARW_MAX && s[i + 1] >= 0xa0 &&
                   !TUI_IS_RAW_BYTE(s[i + 1]) && tui_wcwidth(s[i + 1]) == 0)
                cell[n++] = s[++i];
            cell[n] = 0;
            cchar_t cc;
            if (cw > 0 && setcchar(&cc, cell, 0, 0, NULL) == OK)
                mvwadd_wch(w, y, x + col, &cc);
            else
                mvwaddnwstr(w, y, x + col, cell, n);
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

int tui_wrap_hanging(const char *utf8, int width, int hang, tui_span **out)
{
    const char *s = utf8 ? utf8 : "";
    if (hang < 0 || hang > width / 2)
        hang = 0;                    /* too narrow to indent: wrap flush */
    int n = 0, cap = 16, indent = 0;
    tui_span *sp = pia_xmalloc((size_t)cap * sizeof *sp);
    size_t pos = 0, next;
    do {
        int cap_cols = width - indent;
        size_t len = pia_lb_line(s + pos, cap_cols > 1 ? cap_cols : 1, term_width, &next);
        if (n == cap)
            sp = pia_xrealloc(sp, (size_t)(cap *= 2) * sizeof *sp);
        sp[n++] = (tui_span){ pos, len, indent };
        indent = next > 0 && s[pos + next - 1] == '\n' ? 0 : hang;   /* a newline ends the entry */
        pos += next;
    } while (s[pos]);
    *out = sp;
    return n;
}

int tui_wrap(const char *utf8, int width, tui_span **out)
{
    return tui_wrap_hanging(utf8, width, 0, out);
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

/* Columns tui_put would use for the whole of utf8. */
static int text_cols(const char *utf8)
{
    int len;
    wchar_t *s = tui_utf8_to_wcs(utf8, &len);
    int cols = tui_wcswidth(s, len);
    free(s);
    return cols;
}

void tui_hline_head_tail(WINDOW *w, int y, const char *head, const char *tail, int pair)
{
    int cols = getmaxx(w), room = cols - 2, tail_cols = text_cols(tail);
    if (text_cols(head) + tail_cols <= room || tail_cols > room / 2) {
        char *all = pia_xasprintf("%s%s", head, tail);
        tui_hline_text(w, y, all, pair);
        free(all);
        return;
    }
    if (pair)
        wattron(w, COLOR_PAIR(pair) | A_REVERSE);
    mvwhline(w, y, 0, ' ', cols);
    int used = tui_put(w, y, 1, room - tail_cols - 2, head);
    used += tui_put(w, y, 1 + used, 2, "…");
    tui_put(w, y, 1 + used, room - used, tail);
    if (pair)
        wattroff(w, COLOR_PAIR(pair) | A_REVERSE);
}

char *tui_cut(const char *utf8, int width)
{
    if (text_cols(utf8) <= width)
        return pia_xstrdup(utf8);
    int len, col = 0, i = 0;
    wchar_t *s = tui_utf8_to_wcs(utf8, &len);
    for (; i < len && col + tui_wcwidth(s[i]) <= width - 2; i++)
        col += tui_wcwidth(s[i]);
    while (i < len && tui_wcwidth(s[i]) == 0)    /* a mark stays with its character */
        i++;
    char *head = tui_wcs_to_utf8(s, i);
    free(s);
    char *out = pia_xasprintf("%s…", head);
    free(head);
    return out;
}
