/*
 * check.c — findings of what is still open (see check.h).
 */
#include "check.h"
#include "rules.h"
#include "threshold.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a row stands in the walk: findings are reported in the form's
 * order, a broken rule at its item among the other findings of that place
 * (the check view groups consecutive findings by section and file). */
typedef struct place {
    const pia_node *node;
    int file, inst;
} place;

typedef struct finder {
    pia_finding *f;
    long *order;          /* f[i]'s position in the walk */
    int n, cap;
    const pia_doc *doc;
    place *rows;          /* every row walked, in order */
    int nrows, rowcap;
} finder;

/* One step of a location: the section's number (with the file), a repeated
 * group's label and instance, a group's number; the item's own heading. */
static char *step(const pia_node *p, int is_root, int is_last, int file, int inst)
{
    if (is_last)
        return pia_node_heading(p);
    if (is_root && p->per_file && file > 0)
        return pia_xasprintf("%s(%d)", p->number ? p->number : p->label, file);
    if (is_root)
        return pia_xstrdup(p->number ? p->number : p->label);
    if (p->repeat)
        return pia_xasprintf("%s%d", p->label, inst);
    return pia_xstrdup(p->number ? p->number : "");
}

char *pia_location(const pia_node *node, int file, int inst)
{
    const pia_node *path[32];
    int depth = 0;
    for (const pia_node *p = node; p && depth < 32; p = p->parent)
        path[depth++] = p;
    char *s = pia_xstrdup("");
    for (int i = depth - 1; i >= 0; i--) {
        char *part = step(path[i], i == depth - 1, i == 0, file, inst);
        if (*part) {
            char *t = pia_xasprintf("%s%s%s", s, *s ? " " : "", part);
            free(s);
            s = t;
        }
        free(part);
    }
    return s;
}

static void add(finder *f, pia_finding_kind kind, const pia_row *row, const char *what)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 64;
        f->f = pia_xrealloc(f->f, (size_t)f->cap * sizeof *f->f);
        f->order = pia_xrealloc(f->order, (size_t)f->cap * sizeof *f->order);
    }
    f->order[f->n] = f->nrows;
    pia_finding *x = &f->f[f->n++];
    x->kind = kind;
    x->node = row->node;
    x->file = row->file;
    x->inst = row->inst;
    x->where = pia_location(row->node, row->file, row->inst);
    x->what = pia_xstrdup(what);
}

/* The measures of a concern: the text fields beside it in its group. */
static int measures_empty(const finder *f, const pia_row *row)
{
    const pia_node *g = row->node->parent;
    for (int i = 0; g && i < g->nkids; i++) {
        const pia_node *k = g->kids[i];
        if (k->kind != PIA_TEXT || k->autofill)
            continue;
        const pia_value *v = pia_doc_get(f->doc, row->afile, row->inst, k->id);
        if (pia_answered(k, v) && strcmp(v->value, "—") != 0)
            return 0;
    }
    return 1;
}

static void remember(finder *f, const pia_row *row)
{
    if (f->nrows == f->rowcap)
        f->rows = pia_xrealloc(f->rows, (size_t)(f->rowcap = f->rowcap ? f->rowcap * 2 : 256) *
                                            sizeof *f->rows);
    f->rows[f->nrows++] = (place){ row->node, row->file, row->inst };
}

static int check_row(const pia_row *row, void *ctx)
{
    finder *f = ctx;
    const pia_node *n = row->node;
    remember(f, row);
    if (!pia_node_is_field(n) || n->autofill)
        return 0;
    if (row->afile == 0 && row->file > 1)     /* answered once, printed per file */
        return 0;
    if (row->state == PIA_STATE_NA) {
        if (row->stored)
            add(f, PIA_FIND_NA_ANSWERED, row, "該当しない部分に回答が残っています");
        return 0;
    }
    if (row->state == PIA_STATE_OPEN)
        add(f, PIA_FIND_UNANSWERED, row, "未回答です");
    else if (n->concern && row->state == PIA_STATE_ANSWERED &&
             strcmp(row->value->value, n->concern) == 0 && measures_empty(f, row))
        add(f, PIA_FIND_CONCERN, row, "課題が残されている とした対策の内容が記入されていません");
    return 0;
}

/* A broken consistency rule (rules.h): its text names the other item. */
static void rule_broken(const pia_rule_break *b, void *ctx)
{
    finder *f = ctx;
    pia_row row = { .node = b->node, .file = b->file, .inst = b->inst };
    add(f, PIA_FIND_RULE, &row, b->what);
    /* Its item's place in the walk: the same instance, else the item in
     * the same file, else after everything. */
    long at = -1;
    for (int i = 0; i < f->nrows && at < 0; i++)
        if (f->rows[i].node == b->node && f->rows[i].file == b->file && f->rows[i].inst == b->inst)
            at = i + 1;
    for (int i = 0; i < f->nrows && at < 0; i++)
        if (f->rows[i].node == b->node && f->rows[i].file == b->file)
            at = i + 1;
    f->order[f->n - 1] = at < 0 ? f->nrows : at;
}

/* Stable: by place in the walk, then as found. */
static void sort_by_place(finder *f)
{
    for (int i = 1; i < f->n; i++) {
        pia_finding x = f->f[i];
        long k = f->order[i];
        int j = i;
        for (; j > 0 && f->order[j - 1] > k; j--) {
            f->f[j] = f->f[j - 1];
            f->order[j] = f->order[j - 1];
        }
        f->f[j] = x;
        f->order[j] = k;
    }
}

int pia_check_doc(const pia_form *form, const pia_doc *doc, pia_finding **out, int *n)
{
    finder f = { .doc = doc };
    pia_walk(form, doc, check_row, &f);
    pia_rules_eval(form, doc, rule_broken, &f);
    sort_by_place(&f);
    free(f.rows);
    pia_row row = { 0 };
    char *what = NULL;
    if (pia_threshold_check_doc(NULL, form, doc, &row.node, &what) > 0)
        add(&f, PIA_FIND_THRESHOLD, &row, what);
    free(what);
    free(f.order);
    *out = f.f;
    *n = f.n;
    return 0;
}

void pia_findings_free(pia_finding *f, int n)
{
    for (int i = 0; i < n; i++) {
        free(f[i].where);
        free(f[i].what);
    }
    free(f);
}
