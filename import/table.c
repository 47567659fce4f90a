/*
 * table.c — values printed under a row of column headings (see
 * match_internal.h): the cover's 評価書番号 | 評価書名 and 別添3's 変更日 |
 * 項目 | … | 提出時期に係る説明, whose labels rows.h flags IMP_ROW_COLUMN.
 *
 * When every heading of one group is found side by side on one line, with
 * nothing between them, the text under them up to the next label is a
 * table.  Its runs are sorted into columns: by the sheet's column in a
 * workbook; in a PDF by the empty corridors between the runs (cells are
 * narrower than their columns), each corridor-bounded band going to the
 * heading it lies under.  Its lines are sorted into table rows: a sheet
 * row each; in a PDF where the gap between lines is wider than the lines
 * of a cell are apart.  Each table row is an instance of the group (a
 * group that does not repeat takes all lines as one).  Plain text keeps
 * no positions to tell columns by; fill.c reads it as it always did.
 */
#include "match_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 1000       /* table rows read as instances */

typedef struct heading {
    const imp_cand *c;
    double x, x2;      /* PDF: where its label is printed */
    int col;           /* XLSX: its column */
} heading;

typedef struct line {
    int first, n;      /* runs */
    double y;
    int page, row;     /* table row */
} line;

/* The full-stream end of a candidate's first part (before any gap). */
static uint32_t first_part_end(const imp_scan *sc, const imp_cand *c)
{
    const imp_stream *st = c->in_lab ? &sc->lab : &sc->all;
    uint32_t e = c->e > c->s ? c->e - 1 : c->s;
    return (st->full ? st->full[e] : e) + 1;
}

static const imp_piece *piece_of(const imp_scan *sc, const imp_cand *c)
{
    const imp_stream *st = c->in_lab ? &sc->lab : &sc->all;
    return &sc->src->p[st->piece[c->s]];
}

/* Where a heading's label is printed: the runs its first part covers. */
static void place(const imp_scan *sc, heading *h)
{
    const imp_stream *st = h->c->in_lab ? &sc->lab : &sc->all;
    int piece = st->piece[h->c->s];
    uint32_t lo = st->n.at[h->c->s], hi = st->n.end[h->c->e - 1];
    imp_runs rs = { 0 };
    imp_runs_bytes(sc->src, piece, lo, hi, &rs);
    h->x = 1e9;
    h->x2 = -1e9;
    for (int i = 0; i < rs.n; i++) {
        h->x = fmin(h->x, rs.r[i].x);
        h->x2 = fmax(h->x2, rs.r[i].x2);
    }
    h->col = sc->src->p[piece].col;
    imp_runs_free(&rs);
}

/* The headings rows[first..first+n) side by side on one line. */
static int side_by_side(const imp_scan *sc, const heading *h, int n)
{
    const imp_piece *a = piece_of(sc, h[0].c);
    for (int i = 1; i < n; i++) {
        const imp_piece *b = piece_of(sc, h[i].c);
        if (b->page != a->page || abs(b->line - a->line) > (sc->src->kind == IMP_KIND_XLSX ? 0 : 1))
            return 0;
        if (first_part_end(sc, h[i - 1].c) != h[i].c->fs)
            return 0;       /* text between them: labels each with its answer */
    }
    return 1;
}

/* A line repeating the headings (a table continued on the next page). */
static int heading_line(const imp_scan *sc, const imp_run *r, int n, const uint32_t *hv, size_t hm)
{
    for (int i = 0; i < n; i++) {
        pia_fold k = { 0 };
        pia_fold_append(&k, sc->src->buf + r[i].lo, r[i].hi - r[i].lo, 0, PIA_FOLD_LABEL);
        int inside = k.n > 0 && k.n <= hm;
        for (size_t p = 0; inside; p++) {
            if (p + k.n > hm) {
                inside = 0;
                break;
            }
            if (memcmp(hv + p, k.cp, k.n * sizeof *k.cp) == 0)
                break;
        }
        pia_fold_free(&k);
        if (!inside)
            return 0;
    }
    return n > 0;
}

static int by_x(const void *a, const void *b)
{
    const imp_run *x = *(imp_run *const *)a, *y = *(imp_run *const *)b;
    return x->x < y->x ? -1 : x->x > y->x;
}

static double full_width(const imp_scan *sc, const imp_run *r)
{
    int q = imp_quarters(sc->src->buf + r->lo, r->hi - r->lo);
    return q > 0 ? (r->x2 - r->x) * 4 / q : 0;
}

/* PDF: each run's heading, by the corridors between bands of runs. */
static void columns_by_corridors(const imp_scan *sc, imp_runs *rs, const heading *h, int n)
{
    imp_run **by = pia_xmalloc(((size_t)rs->n + 1) * sizeof *by);
    double fw = 0;
    for (int i = 0; i < rs->n; i++) {
        by[i] = &rs->r[i];
        fw = fmax(fw, full_width(sc, &rs->r[i]));
    }
    qsort(by, (size_t)rs->n, sizeof *by, by_x);
    double gap = 0.45 * (fw > 0 ? fw : 10);  /* wider than a space between words */
    for (int i = 0; i < rs->n;) {
        double lo = by[i]->x, hi = by[i]->x2;
        int j = i + 1;
        while (j < rs->n && by[j]->x <= hi + gap)
            hi = fmax(hi, by[j++]->x2);
        /* the heading over this band: the most overlap, else the nearest */
        int best = 0;
        double most = 0, near = 1e18;
        for (int k = 0; k < n; k++) {
            double ov = fmin(hi, h[k].x2) - fmax(lo, h[k].x);
            double d = fabs((lo + hi) / 2 - (h[k].x + h[k].x2) / 2);
            if (ov > most || (most <= 0 && ov <= 0 && d < near)) {
                best = k;
                most = ov > most ? ov : most;
                near = d;
            }
        }
        for (int k = i; k < j; k++)
            by[k]->col = best;
        i = j;
    }
    free(by);
}

/* XLSX: each cell's heading, by its column. */
static void columns_by_sheet(imp_runs *rs, const heading *h, int n)
{
    for (int i = 0; i < rs->n; i++) {
        int best = 0;
        for (int k = 0; k < n; k++)
            if (h[k].col <= rs->r[i].col)
                best = k;
        rs->r[i].col = best;
    }
}

/* Table rows: a sheet row each; in a PDF, lines further apart than the
 * lines of one cell begin a new row (when every gap is alike, each line is
 * a row if they are further apart than a cell's lines would be, `fw` being
 * the font's full width).  One row when the group does not repeat. */
static int table_rows(const imp_scan *sc, line *ln, int nl, int repeats, double fw)
{
    if (nl == 0)
        return 0;
    if (!repeats) {
        for (int i = 0; i < nl; i++)
            ln[i].row = 0;
        return 1;
    }
    if (sc->src->kind == IMP_KIND_XLSX) {
        for (int i = 0; i < nl; i++)
            ln[i].row = i < MAX_ROWS ? i : MAX_ROWS - 1;
        return nl < MAX_ROWS ? nl : MAX_ROWS;
    }
    double small = 1e9, big = 0;
    for (int i = 1; i < nl; i++) {
        double dy = ln[i].y - ln[i - 1].y;
        if (ln[i].page == ln[i - 1].page && dy > 0.5) {
            small = fmin(small, dy);
            big = fmax(big, dy);
        }
    }
    int row = 0;
    ln[0].row = 0;
    for (int i = 1; i < nl; i++) {
        double dy = ln[i].y - ln[i - 1].y;
        int next;
        if (ln[i].page != ln[i - 1].page || small > big)
            next = 1;
        else if (big > 1.25 * small)
            next = dy > 1.15 * small;
        else
            next = small > 1.3 * fw;
        /* a 別添3 has tens of rows; past the cap, lines join the last */
        if (row + next < MAX_ROWS)
            row += next;
        ln[i].row = row;
    }
    return row + 1;
}

/* The runs of a table body grouped into lines, lines repeating the
 * headings dropped. */
static int body_lines(const imp_scan *sc, const imp_runs *rs, const uint32_t *hv, size_t hm, line **out)
{
    line *ln = pia_xmalloc(((size_t)rs->n + 1) * sizeof *ln);
    int nl = 0;
    for (int i = 0; i < rs->n;) {
        int j = i + 1;
        while (j < rs->n && rs->r[j].page == rs->r[i].page && rs->r[j].line == rs->r[i].line)
            j++;
        if (!heading_line(sc, rs->r + i, j - i, hv, hm))
            ln[nl++] = (line){ .first = i, .n = j - i, .y = rs->r[i].y, .page = rs->r[i].page };
        i = j;
    }
    *out = ln;
    return nl;
}

/* The headings' labels folded and joined (to know them repeated). */
static size_t headings_folded(const imp_row *rows, int first, int n, uint32_t **out)
{
    char *all = pia_xstrdup("");
    for (int k = 0; k < n; k++) {
        char *h = pia_node_heading(rows[first + k].node);
        char *t = pia_xasprintf("%s%s", all, h);
        free(h);
        free(all);
        all = t;
    }
    size_t m = pia_fold_str(all, PIA_FOLD_LABEL, out);
    free(all);
    return m;
}

static void read_table(const imp_scan *sc, const imp_row *rows, heading *h, imp_table *t, uint32_t to)
{
    int n = t->ncols;
    imp_runs rs;
    imp_runs_collect(sc, h[n - 1].c->fe, to, NULL, 0, &rs);
    double fw = 0;
    for (int i = 0; i < rs.n; i++)
        fw = fmax(fw, full_width(sc, &rs.r[i]));
    if (sc->src->kind == IMP_KIND_XLSX)
        columns_by_sheet(&rs, h, n);
    else
        columns_by_corridors(sc, &rs, h, n);
    uint32_t *hv;
    size_t hm = headings_folded(rows, t->first, n, &hv);
    line *ln;
    int nl = body_lines(sc, &rs, hv, hm, &ln);
    const pia_node *g = rows[t->first].node->parent;
    t->ninst = table_rows(sc, ln, nl, g && g->repeat, fw);
    if (t->ninst == 0)
        t->ninst = 1;
    t->cell = pia_xcalloc((size_t)(t->ninst * n), sizeof *t->cell);
    const imp_run **pick = pia_xmalloc(((size_t)rs.n + 1) * sizeof *pick);
    for (int k = 0; k < n; k++) {
        double left = 1e18, right = -1e18;
        for (int i = 0; i < rs.n; i++)
            if (rs.r[i].col == k) {
                left = fmin(left, rs.r[i].x);
                right = fmax(right, rs.r[i].x2);
            }
        for (int row = 0; row < t->ninst; row++) {
            int m = 0;
            for (int l = 0; l < nl; l++)
                for (int i = ln[l].first; ln[l].row == row && i < ln[l].first + ln[l].n; i++)
                    if (rs.r[i].col == k)
                        pick[m++] = &rs.r[i];
            imp_runs_text(sc, pick, m, left, right, &t->cell[row * n + k]);
        }
    }
    free(pick);
    free(ln);
    free(hv);
    imp_runs_free(&rs);
}

int imp_tables_find(const imp_scan *sc, const imp_row *rows, int nrows, const imp_cands *cs, const int *cand,
                    imp_table **out)
{
    *out = NULL;
    if (sc->src->kind != IMP_KIND_PDF && sc->src->kind != IMP_KIND_XLSX)
        return 0;
    int nt = 0;
    for (int r = 0; r < nrows; r++) {
        if (!(rows[r].flags & IMP_ROW_COLUMN) ||
            (r > 0 && (rows[r - 1].flags & IMP_ROW_COLUMN) && rows[r - 1].parent == rows[r].parent))
            continue;
        int n = 0, found = 1;
        while (r + n < nrows && (rows[r + n].flags & IMP_ROW_COLUMN) && rows[r + n].parent == rows[r].parent) {
            found &= cand[r + n] >= 0;
            n++;
        }
        if (!found || n < 2)
            continue;
        heading *h = pia_xcalloc((size_t)n, sizeof *h);
        for (int k = 0; k < n; k++) {
            h[k].c = &cs->c[cand[r + k]];
            place(sc, &h[k]);
        }
        if (side_by_side(sc, h, n)) {
            /* the body ends where the next label found begins */
            uint32_t to = (uint32_t)sc->all.n.n;
            for (int k = r + n; k < nrows; k++)
                if (cand[k] >= 0) {
                    to = cs->c[cand[k]].fs;
                    break;
                }
            *out = pia_xrealloc(*out, (size_t)(nt + 1) * sizeof **out);
            imp_table *t = &(*out)[nt++];
            memset(t, 0, sizeof *t);
            t->first = r;
            t->ncols = n;
            read_table(sc, rows, h, t, to);
        }
        free(h);
    }
    return nt;
}

void imp_tables_free(imp_table *t, int n)
{
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < t[i].ninst * t[i].ncols; k++)
            imp_text_free(&t[i].cell[k]);
        free(t[i].cell);
    }
    free(t);
}
