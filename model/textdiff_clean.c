/*
 * textdiff_clean.c — the diff under construction (a list of segments) and
 * the cleanups that make textdiff.c's raw result read as changed phrases.
 *
 *   - merge: join neighbouring edits of the same kind, factor common
 *     prefixes/suffixes out of delete+insert pairs, slide lone edits so
 *     they swallow a neighbouring equality;
 *   - semantic: an equality no longer than the edits on both its sides
 *     (and, past two characters, at most half as long) is turned into
 *     delete+insert (so "私は学校" -> "彼は家" is one phrase, not three),
 *     then each lone edit is slid to the best phrase boundary
 *     (line end, 。, 、, a change of script such as kanji -> hiragana).
 */
#include "textdiff_segs.h"
#include "err.h"

#include <stdlib.h>
#include <string.h>

/* ---- segments ------------------------------------------------------- */

static uint32_t *cp_dup(const uint32_t *s, size_t n)
{
    uint32_t *d = pia_xmalloc((n ? n : 1) * sizeof *d);
    if (n)
        memcpy(d, s, n * sizeof *d);
    return d;
}

void td_segs_insert(segs *l, size_t at, int op, const uint32_t *s, size_t n)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = pia_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    memmove(l->v + at + 1, l->v + at, (l->n - at) * sizeof *l->v);
    l->v[at] = (seg){ op, cp_dup(s, n), n };
    l->n++;
}

void td_segs_push(segs *l, int op, const uint32_t *s, size_t n)
{
    if (n)
        td_segs_insert(l, l->n, op, s, n);
}

static void segs_remove(segs *l, size_t at, size_t count)
{
    for (size_t i = at; i < at + count; i++)
        free(l->v[i].s);
    memmove(l->v + at, l->v + at + count, (l->n - at - count) * sizeof *l->v);
    l->n -= count;
}

void td_segs_free(segs *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].s);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* Replace a segment's text by a + b (either may alias the old text). */
void td_seg_set2(seg *g, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    uint32_t *s = pia_xmalloc((na + nb ? na + nb : 1) * sizeof *s);
    if (na)
        memcpy(s, a, na * sizeof *s);
    if (nb)
        memcpy(s + na, b, nb * sizeof *s);
    free(g->s);
    g->s = s;
    g->n = na + nb;
}

size_t td_common_prefix(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t n = na < nb ? na : nb, i = 0;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

size_t td_common_suffix(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t n = na < nb ? na : nb, i = 0;
    while (i < n && a[na - 1 - i] == b[nb - 1 - i])
        i++;
    return i;
}

/* ---- cleanups ------------------------------------------------------ */

/* Factor a common prefix/suffix out of the pending delete+insert pair. */
static void merge_factor(segs *d, size_t *ptr, size_t cdel, size_t cins, seg *del, seg *ins)
{
    size_t k = td_common_prefix(ins->s, ins->n, del->s, del->n);
    if (k) {
        size_t before = *ptr - cdel - cins;
        if (before > 0 && d->v[before - 1].op == PIA_TD_EQUAL) {
            seg *e = &d->v[before - 1];
            td_seg_set2(e, e->s, e->n, ins->s, k);
        } else {
            td_segs_insert(d, 0, PIA_TD_EQUAL, ins->s, k);
            (*ptr)++;
        }
        td_seg_set2(ins, ins->s + k, ins->n - k, NULL, 0);
        td_seg_set2(del, del->s + k, del->n - k, NULL, 0);
    }
    k = td_common_suffix(ins->s, ins->n, del->s, del->n);
    if (k) {
        seg *e = &d->v[*ptr];
        td_seg_set2(e, ins->s + ins->n - k, k, e->s, e->n);
        ins->n -= k;
        del->n -= k;
    }
}

static void merge_pass(segs *d)
{
    td_segs_insert(d, d->n, PIA_TD_EQUAL, NULL, 0); /* sentinel */
    size_t ptr = 0, cdel = 0, cins = 0;
    seg del = { PIA_TD_DELETE, NULL, 0 }, ins = { PIA_TD_INSERT, NULL, 0 };
    while (ptr < d->n) {
        seg *g = &d->v[ptr];
        if (g->op != PIA_TD_EQUAL) {
            seg *acc = g->op == PIA_TD_INSERT ? &ins : &del;
            td_seg_set2(acc, acc->s, acc->n, g->s, g->n);
            *(g->op == PIA_TD_INSERT ? &cins : &cdel) += 1;
            ptr++;
            continue;
        }
        if (cdel + cins > 1) {
            if (cdel && cins)
                merge_factor(d, &ptr, cdel, cins, &del, &ins);
            ptr -= cdel + cins;
            segs_remove(d, ptr, cdel + cins);
            if (del.n)
                td_segs_insert(d, ptr++, PIA_TD_DELETE, del.s, del.n);
            if (ins.n)
                td_segs_insert(d, ptr++, PIA_TD_INSERT, ins.s, ins.n);
            ptr++;
        } else if (ptr != 0 && d->v[ptr - 1].op == PIA_TD_EQUAL) {
            seg *e = &d->v[ptr - 1];
            td_seg_set2(e, e->s, e->n, g->s, g->n);
            segs_remove(d, ptr, 1);
        } else {
            ptr++;
        }
        cdel = cins = 0;
        del.n = ins.n = 0;
    }
    free(del.s);
    free(ins.s);
    if (d->n && d->v[d->n - 1].n == 0)
        segs_remove(d, d->n - 1, 1);
    /* Drop empty segments left by factoring, then join neighbours of the
     * same kind that the removal brought together. */
    for (size_t i = 0; i < d->n;) {
        if (d->v[i].n == 0) {
            segs_remove(d, i, 1);
        } else if (i > 0 && d->v[i - 1].op == d->v[i].op) {
            td_seg_set2(&d->v[i - 1], d->v[i - 1].s, d->v[i - 1].n, d->v[i].s, d->v[i].n);
            segs_remove(d, i, 1);
        } else {
            i++;
        }
    }
}

/* A lone edit between equalities that can slide over one of them. */
static int shift_pass(segs *d)
{
    int changed = 0;
    for (size_t p = 1; p + 1 < d->n; p++) {
        seg *prev = &d->v[p - 1], *cur = &d->v[p], *next = &d->v[p + 1];
        if (prev->op != PIA_TD_EQUAL || next->op != PIA_TD_EQUAL || cur->op == PIA_TD_EQUAL)
            continue;
        if (cur->n >= prev->n &&
            memcmp(cur->s + cur->n - prev->n, prev->s, prev->n * sizeof *cur->s) == 0) {
            /* "A<BA>C" -> "<AB>AC" */
            td_seg_set2(next, prev->s, prev->n, next->s, next->n);
            td_seg_set2(cur, prev->s, prev->n, cur->s, cur->n - prev->n);
            segs_remove(d, p - 1, 1);
            changed = 1;
        } else if (cur->n >= next->n && memcmp(cur->s, next->s, next->n * sizeof *cur->s) == 0) {
            /* "A<BC>B" -> "AB<CB>" */
            td_seg_set2(prev, prev->s, prev->n, next->s, next->n);
            td_seg_set2(cur, cur->s + next->n, cur->n - next->n, next->s, next->n);
            segs_remove(d, p + 1, 1);
            changed = 1;
        }
    }
    return changed;
}

void td_cleanup_merge(segs *d)
{
    for (int guard = 0; guard < 64; guard++) {
        merge_pass(d);
        if (!shift_pass(d))
            return;
    }
}

/* How good a place between x and y is for an edit to start or end:
 * the ends of the text, line ends, sentence ends, commas and brackets,
 * a change of script (漢字|ひらがな), nothing. */
static int script_of(uint32_t c)
{
    if (c >= 0x3041 && c <= 0x309F) return 1;                /* hiragana */
    if ((c >= 0x30A0 && c <= 0x30FF) || (c >= 0xFF66 && c <= 0xFF9F)) return 2; /* katakana */
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005) return 3;
    if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19)) return 4;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xFF21 && c <= 0xFF5A)) return 5;
    return 0;
}

static int is_space(uint32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }
static int is_sentence_end(uint32_t c) { return c == 0x3002 || c == 0xFF0E || c == '!' || c == '?' || c == 0xFF01 || c == 0xFF1F || c == '.'; }
static int is_comma(uint32_t c) { return c == 0x3001 || c == 0xFF0C || c == ',' || c == 0x30FB || c == 0xFF1A || c == ':'; }
static int is_close(uint32_t c) { return c == 0xFF09 || c == ')' || c == 0x300D || c == 0x300F || c == 0x3011; }
static int is_open(uint32_t c) { return c == 0xFF08 || c == '(' || c == 0x300C || c == 0x300E || c == 0x3010; }

static int boundary_score(const uint32_t *s, size_t n, size_t at)
{
    if (at == 0 || at >= n)
        return 6;
    uint32_t x = s[at - 1], y = s[at];
    if (x == '\n' && at >= 2 && s[at - 2] == '\n')
        return 5;
    if (x == '\n' || y == '\n')
        return 4;
    if (is_sentence_end(x))
        return 3;
    if (is_comma(x) || is_close(x) || is_open(y) || is_space(x) || is_space(y))
        return 2;
    int sx = script_of(x), sy = script_of(y);
    return sx != sy ? 1 : 0;
}

/* Slide each lone edit between two equalities to the best boundary. */
static void cleanup_lossless(segs *d)
{
    for (size_t p = 1; p + 1 < d->n; p++) {
        seg *prev = &d->v[p - 1], *cur = &d->v[p], *next = &d->v[p + 1];
        if (prev->op != PIA_TD_EQUAL || next->op != PIA_TD_EQUAL || cur->op == PIA_TD_EQUAL)
            continue;
        /* Lay eq1 edit eq2 out in one buffer: a slide moves two cuts. */
        size_t n = prev->n + cur->n + next->n, m = cur->n;
        uint32_t *all = pia_xmalloc(n * sizeof *all);
        memcpy(all, prev->s, prev->n * sizeof *all);
        memcpy(all + prev->n, cur->s, cur->n * sizeof *all);
        memcpy(all + prev->n + m, next->s, next->n * sizeof *all);
        size_t i = prev->n - td_common_suffix(prev->s, prev->n, cur->s, cur->n);
        size_t best = i;
        int best_score = boundary_score(all, n, i) + boundary_score(all, n, i + m);
        while (i + m < n && all[i] == all[i + m]) {
            i++;
            int sc = boundary_score(all, n, i) + boundary_score(all, n, i + m);
            if (sc >= best_score) {
                best_score = sc;
                best = i;
            }
        }
        if (best != prev->n) {
            td_seg_set2(prev, all, best, NULL, 0);
            td_seg_set2(cur, all + best, m, NULL, 0);
            td_seg_set2(next, all + best + m, n - best - m, NULL, 0);
            if (next->n == 0)
                segs_remove(d, p + 1, 1);
            if (prev->n == 0) {
                segs_remove(d, p - 1, 1);
                p--;
            }
        }
        free(all);
    }
    td_cleanup_merge(d);
}

/* A one-character equality at either end of the text, next to a real
 * replacement, is a coincidence ("十分であ[る]" / "課題が残されてい[る]"):
 * fold it into the change.  Punctuation and line ends stay as anchors. */
static int edge_absorbable(const segs *d, size_t e, size_t first_edit, size_t last_edit)
{
    const seg *g = &d->v[e];
    if (g->op != PIA_TD_EQUAL || g->n != 1 || script_of(g->s[0]) == 0)
        return 0;
    size_t ndel = 0, nins = 0;
    for (size_t i = first_edit; i <= last_edit && i < d->n; i++) {
        if (d->v[i].op == PIA_TD_EQUAL)
            return 0;
        *(d->v[i].op == PIA_TD_DELETE ? &ndel : &nins) += d->v[i].n;
    }
    return ndel >= 3 && nins >= 3;
}

static void cleanup_edges(segs *d)
{
    if (d->n < 3)
        return;
    size_t last = d->n - 1;
    if (edge_absorbable(d, last, last - 2, last - 1)) {
        td_seg_set2(&d->v[last - 2], d->v[last - 2].s, d->v[last - 2].n, d->v[last].s, 1);
        td_seg_set2(&d->v[last - 1], d->v[last - 1].s, d->v[last - 1].n, d->v[last].s, 1);
        segs_remove(d, last, 1);
    }
    if (d->n >= 3 && edge_absorbable(d, 0, 1, 2)) {
        td_seg_set2(&d->v[1], d->v[0].s, 1, d->v[1].s, d->v[1].n);
        td_seg_set2(&d->v[2], d->v[0].s, 1, d->v[2].s, d->v[2].n);
        segs_remove(d, 0, 1);
    }
}

void td_cleanup_semantic(segs *d)
{
    size_t *eqs = pia_xmalloc((d->n + 1) * sizeof *eqs);
    size_t neq = 0, ins1 = 0, del1 = 0, ins2 = 0, del2 = 0;
    int changed = 0;
    for (long p = 0; p < (long)d->n; p++) {
        seg *g = &d->v[p];
        if (g->op == PIA_TD_EQUAL) {
            eqs[neq++] = (size_t)p;
            ins1 = ins2, del1 = del2, ins2 = del2 = 0;
            continue;
        }
        *(g->op == PIA_TD_INSERT ? &ins2 : &del2) += g->n;
        if (!neq)
            continue;
        size_t e = eqs[neq - 1], len = d->v[e].n;
        size_t m1 = ins1 > del1 ? ins1 : del1, m2 = ins2 > del2 ? ins2 : del2;
        if (len > m1 || len > m2)
            continue;
        /* Japanese carries meaning in few characters: beyond a particle or
         * two (は, には), keep an equality unless the edits around it are
         * at least twice as long. */
        if (len > 2 && 2 * len > (m1 < m2 ? m1 : m2))
            continue;
        /* The equality reads better as part of the change around it. */
        td_segs_insert(d, e, PIA_TD_DELETE, d->v[e].s, len);
        d->v[e + 1].op = PIA_TD_INSERT;
        neq--;
        if (neq)
            neq--;
        p = neq ? (long)eqs[neq - 1] : -1;
        ins1 = del1 = ins2 = del2 = 0;
        changed = 1;
        eqs = pia_xrealloc(eqs, (d->n + 1) * sizeof *eqs);
    }
    free(eqs);
    if (changed)
        td_cleanup_merge(d);
    cleanup_lossless(d);
    cleanup_edges(d);
}
