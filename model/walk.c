/*
 * walk.c — the form as printed for one assessment (see walk.h).
 *
 * Per-file sections are emitted once per 特定個人情報ファイル (at least once,
 * so an assessment without files still shows every label), repeated groups
 * once per instance (at least once).  A part is not applicable when a
 * checked box lists it, or one of its ancestors, in `disables`.
 */
#include "walk.h"

#include <string.h>

typedef struct walker {
    const pia_form *form;
    const pia_doc *doc;
    pia_walk_fn fn;
    void *ctx;
    const pia_node *checks[64];   /* check boxes that switch parts off */
    int nchecks;
} walker;

int pia_walk_answer_file(const pia_node *node, int file)
{
    return node->per_file ? file : 0;
}

static void collect_checks(walker *w)
{
    w->nchecks = 0;
    for (int i = 0; i < w->form->nnodes; i++) {
        const pia_node *n = w->form->nodes[i];
        if (n->kind == PIA_CHECK && n->ndisables > 0 &&
            w->nchecks < (int)(sizeof w->checks / sizeof w->checks[0]))
            w->checks[w->nchecks++] = n;
    }
}

static int is_checked(const pia_doc *doc, const pia_node *box, int file)
{
    const pia_value *v = pia_doc_get(doc, pia_walk_answer_file(box, file), 0, box->id);
    return v && strcmp(v->value, "1") == 0;
}

/* Whether this very node (not its ancestors) is switched off. */
static int switched_off(const walker *w, const pia_node *node, int file)
{
    for (int i = 0; i < w->nchecks; i++) {
        const pia_node *box = w->checks[i];
        for (int j = 0; j < box->ndisables; j++) {
            if (strcmp(box->disables[j], node->id) == 0 && is_checked(w->doc, box, file))
                return 1;
        }
    }
    return 0;
}

static int visit(walker *w, const pia_node *node, int file, int inst, int ninst, int na);

static int visit_kids(walker *w, const pia_node *node, int file, int inst, int ninst, int na)
{
    for (int i = 0; i < node->nkids; i++) {
        int rc = visit(w, node->kids[i], file, inst, ninst, na);
        if (rc)
            return rc;
    }
    return 0;
}

static int emit(walker *w, const pia_node *node, int file, int inst, int ninst, int na)
{
    pia_row row = {
        .node = node, .file = file, .afile = pia_walk_answer_file(node, file),
        .inst = inst, .ninst = ninst, .depth = node->depth, .na = na,
    };
    if (pia_node_is_field(node))
        row.value = pia_doc_get(w->doc, row.afile, inst, node->id);
    return w->fn(&row, w->ctx);
}

static int visit(walker *w, const pia_node *node, int file, int inst, int ninst, int na)
{
    na = na || switched_off(w, node, file);
    if (!node->repeat) {
        int rc = emit(w, node, file, inst, ninst, na);
        return rc ? rc : visit_kids(w, node, file, inst, ninst, na);
    }
    int n = pia_doc_instances(w->doc, pia_walk_answer_file(node, file), node->id);
    int shown = n > 0 ? n : 1;
    for (int i = 1; i <= shown; i++) {
        int rc = emit(w, node, file, i, shown, na);
        if (!rc)
            rc = visit_kids(w, node, file, i, shown, na);
        if (rc)
            return rc;
    }
    return 0;
}

int pia_walk(const pia_form *form, const pia_doc *doc, pia_walk_fn fn, void *ctx)
{
    walker w = { .form = form, .doc = doc, .fn = fn, .ctx = ctx };
    collect_checks(&w);
    for (int s = 0; s < form->nsections; s++) {
        const pia_node *sec = form->sections[s];
        int nfiles = sec->per_file ? (doc->nfiles > 0 ? doc->nfiles : 1) : 1;
        for (int f = 1; f <= nfiles; f++) {
            int rc = visit(&w, sec, sec->per_file ? f : 0, 0, 0, 0);
            if (rc)
                return rc;
        }
    }
    return 0;
}

int pia_walk_is_na(const pia_form *form, const pia_doc *doc,
                   const pia_node *node, int file, int inst)
{
    (void)inst;
    walker w = { .form = form, .doc = doc };
    collect_checks(&w);
    for (const pia_node *n = node; n; n = n->parent) {
        if (switched_off(&w, n, file))
            return 1;
    }
    return 0;
}

typedef struct progress {
    const pia_node *section;
    int answered, total;
} progress;

static int in_section(const pia_node *node, const pia_node *section)
{
    while (node->parent)
        node = node->parent;
    return node == section;
}

static int count_row(const pia_row *row, void *ctx)
{
    progress *p = ctx;
    const pia_node *n = row->node;
    /* Check boxes are always in a valid state, and auto-filled names are
     * not typed, so neither counts towards completion. */
    if (!pia_node_is_field(n) || n->kind == PIA_CHECK || n->autofill || row->na)
        return 0;
    if (p->section && !in_section(n, p->section))
        return 0;
    /* Items answered once but printed under every file count once. */
    if (row->afile == 0 && row->file > 1)
        return 0;
    p->total++;
    if (row->value && row->value->value[0])
        p->answered++;
    return 0;
}

void pia_walk_progress(const pia_form *form, const pia_doc *doc,
                       const pia_node *section, int *answered, int *total)
{
    progress p = { .section = section };
    pia_walk(form, doc, count_row, &p);
    *answered = p.answered;
    *total = p.total;
}
