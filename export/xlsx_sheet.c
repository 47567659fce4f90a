/*
 * xlsx_sheet.c — rows laid out onto pages (see xlsx_sheet.h).
 */
#include "xlsx_sheet.h"
#include "model/err.h"
#include "model/linebreak.h"

#include <stdlib.h>
#include <string.h>

#define MIN_PIECE_LINES 3     /* a long answer starts a page rather than leave fewer */

void xl_sheet_init(xl_sheet *s, const xl_metrics *m, const double *widths, int ncols)
{
    memset(s, 0, sizeof *s);
    s->m = m;
    s->ncols = ncols > XL_MAX_COLS ? XL_MAX_COLS : ncols;
    for (int c = 0; c < s->ncols; c++)
        s->widths[c] = widths[c];
    s->header_row = -1;
}

void xl_sheet_free(xl_sheet *s)
{
    for (int i = 0; i < s->n; i++) {
        for (int c = 0; c < s->rows[i].n; c++)
            free(s->rows[i].cells[c].text);
        free(s->rows[i].cont);
    }
    free(s->rows);
    memset(s, 0, sizeof *s);
}

xl_row *xl_sheet_row(xl_sheet *s)
{
    if (s->n == s->cap)
        s->rows = pia_xrealloc(s->rows, (size_t)(s->cap = s->cap ? s->cap * 2 : 128) * sizeof *s->rows);
    xl_row *r = &s->rows[s->n++];
    memset(r, 0, sizeof *r);
    return r;
}

xl_cell *xl_row_cell(xl_row *r, int c0, int c1, const char *text, xl_style style, int indent)
{
    if (r->n == XL_MAX_COLS)
        return &r->cells[r->n - 1];
    xl_cell *c = &r->cells[r->n++];
    *c = (xl_cell){ .c0 = c0, .c1 = c1, .text = pia_xstrdup(text ? text : ""),
                    .style = style, .indent = indent };
    return c;
}

/* ---- measuring --------------------------------------------------------- */

typedef struct pager {
    xl_sheet *s;
    lxw_worksheet *ws;
    xl_styles *st;
    lxw_row_t row;            /* the next sheet row */
    double used;              /* points used on the current page */
    double header_h;          /* a repeated table header's height */
    lxw_row_t breaks[LXW_BREAKS_MAX + 1];
    int nbreaks;
    lxw_error err;
} pager;

static int cap_of(const pager *p, const xl_cell *c)
{
    return xl_text_cap(p->s->m, p->s->widths, c->c0, c->c1, c->indent);
}

static int lines_of(const pager *p, const xl_cell *c, const char *text)
{
    if (text == c->text)
        return c->lines;
    return xl_text_lines(text, cap_of(p, c), xl_style_size(c->style));
}

/* Every cell's own text measured once, before placing: a row's height is
 * asked again for every heading chained to it. */
static void measure(const pager *p, xl_sheet *s)
{
    for (int i = 0; i < s->n; i++)
        for (int k = 0; k < s->rows[i].n; k++) {
            xl_cell *c = &s->rows[i].cells[k];
            c->lines = xl_text_lines(c->text, cap_of(p, c), xl_style_size(c->style));
        }
}

/* The height of r printed with these texts (NULL: the cells' own). */
static double height_of(const pager *p, const xl_row *r, const char *const *texts)
{
    if (r->fixed_h > 0)
        return r->fixed_h;
    double h = 0;
    for (int i = 0; i < r->n; i++) {
        const xl_cell *c = &r->cells[i];
        const char *t = texts ? texts[i] : c->text;
        double ch = xl_row_height(p->s->m, lines_of(p, c, t), xl_style_size(c->style));
        if (ch > h)
            h = ch;
    }
    return h > r->min_h ? h : r->min_h;
}

static int has_split(const xl_row *r)
{
    for (int i = 0; i < r->n; i++)
        if (r->cells[i].split)
            return 1;
    return 0;
}

/* Whether r fits in one row of the sheet (Excel's 409 pt). */
static int fits_one_row(const pager *p, const xl_row *r)
{
    for (int i = 0; i < r->n; i++)
        if (lines_of(p, &r->cells[i], r->cells[i].text) * xl_style_size(r->cells[i].style) / 10.0 >
            p->s->m->max_lines)
            return 0;
    return 1;
}

/* ---- writing ------------------------------------------------------------ */

static void new_page(pager *p)
{
    if (p->used <= p->header_h)
        return;
    if (p->nbreaks < LXW_BREAKS_MAX)
        p->breaks[p->nbreaks++] = p->row;
    p->used = p->header_h;
    p->s->pages++;
}

/* Text broken into lines where pia's rules break it.  LibreOffice breaks
 * lines in a cell without the rules of Japanese typesetting (a line may
 * start with 、 or 。), so the sheet it prints gets its lines from pia; the
 * spaces at a break hang out of sight and are left out. */
static char *prebreak(const pager *p, const xl_cell *c, const char *text)
{
    int cap = (int)(cap_of(p, c) * 10.0 / xl_style_size(c->style));
    size_t n = strlen(text), o = 0, next;
    char *out = pia_xmalloc(n * 2 + 1);
    for (const char *s = text; *s;) {
        size_t len = pia_lb_line(s, cap, pia_lb_print_width, &next);
        memcpy(out + o, s, len);
        o += len;
        s += next;
        if (*s || (next > len && s[-1] == '\n'))
            out[o++] = '\n';
    }
    out[o] = '\0';
    return out;
}

static void put_cell(pager *p, const xl_cell *c, const char *text, int open_top, int open_bottom)
{
    char *broken = NULL;
    if (p->s->m->target == PIA_XLSX_LIBREOFFICE && c->style != XL_S_PLAIN && c->style != XL_S_STAMP)
        text = broken = prebreak(p, c, text);
    lxw_format *f = xl_format(p->st, c->style, c->indent, open_top, open_bottom);
    lxw_error e = c->c1 > c->c0
        ? worksheet_merge_range(p->ws, p->row, (lxw_col_t)c->c0, p->row, (lxw_col_t)c->c1, text, f)
        : worksheet_write_string(p->ws, p->row, (lxw_col_t)c->c0, text, f);
    if (e && !p->err)
        p->err = e;
    free(broken);
}

/* One sheet row: texts[i] for cell i; the boxes of split cells stay open
 * where the answer goes on. */
static void emit(pager *p, const xl_row *r, const char *const *texts, int open_top, int open_bottom,
                 double h)
{
    worksheet_set_row(p->ws, p->row, h, NULL);
    for (int i = 0; i < r->n; i++)
        put_cell(p, &r->cells[i], texts[i], open_top, open_bottom);
    p->row++;
    p->used += h;
}

/* What a row needs at the foot of a page so its heading is not left
 * alone: all of it, or its first few lines when it can be cut. */
static double first_part(const pager *p, const xl_row *r)
{
    double h = height_of(p, r, NULL);
    if (!has_split(r))
        return h;
    double some = xl_row_height(p->s->m, MIN_PIECE_LINES, XL_FONT_SIZE);
    return h < some ? h : some;
}

static double chain_height(const pager *p, int i)
{
    double h = 0;
    const xl_sheet *s = p->s;
    for (; i < s->n && s->rows[i].keep_next; i++)
        h += height_of(p, &s->rows[i], NULL);
    if (i < s->n)
        h += first_part(p, &s->rows[i]);
    return h;
}

/* ---- a long row, piece by piece ---------------------------------------- */

typedef struct pieces {
    const char *rest[XL_MAX_COLS];    /* what is left of each split cell */
    const char *text[XL_MAX_COLS];    /* this piece */
    char *owned[XL_MAX_COLS];
} pieces;

static int all_done(const xl_row *r, const pieces *x)
{
    for (int i = 0; i < r->n; i++)
        if (r->cells[i].split && *x->rest[i])
            return 0;
    return 1;
}

/* Lines the fixed (not split) cells need on a row that carries them. */
static int fixed_lines(const pager *p, const xl_row *r, const pieces *x)
{
    int n = 1;
    for (int i = 0; i < r->n; i++) {
        if (r->cells[i].split)
            continue;
        int l = lines_of(p, &r->cells[i], x->text[i]);
        if (l > n)
            n = l;
    }
    return n;
}

/* Cut every split cell to `lines` lines; returns whether all that is left
 * fits (the last piece). */
static int cut_pieces(const pager *p, const xl_row *r, pieces *x, int lines, int look_back)
{
    int last = 1;
    for (int i = 0; i < r->n; i++) {
        const xl_cell *c = &r->cells[i];
        if (!c->split)
            continue;
        free(x->owned[i]);
        x->owned[i] = NULL;
        int used;
        int cap = (int)(cap_of(p, c) * 10.0 / xl_style_size(c->style));
        size_t cut = pia_lb_cut(x->rest[i], cap, pia_lb_print_width, lines, look_back, &used);
        x->owned[i] = pia_xstrndup(x->rest[i], cut);
        x->text[i] = x->owned[i];
        x->rest[i] += pia_lb_skip(x->rest[i], cut);
        last &= !*x->rest[i];
    }
    return last;
}

static void set_fixed(const xl_row *r, pieces *x, const char *label)
{
    int labelled = 0;
    for (int i = 0; i < r->n; i++) {
        if (r->cells[i].split)
            continue;
        x->text[i] = label && !labelled ? label : "";
        labelled = 1;
    }
}

static void split_row(pager *p, const xl_row *r)
{
    const xl_metrics *m = p->s->m;
    int nsplit = 0;
    pieces x = { 0 };
    for (int i = 0; i < r->n; i++) {
        x.rest[i] = x.text[i] = r->cells[i].text;
        nsplit += r->cells[i].split;
    }
    int first = 1, page_top = p->used <= p->header_h;
    while (first || !all_done(r, &x)) {     /* a row prints even when its answers are empty */
        if (!first)
            set_fixed(r, &x, page_top ? r->cont : NULL);
        int avail = xl_lines_in(m, m->page_pt - p->used);
        int need = fixed_lines(p, r, &x);
        if (!page_top && avail < (need > MIN_PIECE_LINES ? need : MIN_PIECE_LINES)) {
            new_page(p);
            page_top = 1;
            continue;
        }
        if (avail < need)
            avail = need;
        /* A piece ends the page when the page, not the row, is full:
         * then it may end at a sentence a few lines early. */
        int page_end = avail < m->max_lines;
        int last = cut_pieces(p, r, &x, avail, page_end && nsplit == 1 ? avail / 4 : 0);
        double h = height_of(p, r, x.text);
        emit(p, r, x.text, !first && !page_top, !last && !page_end, h);
        first = 0;
        page_top = 0;
        if (!last && page_end) {
            new_page(p);
            page_top = 1;
        }
    }
    for (int i = 0; i < r->n; i++)
        free(x.owned[i]);
}

static void spacer(pager *p, double h)
{
    while (h > 0.5) {
        double piece = h > 400 ? 400 : h;
        worksheet_set_row(p->ws, p->row++, piece, NULL);
        p->used += piece;
        h -= piece;
    }
}

static void place(pager *p, int i)
{
    const xl_row *r = &p->s->rows[i];
    const xl_metrics *m = p->s->m;
    if (r->page_before)
        new_page(p);
    if (r->keep_next && p->used + chain_height(p, i) > m->page_pt)
        new_page(p);
    double h = height_of(p, r, NULL);
    if (r->to_bottom && p->used + h <= m->page_pt)
        spacer(p, m->page_pt - p->used - h);
    int whole = fits_one_row(p, r);
    if (whole && p->used + h <= m->page_pt) {
        const char *texts[XL_MAX_COLS];
        for (int c = 0; c < r->n; c++)
            texts[c] = r->cells[c].text;
        emit(p, r, texts, 0, 0, h);
        return;
    }
    if (has_split(r)) {
        split_row(p, r);
        return;
    }
    new_page(p);
    const char *texts[XL_MAX_COLS];
    for (int c = 0; c < r->n; c++)
        texts[c] = r->cells[c].text;
    emit(p, r, texts, 0, 0, h);
}

lxw_error xl_sheet_write(xl_sheet *s, lxw_worksheet *ws, xl_styles *st)
{
    pager *p = pia_xcalloc(1, sizeof *p);
    p->s = s;
    p->ws = ws;
    p->st = st;
    s->pages = 1;
    measure(p, s);
    for (int c = 0; c < s->ncols; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, s->widths[c], NULL);
    for (int i = 0; i < s->n && !p->err; i++) {
        place(p, i);
        if (i == s->header_row) {        /* printed again at the top of every page */
            p->header_h = height_of(p, &s->rows[i], NULL);
            worksheet_repeat_rows(ws, p->row - 1, p->row - 1);
        }
    }
    if (p->nbreaks) {
        p->breaks[p->nbreaks] = 0;
        lxw_error e = worksheet_set_h_pagebreaks(ws, p->breaks);
        if (e && !p->err)
            p->err = e;
    }
    lxw_error err = p->err;
    free(p);
    return err;
}
