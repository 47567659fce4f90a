/*
 * scan.c — folded streams of the source and the places each printed row's
 * label may be (see match_internal.h).
 *
 * A label may begin where a piece begins, after a numbering prefix the
 * source used ("(1)", "①", "リスク3:"), or — for check boxes — right after
 * a box.  It is compared with the row's heading (number and label), its
 * bare label, and older editions' labels: exactly, or within a few edits
 * (a converter's slip: 「特定個人情報漏えい」, 「必要なない」).  A label
 * must end where the piece ends, before a space, a bracket or a box, so
 * that a short label does not match the first words of an answer; only
 * long labels may run on into text.  Fuzzy comparison has a work budget,
 * so a huge source cannot make matching slow.
 */
#include "match_internal.h"

#include <stdlib.h>
#include <string.h>

#define FUZZY_BUDGET 400000000L   /* DP cells; a full assessment needs a few million */
#define MIN_FUZZY 6               /* shorter labels must match exactly */
#define RUN_ON_MIN 10             /* labels this long may end inside a piece */

/* ---- streams -------------------------------------------------------------- */

static int is_circled(uint32_t c)
{
    return (c >= 0x2460 && c <= 0x24FF) || (c >= 0x3251 && c <= 0x325F) ||
           (c >= 0x32B1 && c <= 0x32BF) || (c >= 0x2776 && c <= 0x2793);
}

static int is_bullet(uint32_t c)
{
    return c == 0x30FB || c == 0x25A0 || c == 0x25A1 || c == 0x25CF || c == 0x25C6 ||
           c == 0x25C7 || c == 0x2022 || c == 0x25B2 || c == 0x25B3 || c == '-' || c == '*';
}

static int mark_state(uint32_t c)
{
    switch (c) {
    case 0x25CB: case 0x25EF: case 0x3007: case 0x25CF: case 0x2713: case 0x2714:
    case 0x30EC: case 'x': case 'v': case 0x00D7: case 0x25A0: case 0x2611: case 0x2612:
    case 0x25CE:
        return 2;
    default:
        return 0;
    }
}

#define SAME(i) ((i) < N && st->piece[i] == piece)

/* Length of the numbering at p: "1.", "(2)", "①", "Ⅲ", "リスク3:", bullets;
 * up to three in a row ("1.(1)"). */
static uint32_t number_prefix(const imp_stream *st, uint32_t p)
{
    const uint32_t *c = st->n.cp;
    size_t N = st->n.n;
    int piece = st->piece[p];
    static const uint32_t RISK[] = { 0x30EA, 0x30B9, 0x30AF };   /* リスク */
    uint32_t q = p;
    for (int round = 0; round < 3; round++) {
        uint32_t r = q;
        if (SAME(r) && r + 3 < N && c[r] == RISK[0] && c[r + 1] == RISK[1] && c[r + 2] == RISK[2] &&
            SAME(r + 3) && c[r + 3] >= '0' && c[r + 3] <= '9')
            r += 3;
        if (SAME(r) && (is_bullet(c[r]) || is_circled(c[r]) || (c[r] >= 0x2160 && c[r] <= 0x217F))) {
            r++;
        } else if (SAME(r) && c[r] == '(' && SAME(r + 1) && c[r + 1] >= '0' && c[r + 1] <= '9') {
            uint32_t t = r + 1;
            while (SAME(t) && c[t] >= '0' && c[t] <= '9' && t - r < 4)
                t++;
            if (SAME(t) && c[t] == ')')
                r = t + 1;
        } else if (SAME(r) && c[r] >= '0' && c[r] <= '9') {
            while (SAME(r) && c[r] >= '0' && c[r] <= '9' && r - q < 3)
                r++;
        }
        if (r != q && SAME(r) && (c[r] == '.' || c[r] == ':' || c[r] == ')'))
            r++;
        if (r == q)
            break;
        q = r;
    }
    return q - p;
}

static void mark_boxes(imp_stream *st, uint32_t from, uint32_t to)
{
    const uint32_t *c = st->n.cp;
    for (uint32_t p = from; p < to; p++) {
        int state = 0, len = 0;
        if (c[p] == '[' && p + 1 < to && c[p + 1] == ']')
            state = 1, len = 2;
        else if (c[p] == '[' && p + 2 < to && mark_state(c[p + 1]) && c[p + 2] == ']')
            state = 2, len = 3;
        else if (c[p] == 0x2610 || c[p] == 0x25A1)
            state = 1, len = 1;
        else if (c[p] == 0x2611 || c[p] == 0x2612 || c[p] == 0x25A0)
            state = 2, len = 1;
        if (state && p + (uint32_t)len < st->n.n) {
            st->flag[p + (uint32_t)len] |= IMP_F_BOX;
            st->box[p + (uint32_t)len] = (uint8_t)(state | (len << 2));
        }
    }
}

static void stream_add_piece(imp_stream *st, const imp_source *src, int i)
{
    const imp_piece *pc = &src->p[i];
    size_t before = st->n.n;
    pia_fold_append(&st->n, imp_piece_text(src, pc), pc->len, pc->off, PIA_FOLD_LABEL);
    size_t after = st->n.n;
    if (after == before)
        return;
    st->piece = pia_xrealloc(st->piece, st->n.cap * sizeof *st->piece);
    st->flag = pia_xrealloc(st->flag, st->n.cap);
    st->box = pia_xrealloc(st->box, st->n.cap);
    int cut = imp_source_cut_at(src, pc->off);
    for (size_t k = before; k < after; k++) {
        st->piece[k] = i;
        st->flag[k] = 0;
        st->box[k] = 0;
        if (k > before && memchr(src->buf + st->n.end[k - 1], '\n', st->n.at[k] - st->n.end[k - 1]))
            st->flag[k] |= IMP_F_LINE;
        while (cut < src->ncuts && src->cuts[cut].off < st->n.at[k])
            cut++;
        if (k > before && cut < src->ncuts && src->cuts[cut].off == st->n.at[k])
            st->flag[k] |= IMP_F_RUN;
    }
    st->flag[before] |= IMP_F_START;
}

static void finish_stream(imp_stream *st)
{
    size_t N = st->n.n;
    for (size_t p = 0, q; p < N; p = q) {
        for (q = p; q < N && st->piece[q] == st->piece[p]; q++)
            ;
        mark_boxes(st, (uint32_t)p, (uint32_t)q);
        uint32_t k = number_prefix(st, (uint32_t)p);
        if (k && p + k < q)
            st->flag[p + k] |= IMP_F_NUM;
    }
}

static const uint32_t *sort_cp;

static int by_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (sort_cp[x] != sort_cp[y])
        return sort_cp[x] < sort_cp[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

static void index_starts(imp_stream *st, int flags)
{
    st->starts = pia_xmalloc((st->n.n + 1) * sizeof *st->starts);
    st->nstarts = 0;
    for (size_t p = 0; p < st->n.n; p++) {
        if (st->flag[p] & flags)
            st->starts[st->nstarts++] = (uint32_t)p;
    }
    sort_cp = st->n.cp;
    qsort(st->starts, st->nstarts, sizeof *st->starts, by_cp);
    sort_cp = NULL;
}

void imp_scan_build(imp_scan *sc, const imp_source *src)
{
    memset(sc, 0, sizeof *sc);
    sc->src = src;
    sc->budget = FUZZY_BUDGET;
    int columns = 0;
    for (int i = 0; i < src->n; i++) {
        if (!src->p[i].skip)
            stream_add_piece(&sc->all, src, i);
        columns |= src->p[i].role == IMP_ROLE_ANSWER;
    }
    finish_stream(&sc->all);
    if (!columns) {
        /* No answer column: the label stream is the full one (its own
         * index of starts only), which halves the memory of big texts. */
        sc->lab = sc->all;
        sc->lab.starts = NULL;
        sc->lab_shared = 1;
    } else {
        size_t full_before = 0;
        for (int i = 0; i < src->n; i++) {
            while (full_before < sc->all.n.n && sc->all.piece[full_before] < i)
                full_before++;
            if (src->p[i].role != IMP_ROLE_LABEL || src->p[i].skip)
                continue;
            size_t before = sc->lab.n.n;
            stream_add_piece(&sc->lab, src, i);
            sc->lab.full = pia_xrealloc(sc->lab.full, sc->lab.n.cap * sizeof *sc->lab.full);
            for (size_t k = before; k < sc->lab.n.n; k++)
                sc->lab.full[k] = (uint32_t)(full_before + (k - before));
        }
        finish_stream(&sc->lab);
    }
    /* Line and run starts inside a piece are looked at for captions and
     * column headings only (see find_node); the full stream is searched
     * for boxes and for those. */
    index_starts(&sc->lab, IMP_F_START | IMP_F_NUM | IMP_F_LINE | IMP_F_RUN);
    index_starts(&sc->all, IMP_F_BOX | IMP_F_START | IMP_F_NUM | IMP_F_LINE | IMP_F_RUN);
}

static void stream_free(imp_stream *st)
{
    pia_fold_free(&st->n);
    free(st->piece);
    free(st->flag);
    free(st->box);
    free(st->full);
    free(st->starts);
}

void imp_scan_free(imp_scan *sc)
{
    if (sc->lab_shared)
        free(sc->lab.starts);
    else
        stream_free(&sc->lab);
    stream_free(&sc->all);
    memset(sc, 0, sizeof *sc);
}

/* ---- comparing a label at a position -------------------------------------- */

/* A label-stream position in the full stream. */
static uint32_t full_of(const imp_stream *st, uint32_t p)
{
    return st->full ? st->full[p] : p;
}

/* The full-stream end of a label's first part: where other text (an
 * answer beside a wrapped label) first comes between its characters. */
static uint32_t first_part_end(const imp_stream *st, uint32_t s, uint32_t e)
{
    uint32_t q = s + 1;
    while (q < e && full_of(st, q) == full_of(st, q - 1) + 1)
        q++;
    return full_of(st, q - 1) + 1;
}

static int max_edits(size_t m)
{
    return m < MIN_FUZZY ? 0 : m < 10 ? 1 : (int)(m / 5);
}

static int clean_end(const imp_scan *sc, const imp_stream *st, uint32_t e)
{
    size_t N = st->n.n;
    if (e >= N || st->piece[e] != st->piece[e - 1])
        return 1;
    uint32_t c = st->n.cp[e];
    if (c == '[' || c == '(' || c == '<' || c == ':' || c == 0x203B || (st->flag[e] & IMP_F_BOX))
        return 1;
    const unsigned char *b = (const unsigned char *)sc->src->buf + st->n.end[e - 1];
    return *b == ' ' || *b == '\t' || *b == '\n' || (b[0] == 0xE3 && b[1] == 0x80 && b[2] == 0x80);
}

/* Edit distance of v[0..m) against a prefix of x starting at p (the first
 * two characters already equal); *len gets the prefix length.  -1 when
 * more than k edits are needed. */
static int fuzzy_at(imp_scan *sc, const imp_stream *st, uint32_t p, const uint32_t *v, size_t m,
                    int k, uint32_t *len)
{
    size_t N = st->n.n, cols = m + (size_t)k;
    if (p + m - (size_t)k > N)
        return -1;
    if (cols > N - p)
        cols = N - p;
    long cost = (long)((m + 1) * (cols + 1));
    if (sc->budget < cost) {
        sc->capped = 1;
        return -1;
    }
    sc->budget -= cost;
    const uint32_t *x = st->n.cp + p;
    int *prev = pia_xmalloc((cols + 1) * sizeof *prev), *cur = pia_xmalloc((cols + 1) * sizeof *cur);
    for (size_t j = 0; j <= cols; j++)
        prev[j] = (int)j;
    int ok = 1;
    for (size_t i = 1; i <= m && ok; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (size_t j = 1; j <= cols; j++) {
            int d = prev[j - 1] + (v[i - 1] != x[j - 1]);
            if (prev[j] + 1 < d) d = prev[j] + 1;
            if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
            cur[j] = d;
            if (d < best) best = d;
        }
        ok = best <= k;
        int *t = prev; prev = cur; cur = t;
    }
    /* The fewest edits; among equals, an end where a label can end, then
     * the length nearest the label's. */
    int dist = -1, bclean = 0;
    for (size_t j = 1; ok && j <= cols; j++) {
        if (prev[j] > k)
            continue;
        int cl = clean_end(sc, st, p + (uint32_t)j);
        size_t off = j > m ? j - m : m - j, boff = *len > m ? *len - m : m - *len;
        if (dist < 0 || prev[j] < dist || (prev[j] == dist && (cl > bclean || (cl == bclean && off < boff)))) {
            dist = prev[j];
            bclean = cl;
            *len = (uint32_t)j;
        }
    }
    free(prev);
    free(cur);
    return dist;
}

static uint32_t eat(const imp_stream *st, uint32_t e, const uint32_t *v, size_t m)
{
    if (m == 0 || e + m > st->n.n)
        return e;
    for (size_t i = 0; i < m; i++)
        if (st->n.cp[e + i] != v[i])
            return e;
    return e + (uint32_t)m;
}

/* Whether a label may stop at p: the piece ends there, or a space follows. */
static int boundary(const imp_scan *sc, const imp_stream *st, uint32_t p)
{
    if (p >= st->n.n || st->piece[p] != st->piece[p - 1])
        return 1;
    const unsigned char *b = (const unsigned char *)sc->src->buf + st->n.end[p - 1];
    return *b == ' ' || *b == '\t' || *b == '\n' || (b[0] == 0xE3 && b[1] == 0x80 && b[2] == 0x80);
}

#define GAP_PIECES 3      /* a label's rest is looked for this many lines on */
#define GAP_MIN 4         /* characters of a label before the break */

/* A label broken by other text, as pdftotext prints a table without
 * positions: "…措置の内 ①窓口では…" / "容" / "なる住民を…".  The label's
 * start ends at a space or the end of its line, and its rest begins or
 * ends one of the next few lines, exactly.  Returns 1 with the rest's
 * span. */
static int gapped_at(const imp_scan *sc, const imp_stream *st, uint32_t p, const uint32_t *v, size_t m,
                     uint32_t *a_out, uint32_t *q_out)
{
    size_t N = st->n.n;
    uint32_t a = 0;
    while (p + a < N && a < m && st->n.cp[p + a] == v[a] && st->piece[p + a] == st->piece[p])
        a++;
    while (a >= GAP_MIN && !boundary(sc, st, p + a))
        a--;
    if (a < GAP_MIN || a >= m)
        return 0;
    /* The rest begins one of the next lines, or ends this line or one of
     * them (pdftotext sometimes puts it after the answer's line). */
    size_t rest = m - a;
    int seen = 0;
    for (uint32_t q = p + a; q < N && seen <= GAP_PIECES; q++) {
        int starts = (st->flag[q] & IMP_F_START) != 0;
        int ends = q + rest == N || (q + rest < N && st->piece[q + rest] != st->piece[q]);
        seen += starts;
        /* beginning a line, the rest may go on over the lines below */
        if (seen > GAP_PIECES || (!starts && !ends) || q + rest > N ||
            (!starts && st->piece[q + rest - 1] != st->piece[q]))
            continue;
        if (memcmp(st->n.cp + q, v + a, rest * sizeof *v) != 0)
            continue;
        if (starts && !boundary(sc, st, q + (uint32_t)rest))
            continue;
        *a_out = a;
        *q_out = q;
        return 1;
    }
    return 0;
}

/* The label exactly at p; *len gets the source characters it took.  A
 * comma of the label may be missing where the source breaks the line:
 * the form prints some lists of headings one to a line, the template
 * joins them with 、. */
static int exact_at(const imp_stream *st, uint32_t p, const uint32_t *v, size_t m, uint32_t *len)
{
    size_t N = st->n.n, i = 0;
    uint32_t q = p;
    while (i < m) {
        if (q < N && st->n.cp[q] == v[i]) {
            i++;
            q++;
        } else if (v[i] == ',' && q > p && q < N && st->piece[q] != st->piece[q - 1]) {
            i++;
        } else {
            return 0;
        }
    }
    *len = q - p;
    return 1;
}

/* One label variant compared at every position that may begin a label. */
typedef struct variant {
    uint32_t *v;
    size_t m;
    int kind;            /* 0 heading with number, 1 label, 2 alias */
    int alias;           /* edition index + 1 for aliases */
    uint32_t *num;       /* the row's own number, folded (labels of numbered rows) */
    size_t nnum;
} variant;

typedef struct suffixes {
    uint32_t *mark, *note;
    size_t nmark, nnote;
} suffixes;

static void add_cand(imp_cands *out, const imp_cand *c)
{
    if (out->n == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 1024;
        out->c = pia_xrealloc(out->c, (size_t)out->cap * sizeof *out->c);
    }
    out->c[out->n++] = *c;
}

static size_t lower_bound(const imp_stream *st, uint32_t cp)
{
    size_t lo = 0, hi = st->nstarts;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (st->n.cp[st->starts[mid]] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Matches of one variant in one stream, appended as candidates of `row`
 * (weights without the row's copy penalty). */
static void find_variant(imp_scan *sc, int in_lab, const variant *va, const suffixes *sx,
                         int row, unsigned want, imp_cands *out)
{
    const imp_stream *st = in_lab ? &sc->lab : &sc->all;
    if (va->m == 0)
        return;
    int k = max_edits(va->m);
    for (size_t i = lower_bound(st, va->v[0]); i < st->nstarts && st->n.cp[st->starts[i]] == va->v[0]; i++) {
        uint32_t p = st->starts[i], len = 0, a = 0, q = 0;
        if (!(st->flag[p] & want))
            continue;
        /* where numbering before the label may begin */
        unsigned stop = IMP_F_START | IMP_F_LINE | (want & IMP_F_RUN);
        int dist = -1;
        if (exact_at(st, p, va->v, va->m, &len))
            dist = 0;
        uint32_t e = dist >= 0 ? eat(st, p + len, sx->mark, sx->nmark) : p;
        e = dist >= 0 ? eat(st, e, sx->note, sx->nnote) : p;
        int clean = dist >= 0 && clean_end(sc, st, e);
        /* A label that runs on into text must be long. */
        if (dist >= 0 && !clean && va->m < RUN_ON_MIN)
            dist = -1;
        /* Broken by other text is a better reading than a few edits: the
         * edits would swallow the answer written in the break. */
        if (dist < 0 && in_lab && gapped_at(sc, st, p, va->v, va->m, &a, &q)) {
            imp_cand c = { .row = row, .in_lab = 1, .s = p, .e = p + a, .s2 = q,
                           .e2 = q + (uint32_t)(va->m - a), .alias = (uint8_t)va->alias };
            while (c.s > 0 && !(st->flag[c.s] & stop) && st->piece[c.s - 1] == st->piece[p])
                c.s--;
            c.fs = full_of(st, c.s);
            c.fe = full_of(st, c.e2 - 1) + 1;
            c.fe1 = first_part_end(st, c.s, c.e);
            c.w = (float)va->m + 1.0f + (va->kind == 0 ? 1.0f : 0.0f);
            add_cand(out, &c);
            continue;
        }
        if (dist < 0 && k > 0 && p + 1 < st->n.n && st->n.cp[p + 1] == va->v[1]) {
            dist = fuzzy_at(sc, st, p, va->v, va->m, k, &len);
            e = dist >= 0 ? eat(st, eat(st, p + len, sx->mark, sx->nmark), sx->note, sx->nnote) : p;
            clean = dist >= 0 && clean_end(sc, st, e);
            if (!clean)
                dist = -1;      /* a guess must at least end where a label ends */
        }
        if (dist < 0)
            continue;
        imp_cand c = { .row = row, .in_lab = (uint8_t)in_lab, .dist = (uint16_t)dist,
                       .guess = dist > 0, .alias = (uint8_t)va->alias };
        c.s = p;
        c.e = e;
        /* Numbering before the label is part of it, not of the answer above. */
        while (in_lab && c.s > 0 && !(st->flag[c.s] & stop) && st->piece[c.s - 1] == st->piece[p])
            c.s--;
        /* After a number that is not the row's own ("Ⅲ" before a label of
         * 4.), only an exact label counts, and it counts less. */
        uint32_t plen = p - c.s;
        while (plen > 0 && (st->n.cp[c.s + plen - 1] == ':' || st->n.cp[c.s + plen - 1] == '.'))
            plen--;         /* "リスク1：" and "1." are the row's own "リスク1" and "1." */
        int other_number = in_lab && c.s < p && va->nnum &&
                           (plen != va->nnum || memcmp(st->n.cp + c.s, va->num, va->nnum * sizeof *va->num) != 0) &&
                           (plen + 1 != va->nnum || memcmp(st->n.cp + c.s, va->num, plen * sizeof *va->num) != 0);
        if (other_number && dist > 0)
            continue;
        if (!in_lab) {
            int blen = st->box[p] >> 2;
            c.box = (uint8_t)(st->box[p] & 3);
            c.s = p - (uint32_t)blen;
        }
        c.fs = full_of(st, c.s);
        c.fe = full_of(st, e - 1) + 1;
        c.fe1 = first_part_end(st, c.s, e);
        c.w = (float)va->m - 2.0f * (float)dist + (dist == 0 ? 2.0f : 0.0f) + (va->kind == 0 ? 1.0f : 0.0f);
        if (!clean)
            c.w *= 0.9f;
        if (other_number)
            c.w -= 2.0f;
        add_cand(out, &c);
    }
}

/* ---- rows -------------------------------------------------------------------- */

static void fold_into(variant *va, const char *s, int kind, int alias)
{
    memset(va, 0, sizeof *va);
    va->m = pia_fold_str(s, PIA_FOLD_LABEL, &va->v);
    va->kind = kind;
    va->alias = alias;
}

static int variants_of(const pia_node *n, int inst, const imp_editions *ed, variant *out, int max)
{
    int nv = 0;
    if (n->repeat) {
        char *s = pia_xasprintf("%s%d", n->repeat, inst > 0 ? inst : 1);
        fold_into(&out[nv++], s, 1, 0);
        free(s);
        return nv;
    }
    if (n->number) {
        char *s = pia_xasprintf("%s%s", n->number, n->label);
        fold_into(&out[nv++], s, 0, 0);
        free(s);
        if (n->sep && *n->sep) {
            s = pia_xasprintf("%s%s%s", n->number, n->sep, n->label);
            fold_into(&out[nv], s, 0, 0);
            free(s);
            if (out[nv].m == out[nv - 1].m)
                free(out[nv].v);    /* the separator was only spaces */
            else
                nv++;
        }
    }
    fold_into(&out[nv], n->label, 1, 0);
    if (n->number)
        out[nv].nnum = pia_fold_str(n->number, PIA_FOLD_LABEL, &out[nv].num);
    nv++;
    /* The heading with its ※ and note, as one label: a note the source
     * wrapped onto the next line is then part of the label, not of the
     * answer beside it. */
    if (n->notice || n->note) {
        char *h = pia_node_heading(n);
        fold_into(&out[nv], h, 0, 0);
        free(h);
        if (out[nv].m == out[0].m)
            free(out[nv].v);
        else
            nv++;
    }
    for (int e = 0; ed && e < ed->n; e++)
        for (int a = 0; a < ed->e[e].naliases && nv + 2 <= max; a++) {
            if (ed->e[e].aliases[a].node != n)
                continue;
            fold_into(&out[nv++], ed->e[e].aliases[a].label, 2, e + 1);
            if (n->number) {
                char *s = pia_xasprintf("%s%s", n->number, ed->e[e].aliases[a].label);
                fold_into(&out[nv++], s, 2, e + 1);
                free(s);
            }
        }
    return nv;
}

/* The candidates of one node, memoised across the copies of its row
 * (files, instances); weights are adjusted per row afterwards. */
typedef struct memo {
    imp_cand *c;
    int n;
    int done;
} memo;

static void find_node(imp_scan *sc, const pia_node *node, int inst, unsigned flags, const imp_editions *ed,
                      imp_cands *tmp)
{
    variant vs[10];
    int nv = variants_of(node, inst, ed, vs, 10);
    /* A caption (・識別情報) is printed among the boxes, where answers are,
     * and may begin any line of a cell; a column heading (変更前の記載) is
     * printed across the page and may touch its neighbour; the cover's
     * labels are centred over their boxes. */
    int caption = (flags & IMP_ROW_CAPTION) != 0, column = (flags & IMP_ROW_COLUMN) != 0;
    int anywhere = caption || column || (flags & IMP_ROW_PLACED);
    unsigned lab_want = IMP_F_START | IMP_F_NUM | (caption ? IMP_F_LINE : 0) | (column ? IMP_F_RUN : 0);
    suffixes sx = { 0 };
    if (node->notice)
        sx.nmark = pia_fold_str("※", PIA_FOLD_LABEL, &sx.mark);
    if (node->note)
        sx.nnote = pia_fold_str(node->note, PIA_FOLD_LABEL, &sx.note);
    for (int i = 0; i < nv; i++) {
        find_variant(sc, 1, &vs[i], &sx, 0, lab_want, tmp);
        if (node->kind == PIA_CHECK)
            find_variant(sc, 0, &vs[i], &sx, 0, IMP_F_BOX, tmp);
        else if (anywhere && !sc->lab_shared)
            find_variant(sc, 0, &vs[i], &sx, 0, lab_want, tmp);
        free(vs[i].v);
        free(vs[i].num);
    }
    free(sx.mark);
    free(sx.note);
}

/* Keep the best candidate at each start. */
static void dedupe(imp_cands *t)
{
    int w = 0;
    for (int i = 0; i < t->n; i++) {
        int dup = 0;
        for (int j = 0; j < w && !dup; j++) {
            if (t->c[j].fs != t->c[i].fs)
                continue;
            dup = 1;
            if (t->c[i].w > t->c[j].w)
                t->c[j] = t->c[i];
        }
        if (!dup)
            t->c[w++] = t->c[i];
    }
    t->n = w;
}

int imp_scan_rows(imp_scan *sc, const pia_form *form, const imp_row *rows, int nrows,
                  const imp_editions *ed, imp_cands *out)
{
    memo *m = pia_xcalloc((size_t)form->nnodes, sizeof *m);
    int rc = 0;
    for (int r = 0; r < nrows && !rc; r++) {
        const pia_node *n = rows[r].node;
        imp_cands tmp = { 0 };
        const imp_cand *src;
        int count;
        if (n->repeat) {
            find_node(sc, n, rows[r].inst, rows[r].flags, ed, &tmp);
            dedupe(&tmp);
            src = tmp.c;
            count = tmp.n;
        } else {
            memo *mm = &m[n->index];
            if (!mm->done) {
                find_node(sc, n, 0, rows[r].flags, ed, &tmp);
                dedupe(&tmp);
                mm->c = tmp.c;
                mm->n = tmp.n;
                mm->done = 1;
                tmp.c = NULL;
            }
            src = mm->c;
            count = mm->n;
        }
        /* Later copies of a file or instance weigh a little less, so the
         * source's first copy goes to the first file, not a later one. */
        float penalty = 0.01f * (float)(rows[r].file + rows[r].inst);
        if (out->n + count > IMP_MAX_CANDS)
            rc = -1;
        for (int i = 0; i < count && !rc; i++) {
            imp_cand c = src[i];
            c.row = r;
            c.w -= penalty;
            add_cand(out, &c);
        }
        free(tmp.c);
    }
    for (int i = 0; i < form->nnodes; i++)
        free(m[i].c);
    free(m);
    return rc;
}

/* ---- counting ------------------------------------------------------------------- */

static int count_exact(imp_scan *sc, const uint32_t *v, size_t m)
{
    const imp_stream *st = &sc->lab;
    int n = 0;
    if (m == 0)
        return 0;
    for (size_t i = lower_bound(st, v[0]); i < st->nstarts && st->n.cp[st->starts[i]] == v[0]; i++) {
        uint32_t p = st->starts[i];
        if (!(st->flag[p] & (IMP_F_START | IMP_F_NUM)))
            continue;
        if (p + m <= st->n.n && memcmp(st->n.cp + p, v, m * sizeof *v) == 0 && clean_end(sc, st, p + (uint32_t)m))
            n++;
    }
    return n;
}

int imp_scan_count(imp_scan *sc, const char *label)
{
    uint32_t *v;
    size_t m = pia_fold_str(label, PIA_FOLD_LABEL, &v);
    int n = count_exact(sc, v, m);
    free(v);
    return n;
}

int imp_scan_max_numbered(imp_scan *sc, const char *label, int cap)
{
    int best = 0;
    for (int k = 1; k <= cap; k++) {
        char *s = pia_xasprintf("%s%d", label, k);
        if (imp_scan_count(sc, s) > 0)
            best = k;
        free(s);
    }
    return best;
}
