/*
 * runs.c — text laid out side by side rather than one line after another
 * (see match_internal.h): a stretch of the source as runs of text with
 * their places, and the text of one column of runs put back together.
 *
 * A PDF line is read into pieces (cells) from poppler's runs; the runs are
 * kept (imp_source.cuts) because cells that touch — a table's, or a
 * choice's value and its <選択肢> list — end up in one piece.  Other
 * sources give one run per piece: an XLSX cell, a text line's cell.
 */
#include "match_internal.h"

#include <stdlib.h>
#include <string.h>

#define COLUMN_TOL 4.0     /* points: the list column starts within this */

void imp_runs_free(imp_runs *r)
{
    free(r->r);
    memset(r, 0, sizeof *r);
}

static int space_at(const char *s, size_t n)
{
    if (n >= 1 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        return 1;
    if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

static int space_before(const char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        return 1;
    if (n >= 3 && memcmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/* x of byte `at` inside a run from lo to hi spanning x..x2: its share of
 * the run's printed width. */
static double x_at(const imp_source *src, uint32_t lo, uint32_t hi, double x, double x2, uint32_t at)
{
    int all = imp_quarters(src->buf + lo, hi - lo);
    return all > 0 ? x + (x2 - x) * imp_quarters(src->buf + lo, at - lo) / all : x;
}

static void add_run(const imp_source *src, imp_runs *out, const imp_piece *p, int piece, uint32_t lo, uint32_t hi,
                    double x, double x2)
{
    uint32_t a = lo, b = hi;
    int k;
    while (a < b && (k = space_at(src->buf + a, b - a)) > 0)
        a += (uint32_t)k;
    while (b > a && (k = space_before(src->buf + a, b - a)) > 0)
        b -= (uint32_t)k;
    if (a >= b)
        return;
    if (out->n == out->cap)
        out->r = pia_xrealloc(out->r, (size_t)(out->cap = out->cap ? out->cap * 2 : 64) * sizeof *out->r);
    double nx = src->kind == IMP_KIND_PDF ? x_at(src, lo, hi, x, x2, a) : x;
    double nx2 = src->kind == IMP_KIND_PDF ? x_at(src, lo, hi, x, x2, b) : x2;
    out->r[out->n++] = (imp_run){ .piece = piece, .lo = a, .hi = b, .x = nx, .x2 = nx2, .y = p->y,
                                  .page = p->page, .line = p->line, .col = p->col };
}

void imp_runs_bytes(const imp_source *src, int i, uint32_t lo, uint32_t hi, imp_runs *out)
{
    const imp_piece *p = &src->p[i];
    if (src->kind != IMP_KIND_PDF || src->ncuts == 0) {
        add_run(src, out, p, i, lo, hi, p->x, p->x2);
        return;
    }
    uint32_t end = p->off + p->len;
    int c = imp_source_cut_at(src, p->off);
    if (c >= src->ncuts || src->cuts[c].off >= end) {
        add_run(src, out, p, i, lo, hi, p->x, p->x2);
        return;
    }
    for (; c < src->ncuts && src->cuts[c].off < end; c++) {
        uint32_t a = src->cuts[c].off;
        uint32_t b = c + 1 < src->ncuts && src->cuts[c + 1].off < end ? src->cuts[c + 1].off : end;
        if (b <= lo || a >= hi)
            continue;
        /* the run's own bytes, without the separator before the next */
        uint32_t rb = b;
        int k;
        while (rb > a && (k = space_before(src->buf + a, rb - a)) > 0)
            rb -= (uint32_t)k;
        uint32_t ca = a > lo ? a : lo, cb = rb < hi ? rb : hi;
        if (ca >= cb)
            continue;
        double x = x_at(src, a, rb, src->cuts[c].x, src->cuts[c].x2, ca);
        double x2 = x_at(src, a, rb, src->cuts[c].x, src->cuts[c].x2, cb);
        add_run(src, out, p, i, ca, cb, x, x2);
    }
}

static void runs_part(const imp_scan *sc, int piece, uint32_t lo, uint32_t hi, void *ctx)
{
    imp_runs_bytes(sc->src, piece, lo, hi, ctx);
}

void imp_runs_collect(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *const *labels,
                      int nlabels, imp_runs *out)
{
    memset(out, 0, sizeof *out);
    imp_range_parts(sc, from, to, labels, nlabels, runs_part, out);
}

/* Text appended to t, remembering the piece it came from. */
static void put(imp_text *t, const char *s, size_t n, int piece)
{
    if (piece >= 0) {
        t->seg_off = pia_xrealloc(t->seg_off, (size_t)(t->nseg + 1) * sizeof *t->seg_off);
        t->seg_piece = pia_xrealloc(t->seg_piece, (size_t)(t->nseg + 1) * sizeof *t->seg_piece);
        t->seg_off[t->nseg] = t->len;
        t->seg_piece[t->nseg++] = piece;
    }
    t->s = pia_xrealloc(t->s, t->len + n + 1);
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static int latin(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* What separates run b from run a before it on the same line: the bytes
 * between them when they are one piece's (a space, an ideographic space,
 * nothing), else a space. */
static void same_line(const imp_source *src, const imp_run *a, const imp_run *b, imp_text *t)
{
    if (a->piece == b->piece && a->hi <= b->lo && b->lo - a->hi <= 3) {
        put(t, src->buf + a->hi, b->lo - a->hi, -1);
        return;
    }
    put(t, " ", 1, -1);
}

void imp_runs_text(const imp_scan *sc, const imp_run *const *runs, int n, double left, double right,
                   imp_text *t)
{
    const imp_source *src = sc->src;
    double line_x = 0;
    for (int i = 0; i < n; i++) {
        const imp_run *r = runs[i];
        if (i > 0) {
            const imp_run *a = runs[i - 1];
            if (a->page == r->page && a->line == r->line) {
                same_line(src, a, r, t);
            } else {
                /* A line that would not have taken the next one's first
                 * word: wrapped, not ended (PDF only; a cell of a sheet
                 * holds its text whole). */
                const char *s = src->buf + r->lo;
                int all = imp_quarters(s, r->hi - r->lo), first = imp_first_unit_quarters(s, r->hi - r->lo);
                double fw = all > 0 ? (r->x2 - r->x) * first / all : 0, cw = all > 0 ? (r->x2 - r->x) * 4 / all : 0;
                int wrapped = src->kind == IMP_KIND_PDF && (a->x2 - line_x) + fw > (right - left) - 0.3 * cw;
                if (!wrapped)
                    put(t, "\n", 1, -1);
                else if (t->len > 0 && latin((unsigned char)t->s[t->len - 1]) && latin((unsigned char)s[0]))
                    put(t, " ", 1, -1);
            }
        }
        if (i == 0 || runs[i - 1]->page != r->page || runs[i - 1]->line != r->line)
            line_x = r->x;
        put(t, src->buf + r->lo, r->hi - r->lo, r->piece);
    }
}

/* Whether a run begins with <選択肢> (as folded: ＜選択肢＞, 〈選択肢〉). */
static int list_start(const imp_source *src, const imp_run *r)
{
    static const uint32_t LIST[] = { '<', 0x9078, 0x629E, 0x80A2, '>' };
    pia_fold n = { 0 };
    size_t len = r->hi - r->lo < 40 ? r->hi - r->lo : 40;
    pia_fold_append(&n, src->buf + r->lo, len, 0, PIA_FOLD_LABEL);
    int yes = n.n >= 5 && memcmp(n.cp, LIST, sizeof LIST) == 0;
    pia_fold_free(&n);
    return yes;
}

void imp_choice_text(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *const *labels, int nlabels,
                     imp_text *out)
{
    const imp_source *src = sc->src;
    if (src->kind != IMP_KIND_PDF || src->ncuts == 0) {
        imp_range_text_ex(sc, from, to, labels, nlabels, out);
        return;
    }
    imp_runs rs;
    imp_runs_collect(sc, from, to, labels, nlabels, &rs);
    double ox = -1, left = 1e9;
    for (int i = 0; i < rs.n && ox < 0; i++)
        if (list_start(src, &rs.r[i]))
            ox = rs.r[i].x;
    const imp_run **value = pia_xmalloc(((size_t)rs.n + 1) * sizeof *value);
    const imp_run **list = pia_xmalloc(((size_t)rs.n + 1) * sizeof *list);
    int nv = 0, nl = 0;
    for (int i = 0; ox >= 0 && i < rs.n; i++) {
        if (rs.r[i].x < ox - COLUMN_TOL) {
            value[nv++] = &rs.r[i];
            if (rs.r[i].x < left)
                left = rs.r[i].x;
        } else {
            list[nl++] = &rs.r[i];
        }
    }
    if (nv == 0 || nl == 0) {
        imp_range_text_ex(sc, from, to, labels, nlabels, out);
    } else {
        memset(out, 0, sizeof *out);
        /* The value's column holds "[ value ]（detail）", one line as the
         * form prints it: its line ends are wraps (a margin of 0 says so). */
        imp_runs_text(sc, value, nv, left, left, out);
        put(out, "\n", 1, -1);
        imp_runs_text(sc, list, nl, ox, 1e9, out);      /* one option a line */
    }
    free(value);
    free(list);
    imp_runs_free(&rs);
}
