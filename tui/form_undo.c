/*
 * form_undo.c — `u` / Ctrl-Z in the form view: take back the last
 * form-level change made from it (a check box, a choice, a （ ）内 text, a
 * text restored from the history, an instance added or removed).
 *
 * Each change is remembered by place (row ids, model/store.h), not by
 * position, with the text it replaced.  The undo is itself a change: it
 * writes the earlier text back through the store after an audit row
 * "undo" (model/history.h), so the trail keeps both.  If someone changed
 * the answer since, the undo writes nothing and says so.  An instance
 * removed comes back with its answers at the end of its group (instances
 * cannot be inserted in the middle).
 */
#include "form_undo.h"
#include "dialogs.h"
#include "form_view.h"
#include "model/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNDO_MAX 32

enum { U_ANSWER, U_INST_ADD, U_INST_DEL };

typedef struct fv_undo {
    int kind;
    const pia_node *node;        /* the item, or the repeated group */
    pia_place place;             /* the answer's, the instance's, or the file's */
    int pos;                     /* instance position when it was removed */
    char *old_value, *old_detail, *new_value, *new_detail;
    int nsaved;                  /* U_INST_DEL: the instance's answers */
    char **items, **values, **details;
} fv_undo;

static void entry_free(fv_undo *u)
{
    free(u->old_value);
    free(u->old_detail);
    free(u->new_value);
    free(u->new_detail);
    for (int i = 0; i < u->nsaved; i++) {
        free(u->items[i]);
        free(u->values[i]);
        free(u->details[i]);
    }
    free(u->items);
    free(u->values);
    free(u->details);
}

static fv_undo *push(fview *v, int kind, const pia_node *node)
{
    if (!v->undo)
        v->undo = pia_xcalloc(UNDO_MAX, sizeof *v->undo);
    if (v->nundo == UNDO_MAX) {
        entry_free(&v->undo[0]);
        memmove(v->undo, v->undo + 1, (UNDO_MAX - 1) * sizeof *v->undo);
        v->nundo--;
    }
    fv_undo *u = &v->undo[v->nundo++];
    memset(u, 0, sizeof *u);
    u->kind = kind;
    u->node = node;
    return u;
}

void tui_fv_undo_free(fview *v)
{
    for (int i = 0; i < v->nundo; i++)
        entry_free(&v->undo[i]);
    free(v->undo);
    v->undo = NULL;
    v->nundo = 0;
}

void tui_fv_undo_drop(fview *v)
{
    if (v->nundo > 0)
        entry_free(&v->undo[--v->nundo]);
}

void tui_fv_undo_answer(fview *v, const pia_node *node, const pia_place *pl,
                        const char *old_value, const char *old_detail,
                        const char *new_value, const char *new_detail)
{
    fv_undo *u = push(v, U_ANSWER, node);
    u->place = *pl;
    u->old_value = pia_xstrdup(old_value ? old_value : "");
    u->old_detail = pia_xstrdup(old_detail ? old_detail : "");
    u->new_value = pia_xstrdup(new_value ? new_value : "");
    u->new_detail = pia_xstrdup(new_detail ? new_detail : "");
}

void tui_fv_undo_inst_add(fview *v, const pia_node *group, int afile, int pos)
{
    fv_undo *u = push(v, U_INST_ADD, group);
    pia_ids_place(v->ids, afile, group->id, pos, &u->place);
}

typedef struct saved {
    fv_undo *u;
    const pia_form *form;
    int afile, inst;
} saved;

static int keep_answer(int file, int inst, const char *item, const pia_value *val, void *ctx)
{
    saved *s = ctx;
    const pia_node *n = pia_form_find(s->form, item);
    if (file != s->afile || inst != s->inst || !n || n->repeat_group != s->u->node)
        return 0;
    fv_undo *u = s->u;
    u->items = pia_xrealloc(u->items, (size_t)(u->nsaved + 1) * sizeof *u->items);
    u->values = pia_xrealloc(u->values, (size_t)(u->nsaved + 1) * sizeof *u->values);
    u->details = pia_xrealloc(u->details, (size_t)(u->nsaved + 1) * sizeof *u->details);
    u->items[u->nsaved] = pia_xstrdup(item);
    u->values[u->nsaved] = pia_xstrdup(val->value ? val->value : "");
    u->details[u->nsaved] = pia_xstrdup(val->detail ? val->detail : "");
    u->nsaved++;
    return 0;
}

void tui_fv_undo_inst_del(fview *v, const pia_node *group, int afile, int pos)
{
    fv_undo *u = push(v, U_INST_DEL, group);
    pia_ids_place(v->ids, afile, NULL, 0, &u->place);     /* the file stays */
    u->pos = pos;
    saved s = { u, v->form, afile, pos };
    pia_doc_each(v->doc, keep_answer, &s);
}

/* ---- taking back ------------------------------------------------------- */

typedef struct undo_op {
    fview *v;
    fv_undo *u;
    long rev;
    int fpos, ipos, newpos;
    pia_err *err;
} undo_op;

static int undo_answer_run(pia_store *st, void *ctx)
{
    undo_op *o = ctx;
    fv_undo *u = o->u;
    return pia_history_set_at(st, o->v->id, &u->place, u->node->id, u->old_value, u->old_detail,
                              o->rev, NULL, "undo", NULL, o->err);
}

static int undo_answer(fview *v, fv_undo *u, pia_err *err)
{
    pia_value now;
    if (pia_store_get_at(v->a->st, v->id, &u->place, u->node->id, &now, err))
        return -1;
    int same = strcmp(now.value ? now.value : "", u->new_value) == 0 &&
               strcmp(now.detail ? now.detail : "", u->new_detail) == 0;
    undo_op o = { v, u, now.rev, 0, 0, 0, err };
    int rc = same ? undo_answer_run(v->a->st, &o)
                  : pia_fail(err, PIA_ECONFLICT, "その後ほかの人（%s）が変更したため、取り消していません",
                             now.updated_by ? now.updated_by : "?");
    free(now.value);
    free(now.detail);
    free(now.updated);
    free(now.updated_by);
    return rc;
}

static int undo_inst_add_run(pia_store *st, void *ctx)
{
    undo_op *o = ctx;
    if (pia_store_audit_add(st, o->v->id, "undo", o->u->node->id, NULL, NULL, o->err))
        return -1;
    return pia_store_inst_remove(st, o->v->id, o->fpos, o->u->node->id, o->ipos, o->err);
}

static int undo_inst_add(fview *v, fv_undo *u, pia_err *err)
{
    undo_op o = { v, u, 0, 0, 0, 0, err };
    if (pia_store_place_where(v->a->st, v->id, &u->place, &o.fpos, &o.ipos, err))
        return -1;
    pia_removal lost = { 0 };
    if (pia_store_removal(v->a->st, v->id, o.fpos, u->node->id, o.ipos, &lost, err))
        return -1;
    int answers = lost.answers;
    pia_removal_clear(&lost);
    if (answers > 0) {
        char *q = pia_xasprintf("追加した %s%d には回答が %d 件あります。削除して追加を取り消しますか？",
                                u->node->label, o.ipos, answers);
        int yes = tui_confirm(v->a, q);
        free(q);
        if (!yes)
            return pia_fail(err, PIA_EINVAL, "取り消しませんでした");
    }
    return pia_store_tx(v->a->st, undo_inst_add_run, &o, err);
}

static int undo_inst_del_run(pia_store *st, void *ctx)
{
    undo_op *o = ctx;
    fv_undo *u = o->u;
    if (pia_store_audit_add(st, o->v->id, "undo", u->node->id, NULL, NULL, o->err) ||
        pia_store_inst_add(st, o->v->id, o->fpos, u->node->id, &o->newpos, o->err))
        return -1;
    for (int i = 0; i < u->nsaved; i++)
        if (pia_store_set(st, o->v->id, o->fpos, u->node->id, o->newpos, u->items[i], u->values[i],
                          u->details[i], -1, NULL, o->err))
            return -1;
    return 0;
}

static int undo_inst_del(fview *v, fv_undo *u, pia_err *err)
{
    undo_op o = { v, u, 0, 0, 0, 0, err };
    if (u->place.file && pia_store_place_where(v->a->st, v->id, &u->place, &o.fpos, &o.ipos, err))
        return -1;
    if (pia_store_tx(v->a->st, undo_inst_del_run, &o, err))
        return -1;
    if (o.newpos != u->pos)
        tui_status(v->a, "%s%d を末尾（%d 件目）に戻しました", u->node->label, u->pos, o.newpos);
    u->pos = o.newpos;
    return 0;
}

void tui_fv_undo(fview *v)
{
    if (v->a->readonly)
        return tui_status(v->a, "読み取り専用で開いています");
    if (v->nundo == 0)
        return tui_status(v->a, "取り消せる変更はありません（記述式の記載は L の変更履歴から戻せます）");
    fv_undo *u = &v->undo[v->nundo - 1];
    int was_at = u->pos;
    pia_err err = { 0 };
    int rc = u->kind == U_ANSWER ? undo_answer(v, u, &err)
           : u->kind == U_INST_ADD ? undo_inst_add(v, u, &err) : undo_inst_del(v, u, &err);
    const pia_node *node = u->node;
    int kind = u->kind, pos = u->pos;
    pia_place pl = u->place;
    if (rc) {
        tui_status(v->a, "%s", err.msg);
    } else {
        tui_mark_saved(v->a);
        if (kind != U_INST_DEL || pos == was_at)     /* else the status says where it went */
            tui_status(v->a, "取り消しました: %s", node->label);
    }
    /* A change taken back, or one that can no longer be, leaves the list. */
    entry_free(u);
    v->nundo--;
    tui_fv_reload(v);
    int fpos = 0, ipos = 0;
    if (kind == U_INST_DEL)
        ipos = pos;
    else if (pia_store_place_where(v->a->st, v->id, &pl, &fpos, &ipos, NULL))
        return;
    int row = tui_fv_find_row(v, node, ipos);
    if (row >= 0)
        v->cur = row;
}
