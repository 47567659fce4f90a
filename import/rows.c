/*
 * rows.c — the printed rows of a form for given numbers of files and
 * instances (see rows.h), from pia_walk over an empty assessment shaped
 * like the source.
 */
#include "rows.h"
#include "model/doc.h"
#include "model/walk.h"

#include <stdlib.h>

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
        .depth = r->depth, .parent = d > 0 ? c->stack[d - 1] : -1,
    };
    c->stack[d] = c->n++;
    return 0;
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
    pia_doc_free(doc);
    *out = c.rows;
    *n = c.n;
    return 0;
}
