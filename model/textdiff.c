/*
 * textdiff.c — character diff of Japanese text (see textdiff.h): the
 * search itself and the public calls.
 *
 * The shape follows diff-match-patch (Neil Fraser): trim the common prefix
 * and suffix, take the cheap shortcuts (one text inside the other), else
 * find the Myers middle snake and recurse on both halves; long texts are
 * first compared line by line (and sentence by sentence).  Two cleanups
 * (textdiff_clean.c) then make the result readable: merge, and semantic
 * (phrase boundaries such as 。、 and changes of script).
 * Everything works on arrays of code points; invalid UTF-8 bytes are kept
 * as U+DC80..U+DCFF (as Python's surrogateescape) and written back as the
 * same bytes.
 */
#include "textdiff.h"
#include "textdiff_segs.h"
#include "err.h"
#include "map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_BUDGET 20000000L
#define DEFAULT_LINE_THRESHOLD 4000

/* ---- code points ---------------------------------------------------- */

static uint32_t *utf8_decode(const char *s, size_t *n)
{
    size_t len = strlen(s);
    uint32_t *out = pia_xmalloc((len + 1) * sizeof *out);
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    size_t k = 0;
    while (p < end) {
        unsigned c = *p;
        int need = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2
                 : (c & 0xF8) == 0xF0 ? 3 : -1;
        uint32_t cp = need == 0 ? c : need == 1 ? (c & 0x1F) : need == 2 ? (c & 0x0F) : (c & 0x07);
        int ok = need >= 0 && (size_t)(end - p) > (size_t)need;
        for (int i = 1; ok && i <= need; i++) {
            if ((p[i] & 0xC0) != 0x80)
                ok = 0;
            else
                cp = (cp << 6) | (p[i] & 0x3F);
        }
        /* Reject overlong forms and surrogates so every byte sequence has
         * exactly one reading and the round trip is exact. */
        static const uint32_t min[] = { 0, 0x80, 0x800, 0x10000 };
        if (ok && need > 0 && (cp < min[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)))
            ok = 0;
        if (!ok) {
            out[k++] = 0xDC00 + c;
            p++;
            continue;
        }
        out[k++] = cp;
        p += need + 1;
    }
    *n = k;
    return out;
}

static size_t utf8_put(char *o, uint32_t c)
{
    if (c >= 0xDC80 && c <= 0xDCFF) {
        o[0] = (char)(c - 0xDC00);
        return 1;
    }
    if (c < 0x80) {
        o[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        o[0] = (char)(0xC0 | (c >> 6));
        o[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | (c >> 12));
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (c >> 18));
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static char *utf8_encode(const uint32_t *s, size_t n)
{
    char *out = pia_xmalloc(n * 4 + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += utf8_put(out + k, s[i]);
    out[k] = '\0';
    return out;
}

/* ---- the diff ----------------------------------------------------- */

typedef struct ctx {
    long budget;
    int line_threshold;
    int approx;
} ctx;

/* Position of needle in hay, or -1; counts its work against the budget. */
static long find_cp(ctx *c, const uint32_t *hay, size_t nh, const uint32_t *needle, size_t nn)
{
    if (nn == 0 || nn > nh)
        return -1;
    for (size_t i = 0; i + nn <= nh; i++) {
        if (hay[i] != needle[0])
            continue;
        size_t k = 1;
        while (k < nn && hay[i + k] == needle[k])
            k++;
        c->budget -= (long)k;
        if (k == nn)
            return (long)i;
        if (c->budget < 0)
            return -1;
    }
    return -1;
}

static void diff_main(ctx *c, const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                      int lines, segs *out);

static void diff_replace(segs *out, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    td_segs_push(out, PIA_TD_DELETE, a, na);
    td_segs_push(out, PIA_TD_INSERT, b, nb);
}

static void bisect_split(ctx *c, const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                         size_t x, size_t y, segs *out)
{
    diff_main(c, a, x, b, y, 0, out);
    diff_main(c, a + x, na - x, b + y, nb - y, 0, out);
}

/* Myers' middle snake, searched from both ends at once (linear space). */
static void bisect(ctx *c, const uint32_t *a, size_t na_, const uint32_t *b, size_t nb_, segs *out)
{
    long na = (long)na_, nb = (long)nb_;
    long max_d = (na + nb + 1) / 2, off = max_d, vlen = 2 * max_d + 2;
    long *v1 = pia_xmalloc((size_t)vlen * sizeof *v1), *v2 = pia_xmalloc((size_t)vlen * sizeof *v2);
    for (long i = 0; i < vlen; i++)
        v1[i] = v2[i] = -1;
    v1[off + 1] = v2[off + 1] = 0;
    long delta = na - nb;
    int front = (delta % 2 != 0);
    long k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    for (long d = 0; d < max_d; d++) {
        c->budget -= 2 * d + 2;
        if (c->budget < 0) {
            c->approx = 1;
            break;
        }
        for (long k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
            long k1o = off + k1, x1;
            if (k1 == -d || (k1 != d && v1[k1o - 1] < v1[k1o + 1]))
                x1 = v1[k1o + 1];
            else
                x1 = v1[k1o - 1] + 1;
            long y1 = x1 - k1, x0 = x1;
            while (x1 < na && y1 < nb && a[x1] == b[y1]) {
                x1++;
                y1++;
            }
            c->budget -= x1 - x0;
            v1[k1o] = x1;
            if (x1 > na) {
                k1end += 2;
            } else if (y1 > nb) {
                k1start += 2;
            } else if (front) {
                long k2o = off + delta - k1;
                if (k2o >= 0 && k2o < vlen && v2[k2o] != -1 && x1 >= na - v2[k2o]) {
                    free(v1);
                    free(v2);
                    bisect_split(c, a, na_, b, nb_, (size_t)x1, (size_t)y1, out);
                    return;
                }
            }
        }
        for (long k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
            long k2o = off + k2, x2;
            if (k2 == -d || (k2 != d && v2[k2o - 1] < v2[k2o + 1]))
                x2 = v2[k2o + 1];
            else
                x2 = v2[k2o - 1] + 1;
            long y2 = x2 - k2, x0 = x2;
            while (x2 < na && y2 < nb && a[na - x2 - 1] == b[nb - y2 - 1]) {
                x2++;
                y2++;
            }
            c->budget -= x2 - x0;
            v2[k2o] = x2;
            if (x2 > na) {
                k2end += 2;
            } else if (y2 > nb) {
                k2start += 2;
            } else if (!front) {
                long k1o = off + delta - k2;
                if (k1o >= 0 && k1o < vlen && v1[k1o] != -1) {
                    long x1 = v1[k1o], y1 = off + x1 - k1o;
                    if (x1 >= na - x2) {
                        free(v1);
                        free(v2);
                        bisect_split(c, a, na_, b, nb_, (size_t)x1, (size_t)y1, out);
                        return;
                    }
                }
            }
        }
    }
    /* Budget spent (or no overlap, which cannot happen): a plain swap. */
    free(v1);
    free(v2);
    diff_replace(out, a, na_, b, nb_);
}

static void line_mode(ctx *c, const uint32_t *a, size_t na, const uint32_t *b, size_t nb, segs *out);

static void compute(ctx *c, const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                    int lines, segs *out)
{
    if (na == 0 || nb == 0) {
        diff_replace(out, a, na, b, nb);
        return;
    }
    const uint32_t *lo = na > nb ? a : b, *sh = na > nb ? b : a;
    size_t nlo = na > nb ? na : nb, nsh = na > nb ? nb : na;
    long i = find_cp(c, lo, nlo, sh, nsh);
    if (i >= 0) {
        int op = na > nb ? PIA_TD_DELETE : PIA_TD_INSERT;
        td_segs_push(out, op, lo, (size_t)i);
        td_segs_push(out, PIA_TD_EQUAL, sh, nsh);
        td_segs_push(out, op, lo + i + nsh, nlo - (size_t)i - nsh);
        return;
    }
    if (nsh == 1) {
        diff_replace(out, a, na, b, nb);
        return;
    }
    if (lines && c->line_threshold >= 0 && na + nb > (size_t)c->line_threshold) {
        line_mode(c, a, na, b, nb, out);
        return;
    }
    bisect(c, a, na, b, nb, out);
}

static void diff_main(ctx *c, const uint32_t *a, size_t na, const uint32_t *b, size_t nb,
                      int lines, segs *out)
{
    size_t p = td_common_prefix(a, na, b, nb);
    td_segs_push(out, PIA_TD_EQUAL, a, p);
    a += p, b += p, na -= p, nb -= p;
    size_t s = td_common_suffix(a, na, b, nb);
    compute(c, a, na - s, b, nb - s, lines, out);
    td_segs_push(out, PIA_TD_EQUAL, a + na - s, s);
}


/* ---- line mode ------------------------------------------------------ */

/* Lines (and, for Japanese, sentences ending in 。) become single tokens,
 * so big texts are aligned cheaply; changed blocks are then compared
 * character by character. */
typedef struct tokens {
    pia_map *ids;
    const uint32_t **start;
    size_t *len;
    size_t n, cap;
} tokens;

static uint32_t *tokenize(tokens *t, const uint32_t *s, size_t n, size_t *ntok)
{
    uint32_t *out = pia_xmalloc((n + 1) * sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != 0x3002)
            j++;
        if (j < n)
            j++;
        char *key = utf8_encode(s + i, j - i);
        size_t *id = pia_map_get(t->ids, key);
        if (!id) {
            if (t->n == t->cap) {
                t->cap = t->cap ? t->cap * 2 : 64;
                t->start = pia_xrealloc(t->start, t->cap * sizeof *t->start);
                t->len = pia_xrealloc(t->len, t->cap * sizeof *t->len);
            }
            t->start[t->n] = s + i;
            t->len[t->n] = j - i;
            id = pia_xmalloc(sizeof *id);
            *id = t->n++;
            pia_map_put(t->ids, key, id);
        }
        free(key);
        out[k++] = (uint32_t)*id;
        i = j;
    }
    *ntok = k;
    return out;
}

static void expand_tokens(const tokens *t, const segs *tok, segs *out)
{
    for (size_t i = 0; i < tok->n; i++) {
        size_t n = 0;
        for (size_t k = 0; k < tok->v[i].n; k++)
            n += t->len[tok->v[i].s[k]];
        uint32_t *s = pia_xmalloc((n ? n : 1) * sizeof *s);
        size_t at = 0;
        for (size_t k = 0; k < tok->v[i].n; k++) {
            uint32_t id = tok->v[i].s[k];
            memcpy(s + at, t->start[id], t->len[id] * sizeof *s);
            at += t->len[id];
        }
        td_segs_push(out, tok->v[i].op, s, n);
        free(s);
    }
}

/* Re-compare each delete+insert block character by character. */
static void rediff_blocks(ctx *c, segs *d)
{
    segs out = { 0 };
    for (size_t i = 0; i < d->n;) {
        if (d->v[i].op == PIA_TD_EQUAL) {
            td_segs_push(&out, PIA_TD_EQUAL, d->v[i].s, d->v[i].n);
            i++;
            continue;
        }
        seg del = { PIA_TD_DELETE, NULL, 0 }, ins = { PIA_TD_INSERT, NULL, 0 };
        for (; i < d->n && d->v[i].op != PIA_TD_EQUAL; i++) {
            seg *acc = d->v[i].op == PIA_TD_DELETE ? &del : &ins;
            td_seg_set2(acc, acc->s, acc->n, d->v[i].s, d->v[i].n);
        }
        if (del.n && ins.n)
            diff_main(c, del.s, del.n, ins.s, ins.n, 0, &out);
        else
            diff_replace(&out, del.s, del.n, ins.s, ins.n);
        free(del.s);
        free(ins.s);
    }
    td_segs_free(d);
    *d = out;
}

static void line_mode(ctx *c, const uint32_t *a, size_t na, const uint32_t *b, size_t nb, segs *out)
{
    tokens t = { .ids = pia_map_new(free) };
    size_t nta, ntb;
    uint32_t *ta = tokenize(&t, a, na, &nta), *tb = tokenize(&t, b, nb, &ntb);
    segs tok = { 0 }, chars = { 0 };
    diff_main(c, ta, nta, tb, ntb, 0, &tok);
    expand_tokens(&t, &tok, &chars);
    td_cleanup_merge(&chars);
    td_cleanup_semantic(&chars);
    rediff_blocks(c, &chars);
    for (size_t i = 0; i < chars.n; i++)
        td_segs_push(out, chars.v[i].op, chars.v[i].s, chars.v[i].n);
    td_segs_free(&chars);
    td_segs_free(&tok);
    free(ta);
    free(tb);
    free(t.start);
    free(t.len);
    pia_map_free(t.ids);
}

/* ---- public --------------------------------------------------------- */

void pia_textdiff_ex(const char *a, const char *b, const pia_td_opts *opts, pia_tdiff_list *out)
{
    memset(out, 0, sizeof *out);
    ctx c = { DEFAULT_BUDGET, DEFAULT_LINE_THRESHOLD, 0 };
    int semantic = 1;
    if (opts) {
        if (opts->budget)
            c.budget = opts->budget;
        if (opts->line_threshold)
            c.line_threshold = opts->line_threshold;
        semantic = opts->semantic;
    }
    size_t na, nb;
    uint32_t *A = utf8_decode(a ? a : "", &na), *B = utf8_decode(b ? b : "", &nb);
    segs d = { 0 };
    diff_main(&c, A, na, B, nb, 1, &d);
    td_cleanup_merge(&d);
    if (semantic)
        td_cleanup_semantic(&d);
    out->v = pia_xcalloc(d.n ? d.n : 1, sizeof *out->v);
    for (size_t i = 0; i < d.n; i++)
        out->v[out->n++] = (pia_tdiff){ d.v[i].op, utf8_encode(d.v[i].s, d.v[i].n) };
    out->approx = c.approx;
    td_segs_free(&d);
    free(A);
    free(B);
}

void pia_textdiff(const char *a, const char *b, pia_tdiff_list *out)
{
    pia_td_opts o = { .semantic = 1 };
    pia_textdiff_ex(a, b, &o, out);
}

void pia_tdiff_free(pia_tdiff_list *l)
{
    if (!l)
        return;
    for (int i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    memset(l, 0, sizeof *l);
}

int pia_tdiff_changed(const pia_tdiff_list *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->v[i].op != PIA_TD_EQUAL)
            return 1;
    return 0;
}

char *pia_tdiff_markup(const pia_tdiff_list *l, const char *dopen, const char *dclose,
                       const char *iopen, const char *iclose)
{
    size_t cap = 1, md = strlen(dopen) + strlen(dclose), mi = strlen(iopen) + strlen(iclose);
    for (int i = 0; i < l->n; i++)
        cap += strlen(l->v[i].text) + md + mi;
    char *s = pia_xmalloc(cap), *p = s;
    for (int i = 0; i < l->n; i++) {
        const pia_tdiff *t = &l->v[i];
        const char *o = t->op == PIA_TD_DELETE ? dopen : t->op == PIA_TD_INSERT ? iopen : "";
        const char *c = t->op == PIA_TD_DELETE ? dclose : t->op == PIA_TD_INSERT ? iclose : "";
        p = stpcpy(stpcpy(stpcpy(p, o), t->text), c);
    }
    *p = '\0';
    return s;
}

char *pia_tdiff_side(const pia_tdiff_list *l, int side)
{
    size_t cap = 1;
    for (int i = 0; i < l->n; i++)
        cap += strlen(l->v[i].text);
    char *s = pia_xmalloc(cap), *p = s;
    *p = '\0';
    for (int i = 0; i < l->n; i++) {
        int op = l->v[i].op;
        if (op == PIA_TD_EQUAL || (side < 0 && op == PIA_TD_DELETE) || (side > 0 && op == PIA_TD_INSERT))
            p = stpcpy(p, l->v[i].text);
    }
    return s;
}
