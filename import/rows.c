/*
 * rows.c — the printed rows of a form for given numbers of files and
 * instances (see rows.h): the walk (model/walk.h) of an empty assessment
 * shaped like the source gives one row per node; the print model of the
 * same assessment says which printed row each is on and how it is shown.
 */
#include "rows.h"
#include "model/doc.h"
#include "model/print.h"
#include "model/walk.h"

#include <stdlib.h>
#include <string.h>

typedef struct collect {
    imp_row *rows;
    int n, cap;
    int stack[64];     /* row index of the last node seen at each depth */
} collect;

static int add(const pia_row *r, void *ctx)
{
    collect *c = ctx;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 512;
        c->rows = pia_xrealloc(c->rows, (size_t)c->cap * sizeof *c->rows);
    }
    int d = r->depth < 63 ? r->depth : 63;
    c->rows[c->n] = (imp_row){
        .node = r->node, .file = r->file, .afile = r->afile, .inst = r->inst,
        .depth = r->depth, .parent = d > 0 ? c->stack[d - 1] : -1, .prow = -1,
    };
    c->stack[d] = c->n++;
    return 0;
}

static const pia_node *section_of(const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    return n;
}

/* What the section layouts leave out or print once. */
static unsigned layout_flags(const pia_node *n)
{
    const pia_node *sec = section_of(n), *pair[2];
    if (sec->layout && strcmp(sec->layout, "cover") == 0) {
        if (n == sec)
            return IMP_ROW_UNPRINTED;
        if (pia_print_cover_pair(sec, pair) && (n == pair[0] || n == pair[1]))
            return IMP_ROW_COLUMN | IMP_ROW_PLACED;
        return IMP_ROW_PLACED;
    }
    const pia_node *g = pia_print_table_group(sec);
    if (!g)
        return 0;
    if (n == g)
        return IMP_ROW_UNPRINTED;
    for (int k = 0; k < g->nkids && k < PIA_TABLE_MAX_COLS; k++)
        if (g->kids[k] == n)
            return IMP_ROW_COLUMN;
    return 0;
}

static int same_place(const imp_row *w, const pia_prow *p)
{
    return w->node == p->node && w->file == p->file && w->inst == p->inst;
}

/* Every walk row belongs to one printed row, in the same order: a printed
 * row takes its own node's row and the rows up to the next printed row's
 * (its boxes and their captions, the name printed after its heading). */
static void mark_printed(imp_row *rows, int n, const pia_print *p)
{
    int i = 0;
    for (int k = 0; k < p->n && i < n; k++) {
        while (i < n && !same_place(&rows[i], &p->rows[k]))
            i++;
        int start = i;
        for (; i < n && (i == start || k + 1 >= p->n || !same_place(&rows[i], &p->rows[k + 1])); i++) {
            imp_row *r = &rows[i];
            r->prow = k;
            if (i == start)
                continue;
            if (r->node->kind == PIA_GROUP)
                r->flags |= IMP_ROW_CAPTION;
            else if (r->node->is_inline)
                r->flags |= IMP_ROW_INLINE;
        }
    }
}

int imp_rows_build(const pia_form *form, int files, const int *insts, imp_row **out, int *n)
{
    pia_doc *doc = pia_doc_new(form->name, "", "");
    for (int f = 1; f <= files; f++)
        pia_doc_add_file(doc, "");
    for (int i = 0; i < form->nnodes; i++) {
        const pia_node *g = form->nodes[i];
        if (!g->repeat)
            continue;
        int k = insts[i] > 0 ? insts[i] : 1;
        if (g->per_file)
            for (int f = 1; f <= files; f++)
                pia_doc_set_instances(doc, f, g->id, k);
        else
            pia_doc_set_instances(doc, 0, g->id, k);
    }
    collect c = { 0 };
    pia_walk(form, doc, add, &c);
    pia_print print;
    pia_print_build(form, doc, &print);
    mark_printed(c.rows, c.n, &print);
    pia_print_free(&print);
    pia_doc_free(doc);
    for (int i = 0; i < c.n; i++) {
        c.rows[i].flags |= layout_flags(c.rows[i].node);
        if (c.rows[i].prow < 0)      /* never, as long as print and walk agree */
            c.rows[i].prow = i > 0 ? c.rows[i - 1].prow : 0;
    }
    *out = c.rows;
    *n = c.n;
    return 0;
}
