/*
 * textpane.c — a scrollable block of styled, wrapped text (see textpane.h).
 *
 * Deleted and inserted text carry their markers ([-…-], {+…+}) as text,
 * put there by the caller, so a change reads on a monochrome terminal;
 * colour (and an underline for insertions) comes on top.
 */
#include "textpane.h"
#include "app.h"
#include "draw.h"
#include "width.h"
#include "model/linebreak.h"

#include <stdlib.h>
#include <string.h>

static int pairs_ok;

void tui_tp_colours(int colour)
{
    pairs_ok = colour && COLOR_PAIRS > PAIR_TP_INS &&
               init_pair(PAIR_TP_DEL, COLOR_RED, -1) == OK &&
               init_pair(PAIR_TP_INS, COLOR_GREEN, -1) == OK;
}

void tui_tp_clear(tui_textpane *p)
{
    p->n = 0;
    p->nlines = 0;
    p->width = 0;
    p->top = 0;
    p->first_edit = -1;
}

void tui_tp_free(tui_textpane *p)
{
    free(p->ch);
    free(p->st);
    free(p->start);
    free(p->len);
    memset(p, 0, sizeof *p);
}

void tui_tp_add(tui_textpane *p, const char *utf8, tui_tp_style style)
{
    int len;
    wchar_t *w = tui_utf8_to_wcs(utf8 ? utf8 : "", &len);
    if (p->n + len > p->cap) {
        p->cap = (p->n + len) * 2 + 64;
        p->ch = pia_xrealloc(p->ch, (size_t)p->cap * sizeof *p->ch);
        p->st = pia_xrealloc(p->st, (size_t)p->cap);
    }
    if ((style == TP_DEL || style == TP_INS) && p->first_edit < 0 && len)
        p->first_edit = p->n;
    memcpy(p->ch + p->n, w, (size_t)len * sizeof *w);
    memset(p->st + p->n, (int)style, (size_t)len);
    p->n += len;
    p->width = 0;
    free(w);
}

static void add_line(tui_textpane *p, int start, int len)
{
    if (p->nlines == p->lcap) {
        p->lcap = p->lcap ? p->lcap * 2 : 64;
        p->start = pia_xrealloc(p->start, (size_t)p->lcap * sizeof *p->start);
        p->len = pia_xrealloc(p->len, (size_t)p->lcap * sizeof *p->len);
    }
    p->start[p->nlines] = start;
    p->len[p->nlines] = len;
    p->nlines++;
}

/* Where a line that would overflow at `at` breaks instead: one character
 * earlier when `at` may not begin a line (、。」) or the one before it may
 * not end one (「（), as long as the line keeps a character. */
static int kinsoku(const tui_textpane *p, int start, int at)
{
    if (at - 1 > start && (pia_lb_no_start((unsigned)p->ch[at]) ||
                           pia_lb_no_end((unsigned)p->ch[at - 1])))
        return at - 1;
    return at;
}

void tui_tp_wrap(tui_textpane *p, int width)
{
    if (width < 4)
        width = 4;
    if (p->width == width)
        return;
    p->width = width;
    p->nlines = 0;
    int start = 0, col = 0;
    for (int i = 0; i < p->n; i++) {
        if (p->ch[i] == L'\n') {
            add_line(p, start, i - start);
            start = i + 1;
            col = 0;
            continue;
        }
        int cw = tui_wcwidth(p->ch[i]);
        if (col + cw > width && i > start) {
            int at = kinsoku(p, start, i);
            add_line(p, start, at - start);
            start = at;
            col = tui_wcswidth(p->ch + at, i - at);
        }
        col += cw;
    }
    if (start < p->n || p->nlines == 0)
        add_line(p, start, p->n - start);
    if (p->top >= p->nlines)
        p->top = p->nlines - 1;
}

int tui_tp_line_of(const tui_textpane *p, int index)
{
    int l = p->nlines - 1;
    while (l > 0 && p->start[l] > index)
        l--;
    return l > 0 ? l : 0;
}

void tui_tp_scroll(tui_textpane *p, int by, int height)
{
    int max = p->nlines - height;
    p->top += by;
    if (p->top > max)
        p->top = max;
    if (p->top < 0)
        p->top = 0;
}

static attr_t style_attr(int style, int colour)
{
    colour = colour && pairs_ok;
    switch (style) {
    case TP_HEAD: return A_BOLD;
    case TP_DIM: return A_DIM;
    case TP_DEL: return colour ? COLOR_PAIR(PAIR_TP_DEL) | A_BOLD : A_BOLD;
    case TP_INS: return (colour ? COLOR_PAIR(PAIR_TP_INS) : 0) | A_UNDERLINE | A_BOLD;
    case TP_WARN: return colour ? COLOR_PAIR(PAIR_WARN) | A_BOLD : A_BOLD;
    }
    return A_NORMAL;
}

/* One wrapped line, a run of equal style at a time. */
static void draw_line(const tui_textpane *p, WINDOW *w, int y, int x, int l, int colour)
{
    int col = 0, width = p->width;
    for (int i = p->start[l], end = i + p->len[l]; i < end;) {
        int j = i;
        while (j < end && p->st[j] == p->st[i])
            j++;
        char *run = tui_wcs_to_utf8(p->ch + i, j - i);
        attr_t at = style_attr(p->st[i], colour);
        wattron(w, at);
        col += tui_put(w, y, x + col, width - col, run);
        wattroff(w, at);
        free(run);
        i = j;
    }
}

void tui_tp_draw(const tui_textpane *p, WINDOW *w, int y, int x, int height, int colour)
{
    for (int k = 0; k < height && p->top + k < p->nlines; k++)
        draw_line(p, w, y + k, x, p->top + k, colour);
}
