/*
 * due.c — due dates of re-assessment and yearly review (see due.h).
 *
 * The table says what each obligation counts from and for how long; this
 * file reads the 公表日 and the latest review, adds the years and sorts.
 * A 公表日 that is not a date is reported, never guessed.
 */
#include "due.h"
#include "ytable.h"
#include "yearly_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum from { FROM_PUBLISHED, FROM_REVIEW };

typedef struct obligation {
    const char *id, *label, *kind;
    long years;
    enum from from;
} obligation;

typedef struct published {
    const char *form, *item;
} published;

struct pia_due_table {
    pia_ytable *y;
    const char *source;
    obligation *o;
    int no;
    published *p;
    int np;
};

/* ---- loading ----------------------------------------------------------- */

static int load_obligation(pia_due_table *t, const pia_ynode *m, pia_err *err)
{
    static const char *const keys[] = { "id", "label", "years", "from", "kind", NULL };
    obligation *o = &t->o[t->no];
    const char *from;
    if (pia_ytable_expect(t->y, m, PIA_Y_MAP, "obligations の要素", err) < 0 ||
        pia_ytable_known_keys(t->y, m, keys, err) < 0 ||
        pia_ytable_string(t->y, m, "id", 1, &o->id, err) < 0 ||
        pia_ytable_string(t->y, m, "label", 1, &o->label, err) < 0 ||
        pia_ytable_string(t->y, m, "kind", 1, &o->kind, err) < 0 ||
        pia_ytable_long(t->y, m, "years", 1, 1, 100, &o->years, NULL, err) < 0 ||
        pia_ytable_string(t->y, m, "from", 1, &from, err) < 0)
        return -1;
    if (!strcmp(from, "published"))
        o->from = FROM_PUBLISHED;
    else if (!strcmp(from, "review"))
        o->from = FROM_REVIEW;
    else
        return pia_ytable_fail(err, t->y, pia_ynode_get(m, "from"),
                               "from \"%s\" は published か review です", from);
    for (int i = 0; i < t->no; i++)
        if (!strcmp(t->o[i].id, o->id))
            return pia_ytable_fail(err, t->y, pia_ynode_get(m, "id"), "id \"%s\" が重複しています", o->id);
    t->no++;
    return 0;
}

static int load_tree(pia_due_table *t, pia_err *err)
{
    static const char *const keys[] = { "source", "obligations", "published", NULL };
    const pia_ynode *root = t->y->root, *ob = pia_ynode_get(root, "obligations"),
                    *pub = pia_ynode_get(root, "published");
    if (pia_ytable_known_keys(t->y, root, keys, err) < 0 ||
        pia_ytable_string(t->y, root, "source", 1, &t->source, err) < 0)
        return -1;
    if (!ob || !pub)
        return pia_ytable_fail(err, t->y, root, "obligations と published が必要です");
    if (pia_ytable_expect(t->y, ob, PIA_Y_LIST, "obligations", err) < 0 ||
        pia_ytable_expect(t->y, pub, PIA_Y_MAP, "published", err) < 0)
        return -1;
    if (ob->nkids == 0)
        return pia_ytable_fail(err, t->y, ob, "obligations が空です");
    t->o = pia_xcalloc((size_t)ob->nkids, sizeof *t->o);
    for (int i = 0; i < ob->nkids; i++)
        if (load_obligation(t, ob->kids[i], err) < 0)
            return -1;
    t->p = pia_xcalloc((size_t)pub->nkids + 1, sizeof *t->p);
    for (int i = 0; i < pub->nkids; i++) {
        if (pia_ytable_expect(t->y, pub->kids[i], PIA_Y_SCALAR, pub->kids[i]->key, err) < 0)
            return -1;
        t->p[t->np++] = (published){ pub->kids[i]->key, pub->kids[i]->text };
    }
    return 0;
}

int pia_due_load(const char *path, pia_due_table **out, pia_err *err)
{
    *out = NULL;
    pia_due_table *t = pia_xcalloc(1, sizeof *t);
    if (pia_ytable_open(path, "due", &t->y, err) < 0 || load_tree(t, err) < 0) {
        pia_due_free(t);
        return -1;
    }
    *out = t;
    return 0;
}

void pia_due_free(pia_due_table *t)
{
    if (!t)
        return;
    free(t->o);
    free(t->p);
    pia_ytable_free(t->y);
    free(t);
}

const char *pia_due_source(const pia_due_table *t) { return t->source; }

const char *pia_due_published_item(const pia_due_table *t, const char *template_name)
{
    for (int i = 0; i < t->np; i++)
        if (!strcmp(t->p[i].form, template_name))
            return t->p[i].item;
    return NULL;
}

/* ---- computing --------------------------------------------------------- */

void pia_due_of(const pia_due_table *t, long id, const char *template_name,
                const char *published, const pia_date *last_review, pia_date today,
                pia_due_entry **out, int *n)
{
    *out = pia_xcalloc((size_t)t->no, sizeof **out);
    *n = t->no;
    pia_err err = { 0 };
    pia_date pub;
    int known = pia_due_published_item(t, template_name) != NULL;
    int have_pub = known && published && *published && pia_date_parse(published, &pub, &err) == 0;
    for (int i = 0; i < t->no; i++) {
        const obligation *o = &t->o[i];
        pia_due_entry *e = &(*out)[i];
        e->id = id;
        e->label = o->label;
        e->kind = o->kind;
        e->years = (int)o->years;
        /* A review counts from the later of the last review and the 公表日:
         * a re-assessment published after a review starts the year anew. */
        if (o->from == FROM_REVIEW && last_review && (!have_pub || pia_date_cmp(*last_review, pub) > 0)) {
            e->from = *last_review;
            e->from_what = "前回の見直し";
        } else if (have_pub) {
            e->from = pub;
            e->from_what = "公表日";
        } else if (!known) {
            e->problem = pia_xasprintf("様式 %s の公表日の項目が表（%s）にありません", template_name, t->y->path);
            continue;
        } else if (!published || !*published) {
            e->problem = pia_xstrdup("公表日が未記入です（公表前）");
            continue;
        } else {
            e->problem = pia_xasprintf("公表日%s", err.msg);
            e->bad_date = 1;
            continue;
        }
        e->has_due = 1;
        e->due = pia_date_add_years(e->from, e->years);
        e->days_left = pia_date_serial(e->due) - pia_date_serial(today);
    }
}

static int published_answer(pia_store *st, const pia_due_table *t, long id, const char *template_name,
                            char **value, pia_err *err)
{
    *value = NULL;
    const char *item = pia_due_published_item(t, template_name);
    if (!item)
        return 0;
    pia_value v;
    if (pia_store_get(st, id, 0, 0, item, &v, err) < 0)
        return -1;
    *value = v.value;
    v.value = NULL;
    free(v.detail);
    free(v.updated);
    free(v.updated_by);
    return 0;
}

int pia_due_assessment(pia_store *st, const pia_due_table *t, long id, const char *template_name,
                       pia_date today, pia_due_entry **out, int *n, pia_err *err)
{
    *out = NULL;
    *n = 0;
    char *pub;
    int have = 0;
    pia_date last;
    if (published_answer(st, t, id, template_name, &pub, err) < 0)
        return -1;
    if (pia_yearly_last(st, id, &have, &last, err) < 0) {
        free(pub);
        return -1;
    }
    pia_due_of(t, id, template_name, pub, have ? &last : NULL, today, out, n);
    free(pub);
    return 0;
}

static int by_due(const void *a, const void *b)
{
    const pia_due_entry *x = a, *y = b;
    if (x->has_due != y->has_due)
        return x->has_due ? -1 : 1;
    int c = x->has_due ? pia_date_cmp(x->due, y->due) : 0;
    if (c)
        return c;
    return x->id < y->id ? -1 : x->id > y->id;
}

int pia_due_list(pia_store *st, const pia_due_table *t, pia_date today,
                 pia_due_entry **out, int *n, pia_err *err)
{
    *out = NULL;
    *n = 0;
    pia_summary *s;
    int ns;
    if (pia_store_list(st, &s, &ns, err) < 0)
        return -1;
    int rc = 0;
    for (int i = 0; i < ns && !rc; i++) {
        pia_due_entry *e;
        int ne;
        rc = pia_due_assessment(st, t, s[i].id, s[i].template_name, today, &e, &ne, err);
        if (rc)
            break;
        *out = pia_xrealloc(*out, (size_t)(*n + ne) * sizeof **out);
        for (int k = 0; k < ne; k++) {
            e[k].title = pia_xstrdup(s[i].title);
            e[k].org = pia_xstrdup(s[i].org);
            (*out)[(*n)++] = e[k];
        }
        free(e);
    }
    pia_summaries_free(s, ns);
    if (rc) {
        pia_due_entries_free(*out, *n);
        *out = NULL;
        *n = 0;
        return -1;
    }
    qsort(*out, (size_t)*n, sizeof **out, by_due);
    return 0;
}

void pia_due_entries_free(pia_due_entry *e, int n)
{
    for (int i = 0; i < n; i++) {
        free(e[i].title);
        free(e[i].org);
        free(e[i].problem);
    }
    free(e);
}
