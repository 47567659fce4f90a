/*
 * search.c — matching a folded query against items (see search.h).
 */
#include "search.h"
#include "check.h"
#include "fold.h"
#include "utf8.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters of context kept before and after a match in a snippet. */
enum { BEFORE = 16, AFTER = 40 };

int pia_query_init(pia_query *q, const char *text)
{
    q->n = pia_fold_str(text, PIA_FOLD_SEARCH, &q->cp);
    q->num = pia_xmalloc((q->n + 1) * sizeof *q->num);
    q->nnum = 0;
    for (size_t i = 0; i < q->n; i++)
        if (q->cp[i] != '.')
            q->num[q->nnum++] = q->cp[i];
    if (q->n)
        return 0;
    pia_query_free(q);
    return -1;
}

void pia_query_free(pia_query *q)
{
    free(q->cp);
    free(q->num);
    q->cp = q->num = NULL;
    q->n = q->nnum = 0;
}

/* Offset of the first match of q in s (folded), with *end past it; -1. */
static long find_in(const pia_query *q, const char *s, size_t *end)
{
    pia_fold f = { 0 };
    pia_fold_append(&f, s, strlen(s), 0, PIA_FOLD_SEARCH);
    size_t i = pia_fold_find(f.cp, f.n, q->cp, q->n, 0);
    long at = -1;
    if (i != (size_t)-1) {
        at = (long)f.at[i];
        *end = f.end[i + q->n - 1];
    }
    pia_fold_free(&f);
    return at;
}

int pia_query_in(const pia_query *q, const char *text)
{
    size_t end;
    return text && find_in(q, text, &end) >= 0;
}

/* The folded code points of s without its dots: a number is typed with or
 * without the "." the form prints after 「2」 (「Ⅲ 7. リスク1 ⑨」). */
static size_t fold_undotted(const char *s, uint32_t **out)
{
    size_t n = pia_fold_str(s, PIA_FOLD_SEARCH, out), m = 0;
    for (size_t i = 0; i < n; i++)
        if ((*out)[i] != '.')
            (*out)[m++] = (*out)[i];
    return m;
}

/* Prepend part[0..m) to the path *path of *have code points. */
static void prepend(uint32_t **path, size_t *have, const uint32_t *part, size_t m)
{
    uint32_t *joined = pia_xmalloc((m + *have + 1) * sizeof *joined);
    memcpy(joined, part, m * sizeof *joined);
    if (*have)
        memcpy(joined + m, *path, *have * sizeof *joined);
    free(*path);
    *path = joined;
    *have += m;
}

static int same(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    return na == nb && memcmp(a, b, na * sizeof *a) == 0;
}

/* Whether q (dots left out, qn code points) is the folded number path of
 * node ending at the node itself: the numbers of its last k ancestors (and
 * itself) run together, dots left out, so 「Ⅲ 2」, 「Ⅲ 2.」 and 「iii2」 name
 * the group 2.  A section printed per file may carry its file as printed,
 * 「Ⅲ(1) 7. リスク1 ⑨」. */
static int number_match(const uint32_t *q, size_t qn, const pia_node *node, int file)
{
    if (!node->number || !node->number[0] || qn == 0)
        return 0;
    size_t have = 0;
    uint32_t *path = NULL;
    int hit = 0;
    for (const pia_node *p = node; p && !hit; p = p->parent) {
        if (!p->number || !p->number[0])
            continue;
        uint32_t *part;
        size_t m = fold_undotted(p->number, &part);
        if (!p->parent && p->per_file && file > 0) {
            char *f = pia_xasprintf("(%d)", file);
            uint32_t *fp, *with = NULL;
            size_t fn = fold_undotted(f, &fp), wn = 0;
            with = pia_xmalloc((have + 1) * sizeof *with);
            if (have)
                memcpy(with, path, have * sizeof *with);
            wn = have;
            prepend(&with, &wn, fp, fn);
            prepend(&with, &wn, part, m);
            hit = same(with, wn, q, qn);
            free(with);
            free(fp);
            free(f);
        }
        prepend(&path, &have, part, m);
        free(part);
        hit = hit || same(path, have, q, qn);
    }
    free(path);
    return hit;
}

/* s[at..end) with up to BEFORE/AFTER characters around it, white space
 * runs made one space, "…" where it was cut. */
static char *snippet(const char *s, size_t at, size_t end)
{
    size_t len = strlen(s), lo = at, hi = end;
    for (int k = 0; k < BEFORE && lo > 0; k++)
        do
            lo--;
        while (lo > 0 && ((unsigned char)s[lo] & 0xC0) == 0x80);
    for (int k = 0; k < AFTER && hi < len; k++) {
        uint32_t c;
        hi += (size_t)pia_utf8_next(s + hi, len - hi, &c);
    }
    char *out = pia_xmalloc(hi - lo + 8), *o = out;
    if (lo > 0)
        o += sprintf(o, "…");
    for (size_t i = lo; i < hi; i++) {
        int space = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' || s[i] == ' ';
        if (space && o > out && o[-1] == ' ')
            continue;
        *o++ = space ? ' ' : s[i];
    }
    if (hi < len)
        o += sprintf(o, "…");
    *o = 0;
    return out;
}

/* A repeated group's instance is shown with its number (システム2), so its
 * heading and place are found and named by it; s is taken over. */
static char *numbered(const pia_node *node, int inst, char *s)
{
    if (!node->repeat || inst <= 0)
        return s;
    char *t = pia_xasprintf("%s%d", s, inst);
    free(s);
    return t;
}

int pia_search_match(const pia_query *q, const pia_doc *doc, const pia_node *node,
                     int file, int afile, int inst, pia_hit *hit)
{
    char *heading = numbered(node, inst, pia_node_heading(node));
    const pia_value *v = node->kind == PIA_GROUP || node->kind == PIA_CHECK
                             ? NULL : pia_doc_get(doc, afile, inst, node->id);
    size_t end = 0;
    long at = -1;
    pia_hit_kind kind = PIA_HIT_NUMBER;
    const char *text = heading;
    if (number_match(q->num, q->nnum, node, file)) {
        at = 0, end = strlen(heading);
    } else if ((at = find_in(q, heading, &end)) >= 0) {
        kind = PIA_HIT_LABEL;
    } else if (v && (at = find_in(q, v->value, &end)) >= 0) {
        kind = PIA_HIT_ANSWER, text = v->value;
    } else if (v && v->detail && (at = find_in(q, v->detail, &end)) >= 0) {
        kind = PIA_HIT_DETAIL, text = v->detail;
    }
    if (at >= 0 && hit) {
        *hit = (pia_hit){ kind, node, file, afile, inst, numbered(node, inst, pia_location(node, file, inst)),
                          kind <= PIA_HIT_LABEL ? pia_xstrdup(heading) : snippet(text, (size_t)at, end) };
    }
    free(heading);
    return at >= 0;
}

void pia_hit_clear(pia_hit *hit)
{
    free(hit->where);
    free(hit->snippet);
    hit->where = hit->snippet = NULL;
}

typedef struct collector {
    const pia_query *q;
    const pia_doc *doc;
    pia_hit *h;
    int n, cap;
} collector;

static int collect(const pia_row *row, void *ctx)
{
    collector *c = ctx;
    pia_hit hit;
    if (!pia_search_match(c->q, c->doc, row->node, row->file, row->afile, row->inst, &hit))
        return 0;
    if (c->n == c->cap)
        c->h = pia_xrealloc(c->h, (size_t)(c->cap = c->cap ? c->cap * 2 : 16) * sizeof *c->h);
    c->h[c->n++] = hit;
    return 0;
}

void pia_search_doc(const pia_form *form, const pia_doc *doc, const pia_query *q,
                    pia_hit **out, int *n)
{
    collector c = { q, doc, NULL, 0, 0 };
    pia_walk(form, doc, collect, &c);
    *out = c.h;
    *n = c.n;
}

void pia_hits_free(pia_hit *h, int n)
{
    for (int i = 0; i < n; i++)
        pia_hit_clear(&h[i]);
    free(h);
}
