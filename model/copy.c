/*
 * copy.c — plans and writes a copy of answers (copy.h).  The plan works on
 * two docs in memory (a live assessment or a version, model/version.h);
 * writing goes through the store's audited pia_store_set, one transaction
 * for the whole copy, so a copy is either all there or not at all.
 */
#include "copy.h"
#include "check.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct planner {
    const pia_form *form;
    const pia_doc *src, *dst;
    const pia_copy_opts *o;
    pia_copy_plan *p;
    int cap;
} planner;

static const pia_node *section_of(const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    return n;
}

/* "Ⅲ", "別添2", "risk", "risk.entrust": the section by its printed number
 * or its （別添N）, or a node and everything under it by id. */
static int prefix_matches(const pia_node *n, const char *pre)
{
    const pia_node *s = section_of(n);
    if (s->number && strcmp(s->number, pre) == 0)
        return 1;
    size_t lp = strlen(pre);
    if (strncmp(s->label, "（", 3) == 0 && strncmp(s->label + 3, pre, lp) == 0 &&
        strncmp(s->label + 3 + lp, "）", 3) == 0)
        return 1;
    return strncmp(n->id, pre, lp) == 0 && (n->id[lp] == '\0' || n->id[lp] == '.');
}

static int wanted(const planner *pl, const pia_node *n)
{
    if (!pia_node_is_field(n) || n->autofill)
        return 0;
    if (pl->o->nitems == 0)
        return 1;
    for (int i = 0; i < pl->o->nitems; i++)
        if (prefix_matches(n, pl->o->items[i]))
            return 1;
    return 0;
}

static int has_content(const pia_node *n, const pia_value *v)
{
    return v && (pia_answered(n, v) || (v->detail && *v->detail));
}

static int same(const pia_value *a, const pia_value *b)
{
    return strcmp(a->value, b->value) == 0 &&
           strcmp(a->detail ? a->detail : "", b->detail ? b->detail : "") == 0;
}

static void add(planner *pl, const pia_node *n, int sf, int df, int inst)
{
    const pia_value *v = pia_doc_get(pl->src, sf, inst, n->id);
    if (!has_content(n, v))
        return;
    const pia_value *old = pia_doc_get(pl->dst, df, inst, n->id);
    pia_copy_what what = !has_content(n, old) ? PIA_COPY_NEW
                       : same(v, old) ? PIA_COPY_SAME
                       : pl->o->overwrite ? PIA_COPY_REPLACE : PIA_COPY_SKIP;
    pia_copy_plan *p = pl->p;
    if (p->n == pl->cap)
        p->item = pia_xrealloc(p->item, (size_t)(pl->cap = pl->cap ? pl->cap * 2 : 64) * sizeof *p->item);
    int pf = section_of(n)->per_file ? pl->o->to_file : 0;
    p->item[p->n++] = (pia_copy_item){
        .node = n, .src_file = sf, .dst_file = df, .inst = inst, .what = what,
        .value = v, .old = old, .where = pia_location(n, pf, inst),
    };
    if (what == PIA_COPY_SAME)
        p->nsame++;
    else if (what == PIA_COPY_SKIP)
        p->nskip++;
    else
        p->ncopy++;
}

static void plan_node(planner *pl, const pia_node *n)
{
    int sf = pia_walk_answer_file(n, pl->o->from_file);
    int df = pia_walk_answer_file(n, pl->o->to_file);
    if (!n->repeat_group) {
        add(pl, n, sf, df, 0);
        return;
    }
    int ninst = pia_doc_instances(pl->src, pia_walk_answer_file(n->repeat_group, pl->o->from_file),
                                  n->repeat_group->id);
    for (int i = 1; i <= (ninst > 0 ? ninst : 1); i++)
        add(pl, n, sf, df, i);
}

static int check_files(const pia_doc *src, const pia_doc *dst, const pia_copy_opts *o, pia_err *err)
{
    if (o->from_file < 1 || o->from_file > src->nfiles)
        return pia_fail(err, PIA_ENOTFOUND, "コピー元にファイル %d はありません（%d 件）", o->from_file, src->nfiles);
    if (o->to_file < 1 || o->to_file > dst->nfiles)
        return pia_fail(err, PIA_ENOTFOUND, "コピー先にファイル %d はありません（%d 件）", o->to_file, dst->nfiles);
    return 0;
}

static int check_prefixes(const pia_form *form, const pia_copy_opts *o, pia_err *err)
{
    for (int i = 0; i < o->nitems; i++) {
        int found = 0;
        for (int j = 0; j < form->nnodes && !found; j++)
            found = prefix_matches(form->nodes[j], o->items[i]);
        if (!found)
            return pia_fail(err, PIA_EINVAL, "--items \"%s\" に当たる項目がありません（Ⅲ、別添2、risk.entrust のように指定）",
                            o->items[i]);
    }
    return 0;
}

int pia_copy_plan_make(const pia_form *form, const pia_doc *src, const pia_doc *dst,
                       const pia_copy_opts *opts, pia_copy_plan **out, pia_err *err)
{
    *out = NULL;
    pia_copy_opts o = *opts;
    o.from_file = o.from_file ? o.from_file : 1;
    o.to_file = o.to_file ? o.to_file : 1;
    if (strcmp(src->template_name, dst->template_name) != 0)
        return pia_fail(err, PIA_EINVAL, "様式が異なるためコピーできません（%s と %s）",
                        src->template_name, dst->template_name);
    if (check_files(src, dst, &o, err) < 0 || check_prefixes(form, &o, err) < 0)
        return -1;
    planner pl = {.form = form, .src = src, .dst = dst, .o = &o, .p = pia_xcalloc(1, sizeof *pl.p)};
    for (int i = 0; i < form->nnodes; i++)
        if (wanted(&pl, form->nodes[i]))
            plan_node(&pl, form->nodes[i]);
    *out = pl.p;
    return 0;
}

void pia_copy_plan_free(pia_copy_plan *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n; i++)
        free(p->item[i].where);
    free(p->item);
    free(p);
}

typedef struct applier {
    long id;
    const pia_copy_plan *p;
    const char *source;
    pia_err *err;
} applier;

/* The destination still holds what the plan saw: an answer written by
 * someone else meanwhile is never overwritten unseen. */
static int unchanged(pia_store *st, const applier *a, const pia_copy_item *it)
{
    pia_value now = { 0 };
    if (pia_store_get(st, a->id, it->dst_file, it->inst, it->node->id, &now, a->err) < 0)
        return -1;
    pia_err_clear(a->err);   /* an instance not there yet is no error */
    int had = has_content(it->node, it->old), has = now.value && has_content(it->node, &now);
    int same_now = had == has && (!had || same(it->old, &now));
    free(now.value);
    free(now.detail);
    free(now.updated);
    free(now.updated_by);
    if (!same_now)
        return pia_fail(a->err, PIA_ECONFLICT, "%s はほかの人が変更していました。何もコピーしていません（もう一度お試しください）",
                        it->where);
    return 0;
}

static int write_one(pia_store *st, const applier *a, const pia_copy_item *it)
{
    const pia_node *g = it->node->repeat_group;
    if (unchanged(st, a, it) < 0)
        return -1;
    if (pia_store_set(st, a->id, it->dst_file, g ? g->id : NULL, it->inst, it->node->id,
                      it->value->value, it->value->detail ? it->value->detail : "", -1, NULL, a->err) < 0)
        return -1;
    char *why = pia_xasprintf("コピー元 %s", a->source);
    int rc = pia_store_audit_add(st, a->id, "copy", it->node->id, NULL, why, a->err);
    free(why);
    return rc;
}

static int apply_all(pia_store *st, void *ctx)
{
    const applier *a = ctx;
    for (int i = 0; i < a->p->n; i++) {
        const pia_copy_item *it = &a->p->item[i];
        if ((it->what == PIA_COPY_NEW || it->what == PIA_COPY_REPLACE) && write_one(st, a, it) < 0)
            return -1;
    }
    return 0;
}

int pia_copy_apply(pia_store *st, long dst_id, const pia_copy_plan *p, const char *source,
                   pia_err *err)
{
    applier a = {.id = dst_id, .p = p, .source = source, .err = err};
    return pia_store_tx(st, apply_all, &a, err);
}
