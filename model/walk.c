/*
 * walk.c — the form node by node for one assessment (see walk.h).
 *
 * Per-file sections are emitted once per 特定個人情報ファイル (at least once,
 * so an assessment without files still shows every label), repeated groups
 * once per instance (at least once).  A part is not applicable when a
 * checked box lists it, or one of its ancestors, in `disables`; the node
 * the box names is the part's head, and only the head is marked.
 */
#include "walk.h"

#include <string.h>

typedef struct walker {
    const pia_form *form;
    const pia_doc *doc;
    int first_file;   /* the first file whose per-file sections are visited */
    pia_walk_fn fn;
    void *ctx;
} walker;

/* Where the walk stands: what every row below inherits. */
typedef struct place {
    int file, inst, ninst;
    const pia_node *na_by;        /* the box that switched this part off, or NULL */
} place;

int pia_walk_answer_file(const pia_node *node, int file)
{
    return node->per_file ? file : 0;
}

int pia_answered(const pia_node *node, const pia_value *v)
{
    if (!v || node->kind == PIA_GROUP)
        return 0;
    if (node->kind == PIA_CHECK)
        return strcmp(v->value, "1") == 0;
    return v->value[0] != '\0';
}

static int is_checked(const pia_doc *doc, const pia_node *box, int file)
{
    return pia_answered(box, pia_doc_get_h(doc, pia_walk_answer_file(box, file), 0, box->id, box->id_hash));
}

/* The checked box that switches this very node (not its ancestors) off. */
static const pia_node *switched_off_by(const walker *w, const pia_node *node, int file)
{
    for (int i = 0; i < node->ndisabled_by; i++)
        if (is_checked(w->doc, node->disabled_by[i], file))
            return node->disabled_by[i];
    return NULL;
}

pia_state pia_walk_state(const pia_node *n, const pia_value *v, int na)
{
    if (na)
        return PIA_STATE_NA;
    if (n->kind == PIA_GROUP)
        return PIA_STATE_NONE;
    if (n->autofill)
        return PIA_STATE_AUTO;
    if (pia_answered(n, v))
        return PIA_STATE_ANSWERED;
    return n->kind == PIA_CHECK ? PIA_STATE_NONE : PIA_STATE_OPEN;
}

static int has_stored(const pia_row *r)
{
    const pia_value *v = r->value;
    if (!v)
        return 0;
    if (v->detail[0])
        return 1;
    return r->node->kind == PIA_CHECK ? pia_answered(r->node, v) : v->value[0] != '\0';
}

static int visit(walker *w, const pia_node *node, place at);

static int visit_kids(walker *w, const pia_node *node, place at)
{
    for (int i = 0; i < node->nkids; i++) {
        int rc = visit(w, node->kids[i], at);
        if (rc)
            return rc;
    }
    return 0;
}

static int emit(walker *w, const pia_node *node, place at, int head)
{
    pia_row row = {
        .node = node, .file = at.file, .afile = pia_walk_answer_file(node, at.file),
        .inst = at.inst, .ninst = at.ninst, .depth = node->depth,
        .na = at.na_by != NULL, .na_head = head, .na_by = at.na_by,
    };
    if (pia_node_is_field(node))
        row.value = pia_doc_get_h(w->doc, row.afile, at.inst, node->id, node->id_hash);
    row.state = pia_walk_state(node, row.value, row.na);
    row.stored = has_stored(&row);
    /* Items answered once but printed under every file count once. */
    row.counted = (row.state == PIA_STATE_ANSWERED || row.state == PIA_STATE_OPEN) &&
                  node->kind != PIA_CHECK && !(row.afile == 0 && row.file > w->first_file);
    return w->fn(&row, w->ctx);
}

static int visit(walker *w, const pia_node *node, place at)
{
    int head = 0;
    if (!at.na_by) {
        at.na_by = switched_off_by(w, node, at.file);
        head = at.na_by != NULL;
    }
    if (!node->repeat) {
        int rc = emit(w, node, at, head);
        return rc ? rc : visit_kids(w, node, at);
    }
    int n = pia_doc_instances(w->doc, pia_walk_answer_file(node, at.file), node->id);
    at.ninst = n > 0 ? n : 1;
    for (at.inst = 1; at.inst <= at.ninst; at.inst++) {
        int rc = emit(w, node, at, head);
        if (!rc)
            rc = visit_kids(w, node, at);
        if (rc)
            return rc;
    }
    return 0;
}

/* A doc holding one file (doc.h: loaded_file) is walked for that file
 * alone: the others' answers are not in it. */
int pia_walk(const pia_form *form, const pia_doc *doc, pia_walk_fn fn, void *ctx)
{
    int first = doc->loaded_file > 0 ? doc->loaded_file : 1;
    walker w = { .form = form, .doc = doc, .first_file = first, .fn = fn, .ctx = ctx };
    for (int s = 0; s < form->nsections; s++) {
        const pia_node *sec = form->sections[s];
        int last = doc->loaded_file > 0 ? first : doc->nfiles > 0 ? doc->nfiles : 1;
        if (!sec->per_file)
            last = first;
        for (int f = first; f <= last; f++) {
            place at = { .file = sec->per_file ? f : 0 };
            int rc = visit(&w, sec, at);
            if (rc)
                return rc;
        }
    }
    return 0;
}

typedef struct progress {
    const pia_form *form;
    int *answered, *total;
    int n;
    const pia_node *only;     /* count this section alone (into slot 0) */
    int cur;                  /* slot of the section being walked, -1: not counted */
} progress;

/* Rows come in template pre-order, so each section's band says which slot
 * the rows after it count in. */
static int section_slot(const progress *p, const pia_node *sec)
{
    if (p->only)
        return sec == p->only ? 0 : -1;
    for (int s = 0; s < p->n; s++)
        if (p->form->sections[s] == sec)
            return s;
    return -1;
}

static int count_row(const pia_row *row, void *ctx)
{
    progress *p = ctx;
    if (!row->node->parent)
        p->cur = section_slot(p, row->node);
    if (!row->counted || p->cur < 0)
        return 0;
    p->total[p->cur]++;
    p->answered[p->cur] += row->state == PIA_STATE_ANSWERED;
    return 0;
}

void pia_walk_progress_sections(const pia_form *form, const pia_doc *doc,
                                int *answered, int *total, int n)
{
    if (n > form->nsections)
        n = form->nsections;
    for (int s = 0; s < n; s++)
        answered[s] = total[s] = 0;
    progress p = { .form = form, .answered = answered, .total = total, .n = n, .cur = -1 };
    pia_walk(form, doc, count_row, &p);
}

static int count_all(const pia_row *row, void *ctx)
{
    progress *p = ctx;
    if (row->counted) {
        p->total[0]++;
        p->answered[0] += row->state == PIA_STATE_ANSWERED;
    }
    return 0;
}

void pia_walk_progress(const pia_form *form, const pia_doc *doc,
                       const pia_node *section, int *answered, int *total)
{
    *answered = *total = 0;
    progress p = { .form = form, .answered = answered, .total = total, .n = 1, .only = section, .cur = -1 };
    pia_walk(form, doc, section ? count_row : count_all, &p);
}

int pia_walk_is_na(const pia_form *form, const pia_doc *doc, const pia_node *node, int file)
{
    walker w = { .form = form, .doc = doc };
    for (const pia_node *n = node; n; n = n->parent)
        if (switched_off_by(&w, n, file))
            return 1;
    return 0;
}
