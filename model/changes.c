/*
 * changes.c — （別添3）変更箇所 rows from a comparison (changes.h).
 */
#include "changes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the table ------------------------------------------------------ */

static const pia_node *kid_labelled(const pia_node *g, const char *label)
{
    for (int i = 0; i < g->nkids; i++)
        if (pia_node_is_field(g->kids[i]) && strcmp(g->kids[i]->label, label) == 0)
            return g->kids[i];
    return NULL;
}

int pia_changes_table_find(const pia_form *form, pia_changes_table *t, pia_err *err)
{
    memset(t, 0, sizeof *t);
    for (int i = 0; i < form->nnodes; i++) {
        const pia_node *g = form->nodes[i];
        if (!g->repeat || !kid_labelled(g, "変更前の記載") || !kid_labelled(g, "変更後の記載"))
            continue;
        t->group = g;
        t->date = kid_labelled(g, "変更日");
        t->item = kid_labelled(g, "項目");
        t->before = kid_labelled(g, "変更前の記載");
        t->after = kid_labelled(g, "変更後の記載");
        t->timing = kid_labelled(g, "提出時期");
        t->reason = kid_labelled(g, "提出時期に係る説明");
        return 0;
    }
    return pia_fail(err, PIA_ENOTFOUND, "%s: （別添3）変更箇所の表（「変更前の記載」と"
                    "「変更後の記載」を持つ繰り返し項目）がありません", form->path ? form->path : form->name);
}

/* ---- rows ----------------------------------------------------------- */

typedef struct rows {
    pia_change_row *v;
    int n, cap;
} rows;

static pia_change_row *add_row(rows *r, const char *date, const char *timing)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->v = pia_xrealloc(r->v, (size_t)r->cap * sizeof *r->v);
    }
    pia_change_row *row = &r->v[r->n++];
    row->date = pia_xstrdup(date ? date : "");
    row->timing = pia_xstrdup(timing ? timing : "");
    row->reason = pia_xstrdup("");
    row->item = row->before = row->after = NULL;
    return row;
}

static int in_subtree(const pia_node *n, const pia_node *root)
{
    for (; n; n = n->parent)
        if (n == root)
            return 1;
    return 0;
}

/* A check box whose group (not a repeated one) is the form's item. */
static int box_group(const pia_node *n)
{
    return n->kind == PIA_CHECK && n->parent && n->parent->parent && !n->parent->repeat;
}

/* The item as reviewers write it: the numbers of its path and its own
 * number and label, "Ⅲ 2. リスク1 リスクへの対策は十分か", "Ⅰ 1. ②事務の内容",
 * "表紙 公表日" (a section without a number by its label). */
static char *title(const pia_node *n, int is_item, int inst, int qualify)
{
    const pia_node *root = n;
    while (root->parent)
        root = root->parent;
    if (!is_item || !n->parent)
        return pia_cmp_where(n, inst);
    /* A check box is one choice of its group's question: the form's item
     * is the group ("Ⅰ 2. システム1 ③他のシステムとの接続"); the box's label
     * is in 変更前の記載 / 変更後の記載. */
    if (qualify && box_group(n))
        return title(n->parent, 1, inst, 1);
    /* A section without a number is named by its label. */
    const char *sec = root->number ? "" : root->label;
    if (!n->number) {   /* the path already ends with the label */
        char *where = pia_cmp_where(n, inst);
        const pia_node *q = qualify ? pia_cmp_qualifier(n) : NULL;
        /* "… リスク2 ユーザ認証の管理 具体的な管理方法": one of three alike. */
        size_t cut = q ? strlen(where) - strlen(n->label) : strlen(where);
        char *s = pia_xasprintf("%s%s%.*s%s%s%s", sec, *sec ? " " : "", (int)cut, where,
                                q ? q->label : "", q ? " " : "", q ? n->label : "");
        free(where);
        return s;
    }
    char *h = pia_node_heading(n);
    size_t len = strlen(h);
    len -= (n->notice ? strlen(" ※") : 0) + (n->note ? strlen(n->note) + 1 : 0);
    char *path = pia_cmp_where(n->parent, inst);
    char *s = pia_xasprintf("%s%s%s%s%.*s", sec, *sec && *path ? " " : "", path, *sec || *path ? " " : "",
                            (int)len, h);
    free(path);
    free(h);
    return s;
}

char *pia_changes_title(const pia_node *n, int is_item, int inst)
{
    return title(n, is_item, inst, 1);
}

char *pia_changes_title_plain(const pia_node *n, int is_item, int inst)
{
    return title(n, is_item, inst, 0);
}

static char *item_title(const pia_cmp_entry *e)
{
    return pia_changes_title(e->node, e->what == PIA_CMPW_ITEM, e->inst_b ? e->inst_b : e->inst_a);
}

/* With several files, the file is named after the section number:
 * "Ⅲ（住民基本台帳ファイル） 2. リスク1 …". */
static char *item_name(const pia_cmp *c, const pia_cmp_entry *e)
{
    char *title = item_title(e);
    if (!c->multi_file || !e->file_name)
        return title;
    const char *sp = strchr(title, ' ');
    char *s = sp ? pia_xasprintf("%.*s（%s）%s", (int)(sp - title), title, e->file_name, sp)
                 : pia_xasprintf("%s（%s）", title, e->file_name);
    free(title);
    return s;
}

/* A ticked box without its "[ ○ ] ": the choice as the summary names it. */
static const char *box_text(const char *text)
{
    const char *p = strstr(text, "] ");
    return text[0] == '[' && p ? p + 2 : text;
}

static const char *group_heading(const pia_node *g)
{
    return g->heading ? g->heading : g->label ? g->label : "";
}

/* The answers of an added or removed instance, one line each:
 * "①システムの名称： 税務システム"; the ticked boxes of a group on one
 * line under the group's heading: "④提供方法： 専用線、紙". */
static char *summarise(const pia_cmp *c, int from, int side)
{
    size_t cap = 1, len = 0;
    for (int i = from; i < c->n && c->v[i].inside; i++)
        cap += strlen(c->v[i].heading) + strlen(side < 0 ? c->v[i].before : c->v[i].after) + 8 +
               (box_group(c->v[i].node) ? strlen(group_heading(c->v[i].node->parent)) : 0);
    char *s = pia_xcalloc(1, cap);
    const pia_node *group = NULL;
    for (int i = from; i < c->n && c->v[i].inside; i++) {
        const pia_cmp_entry *e = &c->v[i];
        const char *text = side < 0 ? e->before : e->after;
        if (!text[0])
            continue;
        if (box_group(e->node) && e->node->parent == group) {
            len += (size_t)snprintf(s + len, cap - len, "、%s", box_text(text));
            continue;
        }
        group = box_group(e->node) ? e->node->parent : NULL;
        len += (size_t)snprintf(s + len, cap - len, "%s%s： %s", len ? "\n" : "",
                                group ? group_heading(group) : e->heading, group ? box_text(text) : text);
    }
    return s;
}

/* Boxes of one group changed together make one row, as the form's item
 * is the group: their lines joined under it. */
static int joins(const pia_cmp_entry *prev, const pia_cmp_entry *e)
{
    return prev->what == PIA_CMPW_ITEM && e->what == PIA_CMPW_ITEM && box_group(e->node) &&
           box_group(prev->node) && prev->node->parent == e->node->parent &&
           prev->file_a == e->file_a && prev->file_b == e->file_b &&
           prev->inst_a == e->inst_a && prev->inst_b == e->inst_b;
}

static void join_line(char **dst, const char *line)
{
    char *s = pia_xasprintf("%s\n%s", *dst, line);
    free(*dst);
    *dst = s;
}

static void entry_row(const pia_cmp *c, int i, pia_change_row *row)
{
    const pia_cmp_entry *e = &c->v[i];
    row->item = item_name(c, e);
    if (e->what == PIA_CMPW_ITEM || (e->what == PIA_CMPW_FILE && e->kind == PIA_CMP_CHANGED)) {
        row->before = pia_xstrdup(e->before);
        row->after = pia_xstrdup(e->after);
    } else if (e->what == PIA_CMPW_FILE && e->kind == PIA_CMP_ADDED) {
        row->before = pia_xstrdup("（なし）");
        row->after = pia_xasprintf("特定個人情報ファイル「%s」を追加", e->file_name);
    } else if (e->what == PIA_CMPW_FILE) {
        row->before = pia_xasprintf("特定個人情報ファイル「%s」", e->file_name);
        row->after = pia_xstrdup("（削除）");
    } else {
        row->before = e->kind == PIA_CMP_REMOVED ? summarise(c, i + 1, -1) : pia_xstrdup("（なし）");
        row->after = e->kind == PIA_CMP_ADDED ? summarise(c, i + 1, 1) : pia_xstrdup("（削除）");
    }
}

void pia_changes_rows(const pia_cmp *c, const pia_changes_table *t, const char *date,
                      const char *timing, pia_change_row **out, int *n)
{
    rows r = { 0 };
    const pia_node *table_section = NULL;
    if (t && t->group)
        for (table_section = t->group; table_section->parent; table_section = table_section->parent)
            ;
    const pia_cmp_entry *prev = NULL;
    for (int i = 0; i < c->n; i++) {
        const pia_cmp_entry *e = &c->v[i];
        if (e->kind == PIA_CMP_SAME || e->inside)
            continue;
        if (table_section && in_subtree(e->node, table_section))
            continue;
        if (prev && joins(prev, e)) {
            join_line(&r.v[r.n - 1].before, e->before);
            join_line(&r.v[r.n - 1].after, e->after);
        } else {
            entry_row(c, i, add_row(&r, date, timing));
        }
        prev = e;
    }
    *out = r.v;
    *n = r.n;
}

void pia_change_rows_free(pia_change_row *rows, int n)
{
    for (int i = 0; rows && i < n; i++) {
        free(rows[i].date);
        free(rows[i].item);
        free(rows[i].before);
        free(rows[i].after);
        free(rows[i].timing);
        free(rows[i].reason);
    }
    free(rows);
}

/* ---- rows already there ------------------------------------------------ */

static const char *cell(const pia_doc *d, const pia_node *col, int inst)
{
    const pia_value *val = col ? pia_doc_get(d, col->per_file ? 1 : 0, inst, col->id) : NULL;
    return val ? val->value : "";
}

int pia_changes_present(const pia_doc *live, const pia_changes_table *t, const pia_change_row *rows,
                        int n, char *there)
{
    const pia_node *g = t->group;
    int ninst = pia_doc_instances(live, g->per_file ? 1 : 0, g->id), k = 0;
    for (int r = 0; r < n; r++) {
        if (there)
            there[r] = 0;
        for (int i = 1; i <= ninst; i++)
            if (strcmp(cell(live, t->item, i), rows[r].item) == 0 &&
                strcmp(cell(live, t->after, i), rows[r].after) == 0) {
                if (there)
                    there[r] = 1;
                k++;
                break;
            }
    }
    return k;
}

/* ---- writing -------------------------------------------------------- */

typedef struct append_ctx {
    long id;
    const pia_changes_table *t;
    const pia_change_row *rows;
    int n, first;
    pia_err *err;
} append_ctx;

static int set_cell(pia_store *st, const append_ctx *a, int inst, const pia_node *col,
                    const char *value)
{
    if (!col || !value || !value[0])
        return 0;
    int file = col->per_file ? 1 : 0;
    return pia_store_set(st, a->id, file, a->t->group->id, inst, col->id, value, "", -1, NULL, a->err);
}

static int append_tx(pia_store *st, void *ctx)
{
    append_ctx *a = ctx;
    int file = a->t->group->per_file ? 1 : 0;
    for (int i = 0; i < a->n; i++) {
        const pia_change_row *r = &a->rows[i];
        int pos;
        if (pia_store_inst_add(st, a->id, file, a->t->group->id, &pos, a->err))
            return -1;
        if (i == 0)
            a->first = pos;
        if (set_cell(st, a, pos, a->t->date, r->date) || set_cell(st, a, pos, a->t->item, r->item) ||
            set_cell(st, a, pos, a->t->before, r->before) || set_cell(st, a, pos, a->t->after, r->after) ||
            set_cell(st, a, pos, a->t->timing, r->timing) || set_cell(st, a, pos, a->t->reason, r->reason))
            return -1;
    }
    return 0;
}

int pia_changes_append(pia_store *st, long id, const pia_changes_table *t,
                       const pia_change_row *rows, int n, int *first, pia_err *err)
{
    if (t->timing) {
        for (int i = 0; i < n; i++)
            if (rows[i].timing[0] && pia_node_choice_index(t->timing, rows[i].timing) < 0)
                return pia_fail(err, PIA_EINVAL, "提出時期「%s」は選択肢にありません", rows[i].timing);
    }
    pia_err inner = { 0 };
    append_ctx a = { id, t, rows, n, 0, &inner };
    if (pia_store_tx(st, append_tx, &a, err)) {
        if (inner.code != PIA_OK && err)
            *err = inner;
        return -1;
    }
    if (first)
        *first = a.first;
    return 0;
}

char *pia_changes_wareki(const char *iso)
{
    int y, m, d;
    char tail;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
        return pia_xstrdup(iso ? iso : "");
    if (y < 2019 || (y == 2019 && m < 5))
        return pia_xstrdup(iso);
    int ry = y - 2018;
    if (ry == 1)
        return pia_xasprintf("令和元年%d月%d日", m, d);
    return pia_xasprintf("令和%d年%d月%d日", ry, m, d);
}

char *pia_changes_today(void)
{
    char iso[16];
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(iso, sizeof iso, "%Y-%m-%d", &tm);
    return pia_changes_wareki(iso);
}
