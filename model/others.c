/*
 * others.c — the same item's answers elsewhere in the database (others.h).
 * Read through the store's public loaders (live answers and versions), so
 * nothing here depends on the tables' layout.
 */
#include "others.h"
#include "version.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ASSESSMENTS 200

typedef struct finder {
    const pia_node *node;
    long id;
    int file, inst, max;
    pia_other *o;
    int n, cap;
} finder;

static void take(finder *f, const char *source, const pia_value *v)
{
    const char *d = v->detail ? v->detail : "";
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->o[i].value, v->value) == 0 && strcmp(f->o[i].detail, d) == 0) {
            f->o[i].more++;
            return;
        }
    if (f->n == f->max)
        return;
    if (f->n == f->cap)
        f->o = pia_xrealloc(f->o, (size_t)(f->cap = f->cap ? f->cap * 2 : 16) * sizeof *f->o);
    f->o[f->n++] = (pia_other){ pia_xstrdup(source), pia_xstrdup(v->value), pia_xstrdup(d), 0 };
}

/* Every answer of the node in one doc; `name` says which doc it is. */
static void scan(finder *f, const pia_doc *doc, const char *name, int live)
{
    const pia_node *n = f->node, *g = n->repeat_group;
    int nfiles = n->per_file ? doc->nfiles : (doc->nfiles > 0 ? 1 : 0);
    for (int fi = 1; fi <= nfiles; fi++) {
        int af = pia_walk_answer_file(n, fi);
        int ninst = g ? pia_doc_instances(doc, pia_walk_answer_file(g, fi), g->id) : 0;
        for (int i = g ? 1 : 0; i <= (g ? (ninst > 0 ? ninst : 1) : 0); i++) {
            if (live && doc->id == f->id && af == pia_walk_answer_file(n, f->file) && i == f->inst)
                continue;
            const pia_value *v = pia_doc_get(doc, af, i, n->id);
            if (!v || !(pia_answered(n, v) || (v->detail && *v->detail)))
                continue;
            char inst[160] = "";
            if (g)
                snprintf(inst, sizeof inst, " %s%d", g->label, i);
            char *src = af ? pia_xasprintf("%s ファイル(%d)%s%s", name, af, doc->files[af - 1].name, inst)
                           : pia_xasprintf("%s%s", name, inst);
            take(f, src, v);
            free(src);
        }
    }
}

static int scan_versions(pia_store *st, finder *f, const pia_summary *s, pia_err *err)
{
    pia_version *vs;
    int nv;
    if (pia_version_list(st, s->id, &vs, &nv, err))
        return -1;
    int rc = 0;
    for (int i = nv - 1; i >= 0 && rc == 0; i--) {
        pia_doc *doc;
        rc = pia_version_load(st, s->id, vs[i].n, &doc, err);
        if (rc)
            break;
        char *name = pia_xasprintf("評価書%ld@%d「%s」", s->id, vs[i].n, vs[i].label);
        scan(f, doc, name, 0);
        free(name);
        pia_doc_free(doc);
    }
    pia_versions_free(vs, nv);
    return rc;
}

static int scan_one(pia_store *st, finder *f, const pia_summary *s, pia_err *err)
{
    pia_doc *doc;
    if (pia_store_load(st, s->id, &doc, err))
        return -1;
    char *name = pia_xasprintf("評価書%ld「%s」", s->id, s->title);
    scan(f, doc, name, 1);
    free(name);
    pia_doc_free(doc);
    return scan_versions(st, f, s, err);
}

/* This assessment first (its other files), then the others, most
 * recently updated first. */
static int scan_all(pia_store *st, finder *f, const pia_form *form, pia_err *err)
{
    pia_summary *s;
    int ns;
    if (pia_store_list(st, &s, &ns, err))
        return -1;
    int rc = 0;
    for (int pass = 0; pass < 2 && rc == 0; pass++)
        for (int i = 0; i < ns && i < MAX_ASSESSMENTS && rc == 0; i++)
            if ((s[i].id == f->id) == (pass == 0) && strcmp(s[i].template_name, form->name) == 0)
                rc = scan_one(st, f, &s[i], err);
    pia_summaries_free(s, ns);
    return rc;
}

/* The snapshot keeps every assessment read at one moment. */
typedef struct job {
    finder *f;
    const pia_form *form;
    pia_err *err;
} job;

static int run_job(pia_store *st, void *ctx)
{
    job *j = ctx;
    return scan_all(st, j->f, j->form, j->err);
}

int pia_others_find(pia_store *st, const pia_form *form, long id, int file, int inst,
                    const pia_node *node, int max, pia_other **out, int *n, pia_err *err)
{
    *out = NULL;
    *n = 0;
    finder f = {.node = node, .id = id, .file = file, .inst = node->repeat_group ? inst : 0, .max = max};
    job j = {&f, form, err};
    if (pia_store_snapshot(st, run_job, &j, err)) {
        pia_others_free(f.o, f.n);
        return -1;
    }
    *out = f.o;
    *n = f.n;
    return 0;
}

void pia_others_free(pia_other *o, int n)
{
    for (int i = 0; i < n; i++) {
        free(o[i].source);
        free(o[i].value);
        free(o[i].detail);
    }
    free(o);
}
