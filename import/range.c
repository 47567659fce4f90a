/*
 * range.c — the text between one label and the next, put back together
 * from the source's pieces (see imp_range_text in match_internal.h).
 *
 * The label's own bytes are left out; pieces on one line are joined with
 * a space, lines with a line break unless the reader saw that the line
 * ended only because its column was full (a wrap: joined directly, or with
 * a space between two Latin words).  Text readers trim the spaces of
 * layout; XLSX cells are taken as they are.
 */
#include "match_internal.h"

#include <stdlib.h>
#include <string.h>

int imp_label_spans(const imp_scan *sc, const imp_cand *c, imp_span *out, int max)
{
    if (!c)
        return 0;
    const imp_stream *st = c->in_lab ? &sc->lab : &sc->all;
    int n = 0;
    for (int part = 0; part < 2; part++) {
        uint32_t from = part ? c->s2 : c->s, to = part ? c->e2 : c->e;
        for (uint32_t p = from; p < to && p < st->n.n; p++) {
            int pc = st->piece[p];
            if (n > 0 && out[n - 1].piece == pc && !(part && p == from)) {
                out[n - 1].hi = st->n.end[p];
                continue;
            }
            if (n == max)
                break;
            out[n++] = (imp_span){ pc, st->n.at[p], st->n.end[p] };
        }
    }
    return n;
}

static void append(imp_text *t, size_t *cap, const char *s, size_t n)
{
    if (t->len + n + 1 > *cap) {
        *cap = (t->len + n + 1) * 2;
        t->s = pia_xrealloc(t->s, *cap);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static int is_latin(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static const char *separator(const imp_source *src, int prev, int cur, const imp_text *t, const char *next)
{
    if (prev == cur)
        return " ";
    const imp_piece *a = &src->p[prev], *b = &src->p[cur];
    if (a->page == b->page && a->line == b->line)
        return " ";
    if (a->soft && t->len > 0)
        return is_latin((unsigned char)t->s[t->len - 1]) && is_latin((unsigned char)next[0]) ? " " : "";
    return "\n";
}

static void add_segment(const imp_scan *sc, imp_text *t, size_t *cap, int *prev, int piece,
                        const char *s, size_t n)
{
    if (sc->src->kind != IMP_KIND_XLSX) {
        while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n'))
            s++, n--;
        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
            n--;
    }
    if (n == 0)
        return;
    if (*prev >= 0) {
        const char *sep = separator(sc->src, *prev, piece, t, s);
        append(t, cap, sep, strlen(sep));
    }
    t->seg_off = pia_xrealloc(t->seg_off, (size_t)(t->nseg + 1) * sizeof *t->seg_off);
    t->seg_piece = pia_xrealloc(t->seg_piece, (size_t)(t->nseg + 1) * sizeof *t->seg_piece);
    t->seg_off[t->nseg] = t->len;
    t->seg_piece[t->nseg++] = piece;
    append(t, cap, s, n);
    *prev = piece;
}

void imp_range_text(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *label, imp_text *out)
{
    imp_range_text_ex(sc, from, to, &label, 1, out);
}

/* The spans of all the labels, however many: a label broken by boxes has
 * one per piece.  A label that fills what is left is read again into a
 * larger array, so none is cut short. */
static imp_span *label_spans_all(const imp_scan *sc, const imp_cand *const *labels, int nlabels, int *nex)
{
    int cap = 64, n = 0;
    imp_span *ex = pia_xmalloc((size_t)cap * sizeof *ex);
    for (int l = 0; l < nlabels; l++) {
        int got;
        while ((got = imp_label_spans(sc, labels[l], ex + n, cap - n)) == cap - n) {
            cap *= 2;
            ex = pia_xrealloc(ex, (size_t)cap * sizeof *ex);
        }
        n += got;
    }
    *nex = n;
    return ex;
}

void imp_range_parts(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *const *labels, int nlabels,
                     imp_part_fn fn, void *ctx)
{
    const imp_source *src = sc->src;
    size_t N = sc->all.n.n;
    uint32_t b0 = from < N ? sc->all.n.at[from] : (uint32_t)src->len;
    uint32_t b1 = to < N ? sc->all.n.at[to] : (uint32_t)src->len;
    /* A piece's text before its first folded character (a bullet) belongs
     * to the piece, so start at the piece when `from` is its start. */
    if (from < N && (sc->all.flag[from] & IMP_F_START))
        b0 = src->p[sc->all.piece[from]].off;
    int nex;
    imp_span *ex = label_spans_all(sc, labels, nlabels, &nex);
    for (int i = imp_source_piece_at(src, b0); i < src->n && src->p[i].off < b1; i++) {
        const imp_piece *p = &src->p[i];
        if (p->skip)
            continue;
        uint32_t lo = p->off > b0 ? p->off : b0, hi = p->off + p->len < b1 ? p->off + p->len : b1;
        if (to < N && i == sc->all.piece[to] && (sc->all.flag[to] & IMP_F_START))
            hi = p->off;   /* the next label's piece, bullets included, is not ours */
        /* the parts of [lo, hi) outside the labels, in order */
        while (lo < hi) {
            uint32_t cut = hi, next = hi;
            for (int k = 0; k < nex; k++)
                if (ex[k].piece == i && ex[k].hi > lo && ex[k].lo < cut) {
                    cut = ex[k].lo > lo ? ex[k].lo : lo;
                    next = ex[k].hi;
                }
            if (cut > lo)
                fn(sc, i, lo, cut, ctx);
            lo = next > cut ? next : hi;
        }
    }
    free(ex);
}

typedef struct assembly {
    imp_text *out;
    size_t cap;
    int prev;
} assembly;

static void put_part(const imp_scan *sc, int piece, uint32_t lo, uint32_t hi, void *ctx)
{
    assembly *a = ctx;
    add_segment(sc, a->out, &a->cap, &a->prev, piece, sc->src->buf + lo, hi - lo);
}

void imp_range_text_ex(const imp_scan *sc, uint32_t from, uint32_t to, const imp_cand *const *labels, int nlabels,
                       imp_text *out)
{
    memset(out, 0, sizeof *out);
    assembly a = { .out = out, .cap = 64, .prev = -1 };
    out->s = pia_xmalloc(a.cap);
    out->s[0] = '\0';
    imp_range_parts(sc, from, to, labels, nlabels, put_part, &a);
}

void imp_text_free(imp_text *t)
{
    free(t->s);
    free(t->seg_off);
    free(t->seg_piece);
    memset(t, 0, sizeof *t);
}

int imp_text_piece(const imp_text *t, size_t off)
{
    int best = -1;
    for (int i = 0; i < t->nseg && t->seg_off[i] <= off; i++)
        best = t->seg_piece[i];
    if (best < 0 && t->nseg > 0)
        best = t->seg_piece[0];
    return best;
}
