/*
 * compare.c — the comparison of two versions of an assessment (compare.h).
 *
 * The walk follows the template: sections in order, per-file sections once
 * per aligned pair of 特定個人情報ファイル, repeated groups once per aligned
 * pair of instances.  Alignment is decided once per (file pair, group) and
 * every field below is then compared at its (file, instance) address on
 * each side.
 */
#include "compare.h"
#include "format.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One aligned pair: positions on each side, 0 where the side lacks it. */
typedef struct pair {
    int a, b;
} pair;

typedef struct cmp_ctx {
    pia_cmp *c;
    int flags;
    pair *files;          /* aligned 特定個人情報ファイル */
    int nfiles;
    int file_k;           /* index in files of the pair being walked */
} cmp_ctx;

const char *pia_cmp_kind_label(pia_cmp_kind k)
{
    switch (k) {
    case PIA_CMP_CHANGED: return "変更";
    case PIA_CMP_ADDED: return "追加";
    case PIA_CMP_REMOVED: return "削除";
    case PIA_CMP_SAME: break;
    }
    return "同じ";
}

/* ---- naming ------------------------------------------------------- */

char *pia_cmp_where(const pia_node *node, int inst)
{
    const pia_node *chain[32];
    int n = 0;
    for (const pia_node *p = node; p && n < 32; p = p->parent)
        chain[n++] = p;
    size_t cap = 64;
    for (int i = 0; i < n; i++)
        cap += strlen(chain[i]->label) + (chain[i]->number ? strlen(chain[i]->number) : 0) + 24;
    char *s = pia_xmalloc(cap), *o = s;
    *o = '\0';
    for (int i = n - 1; i >= 0; i--) {
        const pia_node *p = chain[i];
        char part[64] = "";
        const char *text = NULL;
        if (p->repeat) {
            snprintf(part, sizeof part, "%s%s%s%d", p->number ? p->number : "",
                     p->number ? " " : "", p->repeat, inst > 0 ? inst : 1);
            text = part;
        } else if (p->number) {
            text = p->number;
        } else if (p == node) {
            text = p->label;
        }
        if (!text)
            continue;
        if (o != s)
            *o++ = ' ';
        o = stpcpy(o, text);
    }
    return s;
}

const pia_node *pia_cmp_qualifier(const pia_node *node)
{
    const pia_node *p = node->parent;
    if (!p || node->number || !node->label || !pia_node_is_field(node))
        return NULL;
    int at = -1, dup = 0;
    for (int k = 0; k < p->nkids; k++) {
        if (p->kids[k] == node)
            at = k;
        else if (p->kids[k]->label && strcmp(p->kids[k]->label, node->label) == 0)
            dup = 1;
    }
    if (!dup)
        return NULL;
    /* The nearest field before it whose label is its own: the question
     * whose answer this text explains. */
    for (int k = at - 1; k >= 0; k--) {
        const pia_node *q = p->kids[k];
        if (!pia_node_is_field(q) || !q->label)
            continue;
        int unique = 1;
        for (int j = 0; j < p->nkids && unique; j++)
            if (j != k && p->kids[j]->label && strcmp(p->kids[j]->label, q->label) == 0)
                unique = 0;
        if (unique)
            return q;
    }
    return NULL;
}

char *pia_cmp_title(const pia_node *node, int inst)
{
    char *h = pia_node_heading(node);
    const pia_node *q = pia_cmp_qualifier(node);
    if (q) {
        char *qh = pia_xasprintf("%s %s", q->label, h);
        free(h);
        h = qh;
    }
    if (node->repeat) {
        char *w = pia_cmp_where(node, inst);
        free(h);
        return w;
    }
    if (!node->parent)
        return h;
    /* A group without a number is named by its label; that is the question
     * for its boxes (提供・移転の有無), but only a heading line over other
     * items (Ⅲ 4.'s list of five risks, a hundred characters that hid the
     * item itself at 80 columns). */
    const pia_node *from = node->parent;
    if (node->kind != PIA_CHECK && !from->number && !from->repeat && from->parent)
        from = from->parent;
    char *p = pia_cmp_where(from, inst);
    char *s = pia_xasprintf("%s%s%s", p, p[0] ? " " : "", h);
    free(p);
    free(h);
    return s;
}

/* Whether v says anything: an unchecked box without text does not. */
static int answered(const pia_node *node, const pia_value *v)
{
    if (!v)
        return 0;
    if (v->detail && v->detail[0])
        return 1;
    return node->kind == PIA_CHECK ? pia_value_checked(v) : v->value[0] != '\0';
}

char *pia_cmp_answer_text(const pia_node *node, const pia_value *v)
{
    /* A box reads "[ ] label" even unchecked, so a change reads
     * "[ ] 宛名システム等" -> "[○] 宛名システム等". */
    if (node->kind == PIA_CHECK)
        return pia_format_box(node, v);
    if (!answered(node, v))
        return pia_xstrdup("");
    if (node->kind == PIA_CHOICE && node->detail && v->detail && v->detail[0]) {
        char *d = pia_format_detail(node, v->detail);
        char *s = pia_xasprintf("%s %s", v->value, d);
        free(d);
        return s;
    }
    return pia_xstrdup(v->value);
}

/* ---- entries ------------------------------------------------------ */

static pia_cmp_entry *add_entry(pia_cmp *c, pia_cmp_kind kind, pia_cmp_what what,
                                const pia_node *node, pair f, pair i, int inside)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->v = pia_xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
    }
    pia_cmp_entry *e = &c->v[c->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->what = what;
    e->node = node;
    e->file_a = f.a;
    e->file_b = f.b;
    e->inst_a = i.a;
    e->inst_b = i.b;
    e->inside = inside;
    e->where = pia_cmp_where(node, i.b ? i.b : i.a);
    e->heading = pia_node_heading(node);
    if (node->per_file && (f.a || f.b))
        e->file_name = f.b ? c->b->files[f.b - 1].name : c->a->files[f.a - 1].name;
    if (kind != PIA_CMP_SAME)
        c->nchanged++;
    return e;
}

/* A diff that is one whole replacement (choices, check boxes, names). */
static void whole_diff(pia_tdiff_list *l, const char *before, const char *after)
{
    memset(l, 0, sizeof *l);
    l->v = pia_xcalloc(2, sizeof *l->v);
    if (before[0])
        l->v[l->n++] = (pia_tdiff){ PIA_TD_DELETE, pia_xstrdup(before) };
    if (after[0])
        l->v[l->n++] = (pia_tdiff){ PIA_TD_INSERT, pia_xstrdup(after) };
}

static int same_value(const pia_node *node, const pia_value *x, const pia_value *y)
{
    if (!answered(node, x) || !answered(node, y))
        return answered(node, x) == answered(node, y);
    if (node->kind == PIA_CHECK && pia_value_checked(x) != pia_value_checked(y))
        return 0;
    const char *xv = node->kind == PIA_CHECK ? "" : x->value;
    const char *yv = node->kind == PIA_CHECK ? "" : y->value;
    const char *xd = x && x->detail ? x->detail : "", *yd = y && y->detail ? y->detail : "";
    return strcmp(xv, yv) == 0 && strcmp(xd, yd) == 0;
}

static void compare_field(cmp_ctx *x, const pia_node *node, pair f, pair i, int inside,
                          pia_cmp_kind container)
{
    pia_cmp *c = x->c;
    if (node->autofill)
        return;
    const pia_value *va = f.a || !node->per_file ? pia_doc_get(c->a, f.a, i.a, node->id) : NULL;
    const pia_value *vb = f.b || !node->per_file ? pia_doc_get(c->b, f.b, i.b, node->id) : NULL;
    if (container == PIA_CMP_ADDED)
        va = NULL;
    if (container == PIA_CMP_REMOVED)
        vb = NULL;
    if (container != PIA_CMP_SAME && !answered(node, va) && !answered(node, vb))
        return;   /* an empty item of an added/removed part says nothing */
    int same = same_value(node, va, vb) && container == PIA_CMP_SAME;
    /* Unchanged items only when asked, and never the ones still empty. */
    if (same && (!(x->flags & PIA_CMP_WITH_SAME) || !answered(node, va)))
        return;
    pia_cmp_kind kind = same ? PIA_CMP_SAME : container != PIA_CMP_SAME ? container : PIA_CMP_CHANGED;
    pia_cmp_entry *e = add_entry(c, kind, PIA_CMPW_ITEM, node, f, i, inside);
    /* The side without the file or instance has no answer at all: an
     * unchecked "[ ] box" there would read as a box cleared in B. */
    e->before = container == PIA_CMP_ADDED ? pia_xstrdup("") : pia_cmp_answer_text(node, va);
    e->after = container == PIA_CMP_REMOVED ? pia_xstrdup("") : pia_cmp_answer_text(node, vb);
    /* Same choice or same box state: only the parenthetical text moved. */
    int same_choice = va && vb &&
        ((node->kind == PIA_CHOICE && strcmp(va->value, vb->value) == 0) ||
         (node->kind == PIA_CHECK && pia_value_checked(va) == pia_value_checked(vb)));
    if (same) {
        whole_diff(&e->diff, "", "");
        if (e->before[0])
            e->diff.v[e->diff.n++] = (pia_tdiff){ PIA_TD_EQUAL, pia_xstrdup(e->before) };
    } else if (node->kind == PIA_TEXT || same_choice) {
        /* Text, or a choice whose parenthetical text alone changed. */
        pia_textdiff(e->before, e->after, &e->diff);
        c->approx |= e->diff.approx;
    } else {
        whole_diff(&e->diff, e->before, e->after);
    }
}

/* ---- instance alignment -------------------------------------------- */

typedef struct inst_key {
    char *all;     /* every answer of the instance, in template order */
    char *first;   /* the first answer (usually a name) */
} inst_key;

static void key_add(char **s, size_t *len, size_t *cap, const char *part)
{
    size_t n = strlen(part) + 1;
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *s = pia_xrealloc(*s, *cap);
    }
    memcpy(*s + *len, part, n);   /* keep the NUL as a separator */
    *len += n;
    (*s)[*len] = '\0';
}

static void collect_key(const pia_node *n, const pia_doc *d, int file, int inst,
                        char **s, size_t *len, size_t *cap, char **first)
{
    if (pia_node_is_field(n)) {
        const pia_value *v = pia_doc_get(d, file, inst, n->id);
        key_add(s, len, cap, v ? v->value : "");
        key_add(s, len, cap, v && v->detail ? v->detail : "");
        if (v && v->value[0] && !*first)
            *first = pia_xstrdup(v->value);
    }
    for (int k = 0; k < n->nkids; k++)
        collect_key(n->kids[k], d, file, inst, s, len, cap, first);
}

static inst_key make_key(const pia_node *group, const pia_doc *d, int file, int inst)
{
    inst_key k = { NULL, NULL };
    size_t len = 0, cap = 0;
    key_add(&k.all, &len, &cap, "");
    collect_key(group, d, file, inst, &k.all, &len, &cap, &k.first);
    /* Separators are NULs: compare with the length, stored up front. */
    char *out = pia_xmalloc(len + sizeof(size_t));
    memcpy(out, &len, sizeof len);
    memcpy(out + sizeof len, k.all, len);
    free(k.all);
    k.all = out;
    return k;
}

static int key_eq(const char *x, const char *y)
{
    size_t lx, ly;
    memcpy(&lx, x, sizeof lx);
    memcpy(&ly, y, sizeof ly);
    return lx == ly && memcmp(x + sizeof lx, y + sizeof ly, lx) == 0;
}

static int name_eq(const char *x, const char *y)
{
    return x && y && strcmp(x, y) == 0;
}

static int add_pair(pair **v, int *n, int *cap, int a, int b)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *v = pia_xrealloc(*v, (size_t)*cap * sizeof **v);
    }
    (*v)[(*n)++] = (pair){ a, b };
    return 0;
}

/* Align the gap a[a0..a1) / b[b0..b1) between two identical anchors:
 * instances with the same first answer (a name) pair up, in order; what
 * lies between those pairs is paired by position, the rest is removed
 * (A only) or added (B only). */
static void align_gap(inst_key *ka, int a0, int a1, inst_key *kb, int b0, int b1,
                      pair **out, int *n, int *cap)
{
    int *match = pia_xcalloc((size_t)(a1 > a0 ? a1 - a0 : 1), sizeof *match);
    int lastb = b0;
    for (int i = a0; i < a1; i++) {
        for (int j = lastb; j < b1; j++) {
            if (name_eq(ka[i].first, kb[j].first)) {
                match[i - a0] = j + 1;
                lastb = j + 1;
                break;
            }
        }
    }
    int i = a0, j = b0;
    for (;;) {
        int ma = i;
        while (ma < a1 && !match[ma - a0])
            ma++;
        int mb = ma < a1 ? match[ma - a0] - 1 : b1;
        for (; i < ma && j < mb; i++, j++)
            add_pair(out, n, cap, i + 1, j + 1);
        for (; i < ma; i++)
            add_pair(out, n, cap, i + 1, 0);
        for (; j < mb; j++)
            add_pair(out, n, cap, 0, j + 1);
        if (ma >= a1)
            break;
        add_pair(out, n, cap, ma + 1, mb + 1);
        i = ma + 1;
        j = mb + 1;
    }
    free(match);
}

/* Instances of `group` on both sides, aligned. Returns the count. */
static int align_instances(const pia_cmp *c, const pia_node *group, pair f, pair **out)
{
    int fa = pia_walk_answer_file(group, f.a), fb = pia_walk_answer_file(group, f.b);
    int na = f.a || !group->per_file ? pia_doc_instances(c->a, fa, group->id) : 0;
    int nb = f.b || !group->per_file ? pia_doc_instances(c->b, fb, group->id) : 0;
    /* The form shows an empty first instance when there is none. */
    if (na == 0 && (f.a || !group->per_file))
        na = 1;
    if (nb == 0 && (f.b || !group->per_file))
        nb = 1;
    inst_key *ka = pia_xcalloc((size_t)na + 1, sizeof *ka), *kb = pia_xcalloc((size_t)nb + 1, sizeof *kb);
    for (int i = 0; i < na; i++)
        ka[i] = make_key(group, c->a, fa, i + 1);
    for (int j = 0; j < nb; j++)
        kb[j] = make_key(group, c->b, fb, j + 1);
    /* Longest common subsequence of identical instances. */
    int *L = pia_xcalloc((size_t)(na + 1) * (size_t)(nb + 1), sizeof *L);
#define LCS(i, j) L[(size_t)(i) * (size_t)(nb + 1) + (size_t)(j)]
    for (int i = na - 1; i >= 0; i--)
        for (int j = nb - 1; j >= 0; j--)
            LCS(i, j) = key_eq(ka[i].all, kb[j].all) ? LCS(i + 1, j + 1) + 1
                      : (LCS(i + 1, j) > LCS(i, j + 1) ? LCS(i + 1, j) : LCS(i, j + 1));
    pair *v = NULL;
    int n = 0, cap = 0, i = 0, j = 0, gi = 0, gj = 0;
    while (i < na && j < nb) {
        if (key_eq(ka[i].all, kb[j].all) && LCS(i, j) == LCS(i + 1, j + 1) + 1) {
            align_gap(ka, gi, i, kb, gj, j, &v, &n, &cap);
            add_pair(&v, &n, &cap, i + 1, j + 1);
            gi = ++i;
            gj = ++j;
        } else if (LCS(i + 1, j) >= LCS(i, j + 1)) {
            i++;
        } else {
            j++;
        }
    }
#undef LCS
    align_gap(ka, gi, na, kb, gj, nb, &v, &n, &cap);
    for (int k = 0; k < na; k++) {
        free(ka[k].all);
        free(ka[k].first);
    }
    for (int k = 0; k < nb; k++) {
        free(kb[k].all);
        free(kb[k].first);
    }
    free(ka);
    free(kb);
    free(L);
    *out = v;
    return n;
}

/* ---- the walk ----------------------------------------------------- */

static void visit(cmp_ctx *x, const pia_node *node, pair f, pair i, int inside,
                  pia_cmp_kind container);

static void visit_kids(cmp_ctx *x, const pia_node *node, pair f, pair i, int inside,
                       pia_cmp_kind container)
{
    for (int k = 0; k < node->nkids; k++)
        visit(x, node->kids[k], f, i, inside, container);
}

static void visit_repeat(cmp_ctx *x, const pia_node *node, pair f, int inside,
                         pia_cmp_kind container)
{
    pair *insts;
    int n = align_instances(x->c, node, f, &insts);
    for (int k = 0; k < n; k++) {
        pair i = insts[k];
        pia_cmp_kind kind = container;
        if (container == PIA_CMP_SAME && (!i.a || !i.b)) {
            kind = i.a ? PIA_CMP_REMOVED : PIA_CMP_ADDED;
            add_entry(x->c, kind, PIA_CMPW_INSTANCE, node, f, i, inside);
        }
        visit_kids(x, node, f, i, inside || kind != PIA_CMP_SAME, kind);
    }
    free(insts);
}

static void visit(cmp_ctx *x, const pia_node *node, pair f, pair i, int inside,
                  pia_cmp_kind container)
{
    /* A once-per-assessment item inside a per-file section is compared
     * once, under the first file pair only. */
    if (!node->per_file && node->parent && node->parent->per_file) {
        if (x->file_k > 0)
            return;
        f = (pair){ 0, 0 };
        container = PIA_CMP_SAME;
        inside = 0;
    }
    if (pia_node_is_field(node)) {
        compare_field(x, node, f, i, inside, container);
        visit_kids(x, node, f, i, inside, container);     /* an item's sub-items */
        return;
    }
    if (node->repeat) {
        visit_repeat(x, node, f, inside, container);
        return;
    }
    visit_kids(x, node, f, i, inside, container);
}

/* Files: by name, then same position (renamed), then added / removed,
 * ordered as B lists them with A's removed files at their old place. */
static int align_files(const pia_doc *a, const pia_doc *b, pair **out)
{
    int *ma = pia_xcalloc((size_t)a->nfiles + 1, sizeof *ma);
    int *mb = pia_xcalloc((size_t)b->nfiles + 1, sizeof *mb);
    for (int j = 0; j < b->nfiles; j++)
        for (int i = 0; i < a->nfiles; i++)
            if (!ma[i] && strcmp(a->files[i].name, b->files[j].name) == 0) {
                ma[i] = j + 1;
                mb[j] = i + 1;
                break;
            }
    for (int k = 0; k < a->nfiles && k < b->nfiles; k++)
        if (!ma[k] && !mb[k]) {
            ma[k] = k + 1;
            mb[k] = k + 1;
        }
    pair *v = NULL;
    int n = 0, cap = 0, i = 0;
    for (int j = 0; j < b->nfiles; j++) {
        /* A's unmatched files that came before this one's match. */
        while (mb[j] && i < mb[j] - 1) {
            if (!ma[i])
                add_pair(&v, &n, &cap, i + 1, 0);
            i++;
        }
        if (mb[j] && i == mb[j] - 1)
            i++;
        add_pair(&v, &n, &cap, mb[j], j + 1);
    }
    for (; i < a->nfiles; i++)
        if (!ma[i])
            add_pair(&v, &n, &cap, i + 1, 0);
    free(ma);
    free(mb);
    *out = v;
    return n;
}

static void compare_section(cmp_ctx *x, const pia_node *sec, int first_per_file)
{
    if (!sec->per_file) {
        visit(x, sec, (pair){ 0, 0 }, (pair){ 0, 0 }, 0, PIA_CMP_SAME);
        return;
    }
    pia_cmp *c = x->c;
    if (x->nfiles == 0) {
        /* Neither side has a file: the form still shows one empty copy. */
        visit(x, sec, (pair){ 0, 0 }, (pair){ 0, 0 }, 0, PIA_CMP_SAME);
        return;
    }
    for (int k = 0; k < x->nfiles; k++) {
        pair f = x->files[k];
        x->file_k = k;
        pia_cmp_kind kind = !f.a ? PIA_CMP_ADDED : !f.b ? PIA_CMP_REMOVED : PIA_CMP_SAME;
        if (kind != PIA_CMP_SAME) {
            if (first_per_file)
                add_entry(c, kind, PIA_CMPW_FILE, sec, f, (pair){ 0, 0 }, 0);
        } else if (first_per_file &&
                   strcmp(c->a->files[f.a - 1].name, c->b->files[f.b - 1].name) != 0) {
            pia_cmp_entry *e = add_entry(c, PIA_CMP_CHANGED, PIA_CMPW_FILE, sec, f,
                                         (pair){ 0, 0 }, 0);
            e->before = pia_xstrdup(c->a->files[f.a - 1].name);
            e->after = pia_xstrdup(c->b->files[f.b - 1].name);
            pia_textdiff(e->before, e->after, &e->diff);
        }
        visit(x, sec, f, (pair){ 0, 0 }, kind != PIA_CMP_SAME, kind);
    }
    x->file_k = 0;
}

pia_cmp *pia_compare(const pia_form *form, const pia_doc *a, const pia_doc *b, int flags)
{
    pia_cmp *c = pia_xcalloc(1, sizeof *c);
    c->form = form;
    c->a = a;
    c->b = b;
    c->multi_file = a->nfiles > 1 || b->nfiles > 1;
    cmp_ctx x = { .c = c, .flags = flags };
    x.nfiles = align_files(a, b, &x.files);
    int first = 1;
    for (int s = 0; s < form->nsections; s++) {
        compare_section(&x, form->sections[s], first && form->sections[s]->per_file);
        if (form->sections[s]->per_file)
            first = 0;
    }
    free(x.files);
    return c;
}

void pia_cmp_free(pia_cmp *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++) {
        free(c->v[i].where);
        free(c->v[i].heading);
        free(c->v[i].before);
        free(c->v[i].after);
        pia_tdiff_free(&c->v[i].diff);
    }
    free(c->v);
    free(c);
}
