/*
 * align.c — one consistent reading of the source: among all places where
 * labels may be, choose a chain that follows the form's order (rows
 * increasing) and the source's order (each label after the previous one
 * ends), with the greatest total weight.  A missing section then costs
 * only its own rows, instead of pulling every later label out of place as
 * a greedy left-to-right search would.  Weighted longest increasing
 * subsequence with a Fenwick tree of prefix maxima over source positions:
 * O(candidates × log positions).
 */
#include "match_internal.h"

#include <stdlib.h>

typedef struct best {
    float score;
    int cand;
} best;

static void update(best *t, size_t n, size_t pos, float score, int cand)
{
    for (size_t i = pos + 1; i <= n; i += i & (~i + 1))
        if (score > t[i].score) {
            t[i].score = score;
            t[i].cand = cand;
        }
}

static best query(const best *t, size_t pos)
{
    best b = { 0.0f, -1 };
    for (size_t i = pos + 1; i > 0; i -= i & (~i + 1))
        if (t[i].score > b.score)
            b = t[i];
    return b;
}

void imp_align(imp_cands *cs, int nrows, uint32_t npos, int *chosen)
{
    for (int r = 0; r < nrows; r++)
        chosen[r] = -1;
    size_t n = (size_t)npos + 1;
    /* Two trees of chains by where they end: `t` by all they cover, `open`
     * with a broken label counting only its first part, so that the boxes
     * printed in its break may follow (and pass the end on). */
    best *t = pia_xcalloc(n + 1, sizeof *t), *open = pia_xcalloc(n + 1, sizeof *open);
    for (size_t i = 0; i <= n; i++)
        t[i].cand = open[i].cand = -1;
    best top = { 0.0f, -1 };
    for (int i = 0; i < cs->n;) {
        int j = i;
        while (j < cs->n && cs->c[j].row == cs->c[i].row)
            j++;
        /* Score a row's candidates before inserting any, so a row is
         * never chained to itself. */
        for (int k = i; k < j; k++) {
            imp_cand *c = &cs->c[k];
            best b = query(c->box ? open : t, c->fs);
            c->score = c->w + b.score;
            c->prev = b.cand;
            c->reach = c->fe;
            if (b.cand >= 0 && cs->c[b.cand].reach > c->reach)
                c->reach = cs->c[b.cand].reach;
        }
        for (int k = i; k < j; k++) {
            imp_cand *c = &cs->c[k];
            if (c->w <= 0)
                continue;
            update(t, n, c->reach, c->score, k);
            update(open, n, c->box || c->fe1 >= c->fe ? c->fe : c->fe1, c->score, k);
            if (c->score > top.score) {
                top.score = c->score;
                top.cand = k;
            }
        }
        i = j;
    }
    for (int k = top.cand; k >= 0; k = cs->c[k].prev)
        chosen[cs->c[k].row] = k;
    free(t);
    free(open);
}
