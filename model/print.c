/*
 * print.c — the form as printed (see print.h).
 *
 * The walk's rows arrive in template pre-order; a group's rows are
 * followed by its descendants', so a group that prints its boxes inline
 * takes the rows of those boxes with it and they are not printed again.
 */
#include "print.h"
#include "format.h"
#include "linebreak.h"

#include <stdlib.h>
#include <string.h>

typedef struct rows {
    pia_row *v;
    int n, cap;
} rows;

static int collect(const pia_row *row, void *ctx)
{
    rows *r = ctx;
    if (r->n == r->cap)
        r->v = pia_xrealloc(r->v, (size_t)(r->cap = r->cap ? r->cap * 2 : 512) * sizeof *r->v);
    r->v[r->n++] = *row;
    return 0;
}

static pia_prow *add(pia_print *p, const pia_row *r, pia_pkind kind)
{
    if (p->n == p->cap)
        p->rows = pia_xrealloc(p->rows, (size_t)(p->cap = p->cap ? p->cap * 2 : 512) * sizeof *p->rows);
    pia_prow *x = &p->rows[p->n++];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->node = r->node;
    x->file = r->file;
    x->afile = r->afile;
    x->inst = r->inst;
    x->ninst = r->ninst;
    x->depth = r->depth;
    x->state = r->state;
    x->na = r->na;
    x->na_head = r->na_head;
    x->na_by = r->na_by;
    x->counted = r->counted;
    x->stored = r->stored;
    x->value = r->value;
    return x;
}

/* Tabs become spaces to the next stop of 8 half-width columns, so a
 * printed answer has no character that a sheet or a paste would read as
 * a column break. */
static char *expand_tabs(char *s)
{
    if (!strchr(s, '\t'))
        return s;
    size_t cap = strlen(s) * 8 + 1, o = 0;
    char *out = pia_xmalloc(cap);
    int col = 0;
    for (size_t i = 0, len; s[i]; i += len) {
        unsigned cp = pia_lb_decode(s + i, &len);
        if (cp == '\t') {
            do
                out[o++] = ' ';
            while (++col % 8);
            continue;
        }
        memcpy(out + o, s + i, len);
        o += len;
        col = cp == '\n' ? 0 : col + pia_lb_print_width(cp) / 2;
    }
    out[o] = '\0';
    free(s);
    return out;
}

/* Stored text as printed: control characters visible, tabs expanded. */
static char *printable(const char *s)
{
    return expand_tabs(pia_text_visible(s ? s : ""));
}

/* The same for a string the caller owns: handed back when it needs no
 * change (most headings), else replaced. */
static char *printable_own(char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f || *p == 0xC2) {      /* perhaps a control: the full way */
            char *v = printable(s);
            free(s);
            return v;
        }
    }
    return s;
}

char *pia_print_heading(const pia_node *node, int inst)
{
    char *h = pia_node_heading(node);
    if (node->repeat) {
        char *t = pia_xasprintf("%s%d", h, inst);
        free(h);
        h = t;
    }
    return printable_own(h);
}

char *pia_print_autofill(const pia_doc *doc, int file)
{
    if (file > 0)
        return pia_xstrdup(file <= doc->nfiles ? doc->files[file - 1].name : "");
    char *s = pia_xstrdup("");
    for (int i = 0; i < doc->nfiles; i++) {
        char *t = pia_xasprintf("%s%s（%d）%s", s, i ? "\n" : "", i + 1, doc->files[i].name);
        free(s);
        s = t;
    }
    return s;
}

static int is_box(const pia_node *n)
{
    return n->kind == PIA_CHECK && n->nkids == 0;
}

/* A plain group whose every child is what `ok` accepts. */
static int all_kids(const pia_node *g, int (*ok)(const pia_node *))
{
    if (g->kind != PIA_GROUP || g->repeat || g->nkids == 0)
        return 0;
    for (int i = 0; i < g->nkids; i++)
        if (!ok(g->kids[i]))
            return 0;
    return 1;
}

/* A group made only of boxes (入手元, ・識別情報). */
static int all_boxes(const pia_node *g)
{
    return all_kids(g, is_box);
}

/* A group of captioned box lists (主な記録項目: ・識別情報, ・連絡先等情報 …). */
static int box_lists(const pia_node *g)
{
    return all_kids(g, all_boxes);
}

static void add_box(pia_prow *x, const pia_row *r, const char *caption)
{
    x->boxes = pia_xrealloc(x->boxes, (size_t)(x->nboxes + 1) * sizeof *x->boxes);
    pia_pbox *b = &x->boxes[x->nboxes++];
    /* A switched-off part prints no answers: its boxes read unticked. */
    const pia_value *v = r->na ? NULL : r->value;
    b->node = r->node;
    b->caption = caption;
    b->checked = pia_value_checked(v);
    char *t = pia_format_box(r->node, v);
    b->text = printable(t);
    free(t);
    if (b->checked)
        x->state = PIA_STATE_ANSWERED;
}

/* Takes the box rows that follow w[i] (the group's row) into x; returns
 * how many walk rows were taken. */
static int take_boxes(pia_prow *x, const rows *w, int i, int lists)
{
    const pia_node *g = w->v[i].node;
    int k = i + 1;
    if (!lists) {
        while (k < w->n && w->v[k].node->parent == g && is_box(w->v[k].node))
            add_box(x, &w->v[k++], NULL);
        return k - i - 1;
    }
    while (k < w->n && w->v[k].node->parent == g) {
        const pia_node *sub = w->v[k++].node;
        x->captions = pia_xrealloc(x->captions, (size_t)(x->ncaptions + 1) * sizeof *x->captions);
        char *cap = pia_print_heading(sub, 0);
        x->captions[x->ncaptions++] = cap;
        while (k < w->n && w->v[k].node->parent == sub) {
            add_box(x, &w->v[k], cap);
            cap = NULL;
            k++;
        }
    }
    return k - i - 1;
}

static int leading_boxes(const pia_node *g)
{
    return g->kind == PIA_GROUP && g->nkids > 0 && is_box(g->kids[0]);
}

static void finish_boxes(pia_prow *x, const pia_row *r)
{
    if (r->na)
        x->state = PIA_STATE_NA;
    else if (x->state != PIA_STATE_ANSWERED)
        x->state = PIA_STATE_NONE;
    x->answer = pia_print_boxes(x, 0);
    if (r->na_head) {
        char *t = pia_xconcat(x->answer, *x->answer ? "  " : "", PIA_NA_TEXT, (char *)NULL);
        free(x->answer);
        x->answer = t;
    }
}

/* A group's row: a section band, a heading, or a heading with its boxes. */
static int group_row(pia_print *p, const rows *w, int i)
{
    const pia_row *r = &w->v[i];
    const pia_node *g = r->node;
    int lists = box_lists(g);
    if (r->depth > 0 && (lists || leading_boxes(g))) {
        pia_prow *x = add(p, r, PIA_P_BOXES);
        x->heading = pia_print_heading(g, r->inst);
        int taken = take_boxes(x, w, i, lists);
        finish_boxes(x, r);
        x->keep_next = !lists && taken < g->nkids;
        return 1 + taken;
    }
    pia_prow *x = add(p, r, r->depth == 0 ? PIA_P_SECTION : PIA_P_HEADING);
    x->heading = pia_print_heading(g, r->inst);
    x->keep_next = 1;
    /* A name the form prints after the instance number: 委託事項1 ○○業務. */
    if (i + 1 < w->n && w->v[i + 1].node->parent == g && w->v[i + 1].node->is_inline &&
        !r->na) {
        const pia_row *f = &w->v[i + 1];
        x->answer = printable(f->value ? f->value->value : "");
        x->state = f->state;
        x->value = f->value;
        x->stored = f->stored;
        return 2;
    }
    x->answer = pia_xstrdup(r->na_head ? PIA_NA_TEXT : "");
    if (r->depth == 0 && g->per_file && r->file > 0 && r->file <= p->doc->nfiles)
        x->file_name = printable(p->doc->files[r->file - 1].name);
    return 1;
}

/* Boxes that are not a group's leading ones: a row of their own. */
static int loose_boxes(pia_print *p, const rows *w, int i)
{
    const pia_row *r = &w->v[i];
    pia_prow *x = add(p, r, PIA_P_BOXES);
    x->heading = pia_xstrdup("");
    int k = i;
    while (k < w->n && w->v[k].node->parent == r->node->parent && is_box(w->v[k].node))
        add_box(x, &w->v[k++], NULL);
    finish_boxes(x, r);
    return k - i;
}

static void field_row(pia_print *p, const pia_row *r)
{
    const pia_node *n = r->node;
    pia_prow *x = add(p, r, n->kind == PIA_CHOICE ? PIA_P_CHOICE : PIA_P_TEXT);
    x->heading = pia_print_heading(n, 0);
    x->keep_next = 0;
    if (n->kind == PIA_CHOICE) {
        x->options = pia_format_options(n);
        x->chosen = printable(r->na || !r->value ? "" : r->value->value);
    }
    if (r->na) {
        x->answer = pia_xstrdup(r->na_head ? PIA_NA_TEXT : n->kind == PIA_CHOICE ? PIA_CHOICE_UNSET : "");
        return;
    }
    if (n->autofill) {
        char *a = pia_print_autofill(p->doc, r->afile == 0 ? 0 : r->file);
        x->answer = printable(a);
        free(a);
        return;
    }
    if (n->kind == PIA_CHOICE) {
        char *c = pia_format_choice(n, r->value);
        x->answer = printable(c);
        free(c);
        return;
    }
    x->answer = printable(r->value ? r->value->value : "");
}

void pia_print_build(const pia_form *form, const pia_doc *doc, pia_print *out)
{
    memset(out, 0, sizeof *out);
    out->form = form;
    out->doc = doc;
    rows w = { 0 };
    pia_walk(form, doc, collect, &w);
    for (int i = 0; i < w.n; i++) {
        if (w.v[i].counted) {
            out->total++;
            out->answered += w.v[i].state == PIA_STATE_ANSWERED;
        }
    }
    for (int i = 0; i < w.n;) {
        const pia_row *r = &w.v[i];
        if (r->node->kind == PIA_GROUP) {
            i += group_row(out, &w, i);
        } else if (is_box(r->node)) {
            i += loose_boxes(out, &w, i);
        } else {
            field_row(out, r);
            i++;
        }
    }
    free(w.v);
}

void pia_print_free(pia_print *p)
{
    for (int i = 0; i < p->n; i++) {
        pia_prow *x = &p->rows[i];
        free(x->heading);
        free(x->answer);
        free(x->options);
        free(x->chosen);
        free(x->file_name);
        for (int b = 0; b < x->nboxes; b++)
            free(x->boxes[b].text);
        free(x->boxes);
        for (int c = 0; c < x->ncaptions; c++)
            free(x->captions[c]);
        free(x->captions);
    }
    free(p->rows);
    memset(p, 0, sizeof *p);
}

/* A growing string. */
typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *t)
{
    size_t n = strlen(t);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = pia_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, t, n + 1);
    b->len += n;
}

char *pia_print_boxes(const pia_prow *row, int width)
{
    sbuf out = { 0 };
    sb_add(&out, "");
    int used = 0;           /* width of the current line; 0 at a line start */
    const int gap = 2 * pia_lb_print_width(' ');
    for (int i = 0; i < row->nboxes; i++) {
        const pia_pbox *x = &row->boxes[i];
        if (x->caption) {
            sb_add(&out, out.len ? "\n" : "");
            sb_add(&out, x->caption);
            used = -1;      /* the caption ends its line */
        }
        int w = width > 0 ? pia_lb_width(x->text, pia_lb_print_width) : 0;
        if (used < 0 || (used > 0 && width > 0 && used + gap + w > width)) {
            sb_add(&out, "\n");
            used = 0;
        } else if (used > 0) {
            sb_add(&out, "  ");
            used += gap;
        }
        sb_add(&out, x->text);
        used += width > 0 ? w : 1;
    }
    return out.s;
}

const pia_node *pia_print_table_group(const pia_node *section)
{
    if (!section->layout || strcmp(section->layout, "table") != 0)
        return NULL;
    for (int i = 0; i < section->nkids; i++) {
        const pia_node *g = section->kids[i];
        if (g->repeat)
            return g->nkids >= 2 ? g : NULL;
    }
    return NULL;
}

int pia_print_cover_pair(const pia_node *section, const pia_node *pair[2])
{
    if (!section->layout || strcmp(section->layout, "cover") != 0)
        return 0;
    int n = 0;
    for (int i = 0; i < section->nkids && n < 2; i++) {
        const pia_node *k = section->kids[i];
        if (k->kind == PIA_TEXT || k->kind == PIA_CHOICE)
            pair[n++] = k;
    }
    return n == 2 && pair[0]->is_short && pair[1]->is_short;
}
