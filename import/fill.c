/*
 * fill.c — from the chosen labels to a new assessment and its report.
 *
 * The rows were laid out for more files and instances than the source may
 * have; the copies that matched anything become the assessment's files and
 * instances, in the source's order.  Each matched row's stretch of text
 * (up to the next matched label) becomes its answer; text that fits no
 * answer is kept as a note with where it was.  Headings printed side by
 * side over a table take their cells instead (table.c), its further rows
 * becoming further instances.  Rows of copies that exist but were not
 * found are listed, a heading missing with everything under it counting
 * once (in printed rows); labels the printed form does not show and parts
 * switched off by a checked box are not listed.
 */
#include "match_internal.h"
#include "model/check.h"
#include "model/limits.h"
#include "model/format.h"
#include "model/walk.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rinfo {
    int cand;              /* chosen candidate, -1 */
    int sec, grp;          /* section row; enclosing repeated group row (-1) */
    int used;              /* matched here or below */
    int exists;            /* a row of a file/instance the source has */
    int file, afile, inst; /* real file printed, file answered under, instance */
    imp_text text;
    imp_value v;
    char *file_name;
    int in_table;          /* its answer is a table's cell, under its label */
} rinfo;

typedef struct filler {
    imp_scan *sc;
    const imp_row *rows;
    int nrows;
    const imp_cands *cs;
    const imp_editions *ed;
    imp_result *res;
    rinfo *ri;
    char *names[PIA_MAX_FILES];       /* file names by real file - 1 */
    int nfiles;
} filler;

typedef struct counter {
    int afile, node, n;
} counter;

static const imp_cand *cand_of(const filler *f, int r)
{
    return f->ri[r].cand >= 0 ? &f->cs->c[f->ri[r].cand] : NULL;
}

static int piece_of(const filler *f, const imp_cand *c)
{
    const imp_stream *st = c->in_lab ? &f->sc->lab : &f->sc->all;
    return st->piece[c->s];
}

static void where_piece(const filler *f, int piece, char *buf, size_t n)
{
    if (piece < 0 || piece >= f->sc->src->n)
        snprintf(buf, n, "?");
    else
        imp_source_where(f->sc->src, &f->sc->src->p[piece], buf, n);
}

/* The source's own spelling of a matched label, for the report. */
static char *seen_label(const filler *f, const imp_cand *c)
{
    const imp_stream *st = c->in_lab ? &f->sc->lab : &f->sc->all;
    size_t cap = 64, len = 0;
    char *s = pia_xmalloc(cap);
    for (int part = 0; part < 2; part++)
        for (uint32_t p = part ? c->s2 : c->s; p < (part ? c->e2 : c->e) && len < 400; p++) {
            size_t n = st->n.end[p] - st->n.at[p];
            if (len + n + 1 > cap)
                s = pia_xrealloc(s, cap = (len + n + 1) * 2);
            memcpy(s + len, f->sc->src->buf + st->n.at[p], n);
            len += n;
        }
    s[len] = '\0';
    return s;
}

/* ---- structure: which copies of files and instances the source has ------ */

static void link_rows(filler *f)
{
    for (int r = 0; r < f->nrows; r++) {
        const imp_row *row = &f->rows[r];
        rinfo *ri = &f->ri[r];
        ri->sec = row->depth == 0 ? r : f->ri[row->parent].sec;
        ri->grp = row->node->repeat ? r : row->parent >= 0 ? f->ri[row->parent].grp : -1;
    }
    for (int r = 0; r < f->nrows; r++)
        if (f->ri[r].cand >= 0)
            for (int p = r; p >= 0 && !f->ri[p].used; p = f->rows[p].parent)
                f->ri[p].used = 1;
}

static void number_files(filler *f)
{
    const pia_form *form = f->res->form;
    int *count = pia_xcalloc((size_t)form->nnodes, sizeof *count);
    for (int r = 0; r < f->nrows; r++) {
        const imp_row *row = &f->rows[r];
        if (row->depth != 0 || !row->node->per_file || !f->ri[r].used)
            continue;
        f->ri[r].file = ++count[row->node->index];
        if (f->ri[r].file > f->nfiles)
            f->nfiles = f->ri[r].file;
    }
    for (int r = 0; r < f->nrows; r++) {
        const imp_row *row = &f->rows[r];
        rinfo *ri = &f->ri[r];
        if (row->depth == 0) {
            int first_copy = row->file <= 1;
            ri->exists = !row->node->per_file || ri->used || (count[row->node->index] == 0 && first_copy);
            if (row->node->per_file && !ri->used)
                ri->file = first_copy ? 1 : 0;
            continue;
        }
        const rinfo *sec = &f->ri[ri->sec];
        ri->file = sec->file;
        ri->afile = row->afile > 0 ? sec->file : 0;
        ri->exists = sec->exists;
    }
    free(count);
}

static counter *find_counter(counter **cs, int *n, int afile, int node)
{
    for (int i = 0; i < *n; i++)
        if ((*cs)[i].afile == afile && (*cs)[i].node == node)
            return &(*cs)[i];
    *cs = pia_xrealloc(*cs, (size_t)(*n + 1) * sizeof **cs);
    (*cs)[*n] = (counter){ afile, node, 0 };
    return &(*cs)[(*n)++];
}

static void number_instances(filler *f)
{
    counter *cs = NULL;
    int n = 0;
    for (int r = 0; r < f->nrows; r++) {
        rinfo *ri = &f->ri[r];
        if (f->rows[r].node->repeat && ri->exists && ri->used)
            ri->inst = ++find_counter(&cs, &n, ri->afile, f->rows[r].node->index)->n;
    }
    for (int r = 0; r < f->nrows; r++) {
        rinfo *ri = &f->ri[r];
        if (!f->rows[r].node->repeat || !ri->exists || ri->used)
            continue;
        /* A group the source has no instance of is listed once, as its first. */
        int none = find_counter(&cs, &n, ri->afile, f->rows[r].node->index)->n == 0;
        ri->exists = none && f->rows[r].inst == 1;
        ri->inst = ri->exists ? 1 : 0;
    }
    for (int r = 0; r < f->nrows; r++) {
        rinfo *ri = &f->ri[r];
        if (ri->grp >= 0 && ri->grp != r) {
            ri->inst = f->ri[ri->grp].inst;
            ri->exists = ri->exists && f->ri[ri->grp].exists;
        }
    }
    free(cs);
}

/* ---- answers ------------------------------------------------------------- */

static void add_loose(filler *f, const char *text, int piece, int row)
{
    imp_result *res = f->res;
    res->loose = pia_xrealloc(res->loose, (size_t)(res->nloose + 1) * sizeof *res->loose);
    imp_loose *l = &res->loose[res->nloose++];
    memset(l, 0, sizeof *l);
    where_piece(f, piece, l->where, sizeof l->where);
    l->text = pia_xstrdup(text);
    if (row >= 0) {
        l->near = f->rows[row].node;
        l->file = f->ri[row].afile ? f->ri[row].afile : f->ri[row].file;
        l->inst = f->ri[row].inst;
    }
}

static void keep_rest(filler *f, int r)
{
    rinfo *ri = &f->ri[r];
    if (ri->v.rest)
        add_loose(f, ri->v.rest, imp_text_piece(&ri->text, ri->v.rest_off), r);
}

/* An older edition's label is no guess when the cover's stamp names that
 * edition. */
static int alias_confirmed(const filler *f, const imp_cand *c)
{
    const char *stamp = f->res->edition;
    return c->alias && stamp && !f->res->edition_guess && strcmp(stamp, f->ed->e[c->alias - 1].name) == 0;
}

static void read_field(filler *f, int r)
{
    rinfo *ri = &f->ri[r];
    const pia_node *n = f->rows[r].node;
    const imp_cand *c = cand_of(f, r);
    if (n->kind == PIA_CHOICE) {
        imp_value_choice(n, &ri->text, &ri->v);
    } else if (n->kind == PIA_CHECK) {
        imp_value_check(n, c->box, &ri->text, &ri->v);
    } else if (ri->text.len > 0) {
        ri->v.value = pia_xstrdup(ri->text.s);
    }
    if (c->guess || (c->alias && !alias_confirmed(f, c))) {
        ri->v.guess = 1;
        char *seen = seen_label(f, c);
        free(ri->v.why);
        ri->v.why = c->alias ? pia_xasprintf("旧様式の見出し「%s」", seen)
                             : pia_xasprintf("見出しの表記が違います（「%s」）", seen);
        free(seen);
    }
}

static int line_of_piece(const filler *f, int piece)
{
    return piece >= 0 ? f->sc->src->p[piece].page * 100000 + f->sc->src->p[piece].line : -1;
}

/* A small table printed as a row of labels over a row of values
 * (評価書番号 | 評価書名 / 12 | 介護保険に関する事務 …): the first label,
 * with the second right after it, finds nothing, and the second finds both
 * values, one to a line.  The first line goes to the first item, as a
 * guess. */
static void split_header_rows(filler *f)
{
    for (int r = 0; r < f->nrows; r++) {
        rinfo *a = &f->ri[r];
        if (a->cand < 0 || f->rows[r].node->kind != PIA_TEXT || a->v.value)
            continue;
        int k = r + 1;
        while (k < f->nrows && f->ri[k].cand == -1)
            k++;
        if (k >= f->nrows || f->ri[k].cand < 0 || f->rows[k].node->kind != PIA_TEXT || !f->ri[k].v.value)
            continue;
        rinfo *b = &f->ri[k];
        const imp_text *t = &b->text;
        int la = line_of_piece(f, piece_of(f, cand_of(f, r))), lb = line_of_piece(f, piece_of(f, cand_of(f, k)));
        if (t->nseg < 2 || lb - la > 1 || line_of_piece(f, t->seg_piece[0]) == line_of_piece(f, t->seg_piece[1]))
            continue;
        const char *nl = strchr(b->v.value, '\n');
        if (!nl)
            continue;
        a->v.value = pia_xstrndup(b->v.value, (size_t)(nl - b->v.value));
        a->v.guess = 1;
        a->v.why = pia_xstrdup("見出しの行と値の行が分かれた表として、一行目をこの項目の回答としました");
        char *rest = pia_xstrdup(nl + 1);
        free(b->v.value);
        b->v.value = rest;
        b->v.guess = 1;
        free(b->v.why);
        b->v.why = pia_xstrdup("見出しの行と値の行が分かれた表として、二行目以降をこの項目の回答としました");
    }
}

/* "（1）住民基本台帳ファイル\n（2）…" printed for the once-per-assessment
 * file-name item: the names in order.  A few short lines without numbers
 * are names too (an assessment with one file seldom numbers it). */
static void names_from_list(filler *f, const char *s)
{
    int k = 0, lines = 0, numbered = 0;
    for (const char *p = s; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
        lines++;
        numbered += strncmp(p, "（", 3) == 0 || *p == '(';
    }
    for (const char *p = s; p && *p && k < PIA_MAX_FILES;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        const char *name = NULL;
        if (strncmp(p, "（", 3) == 0 || *p == '(') {
            const char *close = strstr(p, "）");
            const char *close2 = strchr(p, ')');
            const char *end = close && (!close2 || close < close2) ? close + 3 : close2 ? close2 + 1 : NULL;
            if (end && end < p + len)
                name = end;
        } else if (!numbered && lines <= 10 && len > 0 && len <= 180) {
            name = p;
        }
        if (name) {
            char *copy = pia_xstrndup(name, len - (size_t)(name - p));
            if (!f->names[k] && *copy)
                f->names[k] = copy;
            else
                free(copy);
            k++;
        }
        p = nl ? nl + 1 : NULL;
    }
}

static void read_names(filler *f)
{
    for (int r = 0; r < f->nrows; r++) {
        rinfo *ri = &f->ri[r];
        const pia_node *n = f->rows[r].node;
        if (ri->cand < 0 || !n->autofill || !ri->v.value)
            continue;
        if (ri->afile == 0 && !n->per_file)
            continue;
        int k = ri->file - 1;
        if (k >= 0 && k < PIA_MAX_FILES && !f->names[k])
            f->names[k] = pia_xstrdup(ri->v.value);
    }
    for (int r = 0; r < f->nrows; r++) {
        rinfo *ri = &f->ri[r];
        int k = ri->file - 1;
        if (ri->file_name && k >= 0 && k < PIA_MAX_FILES && !f->names[k])
            f->names[k] = pia_xstrdup(ri->file_name);
    }
    for (int r = 0; r < f->nrows; r++) {
        const pia_node *n = f->rows[r].node;
        if (f->ri[r].cand >= 0 && n->autofill && !n->per_file && f->ri[r].v.value)
            names_from_list(f, f->ri[r].v.value);
    }
    for (int k = 0; k < PIA_MAX_FILES; k++)
        if (f->names[k] && k + 1 > f->nfiles)
            f->nfiles = k + 1;
}

static const char *value_of_item(const filler *f, const pia_node *item)
{
    for (int r = 0; item && r < f->nrows; r++)
        if (f->rows[r].node == item && f->ri[r].cand >= 0 && f->ri[r].v.value)
            return f->ri[r].v.value;
    return NULL;
}

static char *one_line(const char *s)
{
    char *t = pia_xstrdup(s);
    for (char *p = t; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    return t;
}

/* Title: given > the 評価書名 item > the file's own title > its name. */
static void make_doc(filler *f, const imp_options *opt)
{
    const imp_source *src = f->sc->src;
    const char *t = opt && opt->title ? opt->title : value_of_item(f, f->ed->title_item);
    if (!t)
        t = src->meta_title;
    char *base = pia_xstrdup(src->path);
    char *name = basename(base), *dot = strrchr(name, '.');
    if (dot && dot != name)
        *dot = '\0';
    char *title = one_line(t ? t : name);
    const char *o = opt && opt->org ? opt->org : value_of_item(f, f->ed->org_item);
    char *org = one_line(o ? o : src->meta_author ? src->meta_author : "");
    f->res->doc = pia_doc_new(f->res->form->name, title, org);
    free(title);
    free(org);
    free(base);
}

/* --title / --org given: they are the 表紙's 評価書名 and 評価実施機関名
 * too (model/title.h), not a second title beside the imported one. */
static void given_title(filler *f, const imp_options *opt)
{
    if (opt && opt->title && f->ed->title_item)
        pia_doc_set(f->res->doc, 0, 0, f->ed->title_item->id, f->res->doc->title, "");
    if (opt && opt->org && f->ed->org_item)
        pia_doc_set(f->res->doc, 0, 0, f->ed->org_item->id, f->res->doc->org, "");
}

static void read_heading(filler *f, int r)
{
    rinfo *ri = &f->ri[r];
    const pia_node *n = f->rows[r].node;
    imp_value_heading(n, f->res->doc->title, &ri->text, &ri->v, &ri->file_name);
    if (!ri->v.rest || r + 1 >= f->nrows || f->rows[r + 1].parent != r)
        return;
    /* The form prints the name after 委託事項1 on the heading's own row,
     * without a label (an inline item): the text after the heading is its
     * answer.  Older layouts printed other answers there too (the range
     * after Ⅱ 2.③, the count choice after ④, which are now items of
     * their own): when the group's first item has no label of its own in
     * the source, the text after the heading is taken for it, as a guess. */
    int k = r + 1;
    const pia_node *first = f->rows[k].node;
    if ((first->kind != PIA_TEXT && first->kind != PIA_CHOICE) || first->autofill ||
        f->ri[k].cand >= 0 || f->ri[k].v.value)
        return;
    imp_value *v = &f->ri[k].v;
    if (first->kind == PIA_CHOICE) {
        imp_text t = { .s = ri->v.rest, .len = strlen(ri->v.rest) };
        imp_value_choice(first, &t, v);
        if (!v->value) {
            imp_value_free(v);
            return;
        }
        free(ri->v.rest);
        ri->v.rest = v->rest;       /* what the choice left over stays a note */
        v->rest = NULL;
    } else {
        v->value = ri->v.rest;
        ri->v.rest = NULL;
    }
    if (!(f->rows[k].flags & IMP_ROW_INLINE)) {
        v->guess = 1;
        free(v->why);
        v->why = pia_xstrdup("見出しの後の文字を、見出しのない最初の項目の回答としました");
    }
    f->ri[k].cand = -2;          /* filled without a label of its own */
}

/* ---- the result ----------------------------------------------------------- */

static void add_filled_at(filler *f, const pia_node *n, int file, int inst, int piece, const imp_value *v)
{
    imp_result *res = f->res;
    res->filled = pia_xrealloc(res->filled, (size_t)(res->nfilled + 1) * sizeof *res->filled);
    imp_filled *x = &res->filled[res->nfilled++];
    memset(x, 0, sizeof *x);
    x->node = n;
    x->file = file;
    x->inst = inst;
    where_piece(f, piece, x->where, sizeof x->where);
    x->guess = v->guess;
    x->why = v->why ? pia_xstrdup(v->why) : NULL;
    char *shown = n->kind == PIA_CHECK ? pia_format_box(n, &(pia_value){ .value = v->value,
                                                   .detail = v->detail ? v->detail : "" })
                                       : pia_xstrdup(v->value);
    x->preview = pia_text_abbrev(shown, 40);
    free(shown);
    res->nguess += x->guess;
}

static void add_filled(filler *f, int r, const pia_node *n, const imp_value *v)
{
    const imp_cand *c = cand_of(f, r);
    int piece = c && !f->ri[r].in_table ? piece_of(f, c) : imp_text_piece(&f->ri[r].text, 0);
    if (!c && f->ri[r].cand == -2)
        piece = imp_text_piece(&f->ri[f->rows[r].parent].text, 0);
    add_filled_at(f, n, f->ri[r].afile, f->ri[r].inst, piece, v);
}

/* A heading (or an item left empty) whose label was matched by a guess:
 * the report says so, since everything under it hangs on that guess. */
static void note_guessed_headings(filler *f)
{
    imp_result *res = f->res;
    for (int r = 0; r < f->nrows; r++) {
        const imp_cand *c = cand_of(f, r);
        const pia_node *n = f->rows[r].node;
        if (!c || !(c->guess || (c->alias && !alias_confirmed(f, c))) ||
            (pia_node_is_field(n) && f->ri[r].v.value && !n->autofill))
            continue;
        res->headings = pia_xrealloc(res->headings, (size_t)(res->nheadings + 1) * sizeof *res->headings);
        imp_filled *x = &res->headings[res->nheadings++];
        memset(x, 0, sizeof *x);
        x->node = n;
        x->file = f->ri[r].afile ? f->ri[r].afile : f->ri[r].file;
        x->inst = f->ri[r].inst;
        x->guess = 1;
        where_piece(f, piece_of(f, c), x->where, sizeof x->where);
        char *seen = seen_label(f, c);
        x->why = c->alias ? pia_xasprintf("旧様式の見出し「%s」", seen)
                          : pia_xasprintf("見出しの表記が違います（「%s」）", seen);
        free(seen);
    }
}

static void store_values(filler *f)
{
    pia_doc *doc = f->res->doc;
    for (int r = 0; r < f->nrows; r++) {
        rinfo *ri = &f->ri[r];
        const pia_node *n = f->rows[r].node;
        if (!pia_node_is_field(n) || n->autofill || !ri->v.value || !ri->exists)
            continue;
        const pia_value *old = pia_doc_get(doc, ri->afile, ri->inst, n->id);
        if (old) {
            /* Answered once but printed under every file: the first copy
             * wins, a different later copy is kept as a note. */
            if (strcmp(old->value, ri->v.value) != 0)
                add_loose(f, ri->v.value, imp_text_piece(&ri->text, 0), r);
            continue;
        }
        pia_doc_set(doc, ri->afile, ri->inst, n->id, ri->v.value, ri->v.detail ? ri->v.detail : "");
        add_filled(f, r, n, &ri->v);
    }
}

static void make_structure(filler *f)
{
    pia_doc *doc = f->res->doc;
    for (int k = 0; k < f->nfiles && k < PIA_MAX_FILES; k++) {
        char *name = f->names[k] ? pia_xstrdup(f->names[k]) : pia_xasprintf("ファイル%d", k + 1);
        pia_doc_add_file(doc, name);
        free(name);
    }
    for (int r = 0; r < f->nrows; r++) {
        const rinfo *ri = &f->ri[r];
        const pia_node *n = f->rows[r].node;
        if (!n->repeat || !ri->used || !ri->exists)
            continue;
        if (ri->inst > pia_doc_instances(doc, ri->afile, n->id))
            pia_doc_set_instances(doc, ri->afile, n->id, ri->inst);
    }
}

/* ---- tables ----------------------------------------------------------------- */

/* The cells of each table's first row become its headings' stretches (the
 * last heading's stretch held the whole table). */
static int tables_in(filler *f, imp_table **tables)
{
    int *cand = pia_xmalloc(((size_t)f->nrows + 1) * sizeof *cand);
    for (int r = 0; r < f->nrows; r++)
        cand[r] = f->ri[r].cand;
    int nt = imp_tables_find(f->sc, f->rows, f->nrows, f->cs, cand, tables);
    free(cand);
    for (int i = 0; i < nt; i++) {
        imp_table *t = &(*tables)[i];
        for (int k = 0; k < t->ncols; k++) {
            rinfo *ri = &f->ri[t->first + k];
            imp_text_free(&ri->text);
            ri->text = t->cell[k];
            ri->in_table = 1;
            memset(&t->cell[k], 0, sizeof t->cell[k]);
        }
    }
    return nt;
}

/* The table's further rows: instances 2, 3 … of its group. */
static void store_table_rows(filler *f, const imp_table *t)
{
    const imp_row *head = &f->rows[t->first];
    const pia_node *g = head->node->parent;
    const rinfo *gi = head->parent >= 0 ? &f->ri[head->parent] : NULL;
    if (t->ninst < 2 || !g || !g->repeat || !gi || !gi->exists)
        return;
    int afile = gi->afile, base = gi->inst > 0 ? gi->inst : 1;
    for (int row = 1; row < t->ninst; row++) {
        int inst = base + row;
        for (int k = 0; k < t->ncols; k++) {
            const pia_node *n = f->rows[t->first + k].node;
            const imp_text *cell = &t->cell[row * t->ncols + k];
            imp_value v = { 0 };
            if (n->kind == PIA_CHOICE)
                imp_value_choice(n, cell, &v);
            else if (n->kind == PIA_TEXT && cell->len > 0)
                v.value = pia_xstrdup(cell->s);
            if (v.value && !pia_doc_get(f->res->doc, afile, inst, n->id)) {
                pia_doc_set(f->res->doc, afile, inst, n->id, v.value, v.detail ? v.detail : "");
                add_filled_at(f, n, afile, inst, imp_text_piece(cell, 0), &v);
            }
            if (v.rest)
                add_loose(f, v.rest, imp_text_piece(cell, v.rest_off), t->first + k);
            imp_value_free(&v);
        }
        if (inst > pia_doc_instances(f->res->doc, afile, g->id))
            pia_doc_set_instances(f->res->doc, afile, g->id, inst);
    }
}

static int subtree_end(const filler *f, int r)
{
    int e = r + 1;
    while (e < f->nrows && f->rows[e].depth > f->rows[r].depth)
        e++;
    return e;
}

static void list_missing(filler *f)
{
    imp_result *res = f->res;
    for (int r = 0; r < f->nrows;) {
        const rinfo *ri = &f->ri[r];
        const pia_node *n = f->rows[r].node;
        int end = subtree_end(f, r);
        if (!ri->exists || pia_walk_is_na(res->form, res->doc, n, ri->file)) {
            r = end;
            continue;
        }
        /* Labels the printed form does not show are not missed: the
         * cover's section name, a name printed after its heading, a
         * table's instance headings. */
        unsigned unshown = IMP_ROW_UNPRINTED | IMP_ROW_INLINE;
        if (ri->cand != -1 || (pia_node_is_field(n) && ri->v.value) ||
            ((f->rows[r].flags & unshown) && (ri->used || n->kind != PIA_GROUP))) {
            r++;
            continue;
        }
        /* A heading with nothing found under it counts once, for all its
         * printed rows (a group's boxes are on its row). */
        int whole = n->kind == PIA_GROUP && !ri->used;
        int count = 0, last = -1;
        for (int k = r; k < (whole ? end : r + 1); k++) {
            if (!f->ri[k].exists || (f->rows[k].flags & unshown) || f->rows[k].prow == last)
                continue;
            count++;
            last = f->rows[k].prow;
        }
        res->missing = pia_xrealloc(res->missing, (size_t)(res->nmissing + 1) * sizeof *res->missing);
        res->missing[res->nmissing++] = (imp_missing){ n, ri->file, ri->inst, count };
        r = whole ? end : r + 1;
    }
}

int imp_fill(imp_scan *sc, const imp_row *rows, int nrows, const imp_cands *cs,
             const int *chosen, const imp_editions *ed, imp_result *res, pia_err *err)
{
    (void)err;
    filler f = { .sc = sc, .rows = rows, .nrows = nrows, .cs = cs, .ed = ed, .res = res };
    f.ri = pia_xcalloc((size_t)nrows + 1, sizeof *f.ri);
    for (int r = 0; r < nrows; r++)
        f.ri[r].cand = chosen[r];
    link_rows(&f);
    number_files(&f);
    number_instances(&f);
    /* the text between each label and the next, without the labels (the
     * rest of a label broken by boxes lies in the last box's stretch) */
    const imp_cand **broken = pia_xmalloc(((size_t)nrows + 2) * sizeof *broken);
    int nbroken = 0;
    for (int r = 0; r < nrows; r++)
        if (f.ri[r].cand >= 0 && cand_of(&f, r)->fe1 < cand_of(&f, r)->fe)
            broken[nbroken++] = cand_of(&f, r);
    const imp_cand **ex = pia_xmalloc(((size_t)nbroken + 2) * sizeof *ex);
    int last = -1;
    uint32_t end = (uint32_t)sc->all.n.n;
    for (int r = nrows - 1; r >= 0; r--) {
        if (f.ri[r].cand < 0)
            continue;
        const imp_cand *c = cand_of(&f, r);
        uint32_t to = last >= 0 ? cs->c[f.ri[last].cand].fs : end;
        int nex = 0;
        ex[nex++] = c;
        for (int b = 0; b < nbroken; b++)
            if (broken[b] != c && broken[b]->fe > c->fs && broken[b]->fs < to)
                ex[nex++] = broken[b];
        if (rows[r].node->kind == PIA_CHOICE)
            imp_choice_text(sc, c->fs, to, ex, nex, &f.ri[r].text);
        else
            imp_range_text_ex(sc, c->fs, to, ex, nex, &f.ri[r].text);
        last = r;
    }
    free(ex);
    free(broken);
    imp_table *tables;
    int ntables = tables_in(&f, &tables);
    for (int r = 0; r < nrows; r++)
        if (f.ri[r].cand >= 0 && pia_node_is_field(rows[r].node))
            read_field(&f, r);
    split_header_rows(&f);
    make_doc(&f, res->opt);
    for (int r = 0; r < nrows; r++)
        if (f.ri[r].cand >= 0 && !pia_node_is_field(rows[r].node))
            read_heading(&f, r);
    /* What precedes the first label: the form's title and the assessment's
     * are expected there; anything else is kept. */
    imp_text pre;
    imp_range_text(sc, 0, last >= 0 ? cs->c[f.ri[last].cand].fs : end, NULL, &pre);
    imp_value pv = { 0 };
    char *ignored = NULL;
    pia_node fake = { .label = res->form->title, .note = res->form->title };
    imp_value_heading(&fake, res->doc->title, &pre, &pv, &ignored);
    if (pv.rest)
        add_loose(&f, pv.rest, imp_text_piece(&pre, pv.rest_off), -1);
    imp_value_free(&pv);
    imp_text_free(&pre);
    read_names(&f);
    make_structure(&f);
    store_values(&f);
    given_title(&f, res->opt);
    for (int i = 0; i < ntables; i++)
        store_table_rows(&f, &tables[i]);
    imp_tables_free(tables, ntables);
    for (int r = 0; r < nrows; r++)
        if (f.ri[r].cand >= 0)
            keep_rest(&f, r);
    list_missing(&f);
    note_guessed_headings(&f);
    for (int r = 0; r < nrows; r++) {
        imp_text_free(&f.ri[r].text);
        imp_value_free(&f.ri[r].v);
        free(f.ri[r].file_name);
    }
    for (int k = 0; k < PIA_MAX_FILES; k++)
        free(f.names[k]);
    free(f.ri);
    return 0;
}
