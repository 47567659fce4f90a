/*
 * history.c — earlier texts of an answer and restoring them (see
 * history.h).  Reads go through pia_store_audit and writes through
 * pia_store_set / pia_store_set_at, so a restore is checked, counted and
 * audited exactly like any other save.
 */
#include "history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pia_history_is_answer(const pia_audit *a)
{
    return a->item && (strcmp(a->action, "set") == 0 || strcmp(a->action, "clear") == 0);
}

static int is_value(const pia_node *n, const char *v)
{
    if (n->kind == PIA_CHECK)
        return strcmp(v, "1") == 0 || strcmp(v, "0") == 0;
    return pia_node_choice_index(n, v) >= 0;
}

void pia_history_split(const pia_node *n, const char *text, char **value, char **detail)
{
    const char *t = text ? text : "";
    size_t len = strlen(t);
    static const char open[] = "（", close[] = "）";
    if (n && n->kind != PIA_TEXT && !is_value(n, t) && len > 2 * strlen(close) &&
        strcmp(t + len - strlen(close), close) == 0) {
        /* The first "（" whose prefix is an option: options may hold
         * parentheses of their own, details may too. */
        for (const char *p = strstr(t, open); p; p = strstr(p + 1, open)) {
            char *v = pia_xstrndup(t, (size_t)(p - t));
            if (is_value(n, v)) {
                *value = v;
                const char *d = p + strlen(open);
                *detail = pia_xstrndup(d, (size_t)(t + len - strlen(close) - d));
                return;
            }
            free(v);
        }
    }
    *value = pia_xstrdup(t);
    *detail = pia_xstrdup("");
}

typedef struct restore_req {
    long id;
    int file, inst, row;
    const pia_node *node;
    char *value, *detail;
    pia_err *err;
    int changed;
} restore_req;

/* Whether the answer read is value/detail already (and frees it). */
static int same_then_free(pia_value *now, const char *value, const char *detail)
{
    int same = strcmp(now->value ? now->value : "", value) == 0 &&
               strcmp(now->detail ? now->detail : "", detail) == 0;
    free(now->value);
    free(now->detail);
    free(now->updated);
    free(now->updated_by);
    return same;
}

static int restore_run(pia_store *st, void *ctx)
{
    restore_req *r = ctx;
    /* The text the row left is the text there now: a row saying it was
     * restored would record a change that did not happen. */
    pia_value now;
    if (pia_store_get(st, r->id, r->file, r->inst, r->node->id, &now, r->err))
        return -1;
    if (same_then_free(&now, r->value, r->detail))
        return 0;
    r->changed = 1;
    char note[64];
    snprintf(note, sizeof note, "%d 行目の記載に戻す", r->row);    /* as the TUI's restore writes it */
    if (pia_store_audit_add(st, r->id, "revert", r->node->id, NULL, note, r->err))
        return -1;
    const char *group = r->node->repeat_group ? r->node->repeat_group->id : NULL;
    return pia_store_set(st, r->id, r->file, group, r->inst, r->node->id, r->value, r->detail,
                         -1, NULL, r->err);
}

/* The row's file and instance must still exist: a restore never creates
 * instances up to a position that was renumbered away. */
static int check_place(pia_store *st, const pia_audit *a, const pia_node *n, long id, pia_err *err)
{
    pia_doc *doc = NULL;
    if (pia_store_load(st, id, &doc, err))
        return -1;
    int rc = 0;
    if (n->per_file && (a->file < 1 || a->file > doc->nfiles))
        rc = pia_fail(err, PIA_EGONE, "評価書 %ld: この行の特定個人情報ファイル（%d 番目）はもうありません", id, a->file);
    else if (n->repeat_group &&
             a->inst > pia_doc_instances(doc, n->per_file ? a->file : 0, n->repeat_group->id))
        rc = pia_fail(err, PIA_EGONE, "評価書 %ld: この行の %s（%d 件目）はもうありません", id,
                      n->repeat_group->label, a->inst);
    pia_doc_free(doc);
    return rc;
}

int pia_history_restore(pia_store *st, const pia_form *form, long id, int row,
                        char **item, int *changed, pia_err *err)
{
    pia_audit *a;
    int n;
    if (pia_store_audit(st, id, &a, &n, err))
        return -1;
    int rc = -1;
    const pia_audit *x = row >= 1 && row <= n ? &a[row - 1] : NULL;
    const pia_node *node = x && x->item ? pia_form_find(form, x->item) : NULL;
    if (!x)
        pia_fail(err, PIA_ENOTFOUND, "評価書 %ld の変更履歴に %d 行目はありません（%d 行）", id, row, n);
    else if (!pia_history_is_answer(x))
        pia_fail(err, PIA_EINVAL, "評価書 %ld の %d 行目（%s）は回答の変更ではないため戻せません", id, row, x->action);
    else if (!node || !pia_node_is_field(node))
        pia_fail(err, PIA_ENOTFOUND, "テンプレート %s に項目 %s はありません", form->name, x->item);
    else if (check_place(st, x, node, id, err) == 0) {
        restore_req r = { id, node->per_file ? x->file : 0, node->repeat_group ? (x->inst ? x->inst : 1) : 0,
                          row, node, NULL, NULL, err, 0 };
        pia_history_split(node, x->new_value, &r.value, &r.detail);
        rc = pia_store_tx(st, restore_run, &r, err);
        free(r.value);
        free(r.detail);
        if (!rc && item)
            *item = pia_xstrdup(node->id);
        if (!rc && changed)
            *changed = r.changed;
    }
    pia_audit_free(a, n);
    return rc;
}

typedef struct set_at_req {
    long id;
    pia_place *pl;
    const char *item, *value, *detail, *action, *note;
    long expect_rev, *new_rev;
    pia_err *err;
} set_at_req;

static int set_at_run(pia_store *st, void *ctx)
{
    set_at_req *r = ctx;
    pia_value now;
    if (pia_store_get_at(st, r->id, r->pl, r->item, &now, r->err))
        return -1;
    if (!same_then_free(&now, r->value, r->detail) && pia_store_audit_add(st, r->id, r->action, r->item, NULL, r->note, r->err))
        return -1;
    return pia_store_set_at(st, r->id, r->pl, r->item, r->value, r->detail, r->expect_rev,
                            r->new_rev, r->err);
}

int pia_history_set_at(pia_store *st, long id, pia_place *pl, const char *item,
                       const char *value, const char *detail, long expect_rev,
                       long *new_rev, const char *action, const char *note, pia_err *err)
{
    set_at_req r = { id, pl, item, value ? value : "", detail ? detail : "", action, note,
                     expect_rev, new_rev, err };
    return pia_store_tx(st, set_at_run, &r, err);
}

/* The group key of an audit row: its item's section (nsections when it
 * names none the form knows) and its file when the section is per file. */
static void group_key(const pia_form *form, const pia_audit *x, int *sec, int *file)
{
    const pia_node *n = x->item ? pia_form_find(form, x->item) : NULL;
    *sec = form->nsections;
    *file = 0;
    if (!n)
        return;
    while (n->parent)
        n = n->parent;
    for (int s = 0; s < form->nsections; s++)
        if (form->sections[s] == n)
            *sec = s;
    *file = n->per_file ? x->file : 0;
}

int pia_history_grouped(const pia_form *form, const pia_audit *a, int n, pia_history_group **out)
{
    pia_history_group *g = NULL;
    int ng = 0;
    for (int i = n - 1; i >= 0; i--) {      /* newest first within each group */
        int sec, file, k;
        group_key(form, &a[i], &sec, &file);
        for (k = 0; k < ng && !(g[k].sec == sec && g[k].file == file); k++)
            ;
        if (k == ng) {
            g = pia_xrealloc(g, (size_t)(ng + 1) * sizeof *g);
            g[ng++] = (pia_history_group){ sec < form->nsections ? form->sections[sec] : NULL,
                                           sec, file, NULL, 0 };
        }
        g[k].rows = pia_xrealloc(g[k].rows, (size_t)(g[k].n + 1) * sizeof *g[k].rows);
        g[k].rows[g[k].n++] = i;
    }
    /* The form's order: section, then file; the assessment as a whole last. */
    for (int i = 1; i < ng; i++)
        for (int j = i; j > 0 && (g[j].sec < g[j - 1].sec ||
                                  (g[j].sec == g[j - 1].sec && g[j].file < g[j - 1].file)); j--) {
            pia_history_group t = g[j];
            g[j] = g[j - 1];
            g[j - 1] = t;
        }
    *out = g;
    return ng;
}

void pia_history_groups_free(pia_history_group *g, int n)
{
    for (int i = 0; i < n; i++)
        free(g[i].rows);
    free(g);
}
