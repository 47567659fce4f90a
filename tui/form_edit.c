/*
 * form_edit.c — the changes made from the form view: answers (Enter,
 * Space, d, e), pastes, the 特定個人情報ファイル (f) and instances of
 * repeated groups (+, -).
 *
 * The view shows a snapshot; the database may have moved on since it was
 * read (a colleague changed the answer, removed or reordered a file,
 * removed an instance).  So every change names what the view showed: the
 * place by the row ids read with the snapshot, and the answer as shown.
 * If either no longer holds, nothing is written, the view is refreshed and
 * the status line says why.
 */
#include "form_edit.h"
#include "copy_view.h"
#include "dialogs.h"
#include "editor.h"
#include "form_undo.h"
#include "form_rows.h"
#include "form_view.h"
#include "input.h"
#include "model/check.h"
#include "model/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void place_of(const fview *v, const vrow *r, pia_place *pl)
{
    const char *group = r->node->repeat_group ? r->node->repeat_group->id : NULL;
    pia_ids_place(v->ids, r->afile, group, r->inst, pl);
}

static int same_answer(const pia_value *shown, const pia_value *now)
{
    const char *sv = shown ? shown->value : "", *sd = shown ? shown->detail : "";
    return strcmp(sv, now->value ? now->value : "") == 0 && strcmp(sd, now->detail ? now->detail : "") == 0;
}

/* Store value/detail where r is, if the answer there is still the one shown. */
static int set_value(fview *v, const vrow *r, const char *value, const char *detail)
{
    pia_place pl;
    place_of(v, r, &pl);
    pia_value now;
    pia_err err = { 0 };
    int rc = pia_store_get_at(v->a->st, v->id, &pl, r->node->id, &now, &err);
    if (!rc && !same_answer(tui_fv_value_of(v, r), &now))
        rc = pia_fail(&err, PIA_ECONFLICT, "この項目はほかの人（%s）が変更していたため、変更していません。"
                      "表示を最新にしました", now.updated_by ? now.updated_by : "?");
    if (!rc)
        rc = pia_store_set_at(v->a->st, v->id, &pl, r->node->id, value, detail, now.rev, NULL, &err);
    if (!rc)        /* u / Ctrl-Z takes it back (form_undo.c) */
        tui_fv_undo_answer(v, r->node, &pl, now.value, now.detail, value, detail);
    free(now.value);
    free(now.detail);
    free(now.updated);
    free(now.updated_by);
    if (rc) {
        tui_status(v->a, err.code == PIA_ECONFLICT || err.code == PIA_EGONE ? "%s" : "保存できません: %s", err.msg);
        tui_fv_reload(v);
        return rc;
    }
    tui_mark_saved(v->a);
    tui_fv_answer_saved(v, r);
    return 0;
}

void tui_fv_toggle(fview *v)
{
    vrow r = v->rows[v->cur];
    if (r.node->kind != PIA_CHECK || v->a->readonly)
        return;
    const pia_value *val = tui_fv_value_of(v, &r);
    char *detail = pia_xstrdup(val ? val->detail : "");
    set_value(v, &r, pia_value_checked(val) ? "0" : "1", detail);
    free(detail);
}

static void pick(fview *v, const vrow *r)
{
    const pia_node *n = r->node;
    const char *items[PIA_MAX_CHOICES + 1];
    int k = 0;
    for (; k < n->nchoices && k < PIA_MAX_CHOICES; k++)   /* template_parse.c enforces it */
        items[k] = n->choices[k];
    items[k++] = "（選択を外す）";
    const pia_value *val = tui_fv_value_of(v, r);
    char *h = pia_node_heading(n);
    int c = tui_menu(v->a, h, items, k, val ? pia_node_choice_index(n, val->value) : 0);
    free(h);
    if (c < 0)
        return;
    char *detail = pia_xstrdup(val ? val->detail : "");
    set_value(v, r, c == k - 1 ? "" : n->choices[c], detail);
    free(detail);
}

void tui_fv_detail(fview *v)
{
    vrow r = v->rows[v->cur];
    const pia_node *n = r.node;
    if (v->a->readonly)
        return;
    if (!n->detail) {
        tui_status(v->a, "この項目には（ ）内の記載がありません");
        return;
    }
    const pia_value *val = tui_fv_value_of(v, &r);
    char buf[1024];
    char *q = pia_xasprintf("（ ）内の記載%s%s", *n->detail ? ": " : "", n->detail);
    if (tui_prompt(v->a, q, val ? val->detail : "", buf, sizeof buf) == 0) {
        char *value = pia_xstrdup(val ? val->value : (n->kind == PIA_CHECK ? "1" : ""));
        set_value(v, &r, value, buf);
        free(value);
    }
    free(q);
}

static int is_text(const vrow *r)
{
    return r->node->kind == PIA_TEXT && !r->node->autofill;
}

/* The editor on the current row, at its place; external: $EDITOR at once. */
static void edit(fview *v, int external, const tui_event *paste)
{
    vrow r = v->rows[v->cur];
    pia_place pl;
    place_of(v, &r, &pl);
    char *where = pia_location(r.node->parent ? r.node->parent : r.node, r.file, r.inst);
    tui_edit_text(v->a, v->id, r.node, &pl, where, external, paste);
    free(where);
    tui_fv_answer_saved(v, &r);
}

void tui_fv_open_row(fview *v)
{
    vrow r = v->rows[v->cur];
    const pia_node *n = r.node;
    if (v->a->readonly && pia_node_is_field(n)) {
        tui_status(v->a, "読み取り専用で開いています");
        return;
    }
    if (n->kind == PIA_CHECK)
        tui_fv_toggle(v);
    else if (n->kind == PIA_CHOICE)
        pick(v, &r);
    else if (is_text(&r))
        edit(v, 0, NULL);
}

void tui_fv_external(fview *v)
{
    if (v->a->readonly)
        return;
    if (!is_text(&v->rows[v->cur]))
        return tui_status(v->a, "記述式の項目の上で押してください");
    edit(v, 1, NULL);
}

/* A paste is text: into the editor of the text item it landed on, added
 * at the end; anywhere else it is refused, its characters never run as
 * keys. */
void tui_fv_paste(fview *v, const tui_event *ev)
{
    vrow r = v->rows[v->cur];
    if (v->a->readonly)
        return tui_status(v->a, "読み取り専用のため貼り付けられません（何も変更していません）");
    if (!is_text(&r))
        return tui_status(v->a, "ここには貼り付けられません。記述式の項目で貼り付けてください（変更なし）");
    if (ev->too_long)
        return tui_status(v->a, "貼り付けが長すぎます（%d 文字まで）。何も貼り付けていません", TUI_PASTE_MAX);
    edit(v, 0, ev);
}

/* An answer found elsewhere (copy_view.c): a text goes into the editor,
 * after what is there, to be read and saved there; a choice or a box is
 * set as it was. */
void tui_fv_take(fview *v, const char *value, const char *detail)
{
    vrow r = v->rows[v->cur];
    if (!is_text(&r)) {
        set_value(v, &r, value, detail);
        return;
    }
    size_t n = mbstowcs(NULL, value, 0);
    if (n == (size_t)-1)
        return tui_status(v->a, "この文字列は取り込めません（文字コード）");
    tui_event ev = { .type = TUI_EV_PASTE, .npaste = (int)n };
    ev.paste = pia_xcalloc(n + 1, sizeof *ev.paste);
    mbstowcs(ev.paste, value, n + 1);
    edit(v, 0, &ev);
    free(ev.paste);
}

/* ---- files and instances ------------------------------------------------ */

typedef struct row_op {
    fview *v;
    pia_place place;   /* the file (and instance) the person chose, by row id */
    int op;
    const char *name;
    int *pos;
    pia_err *err;
} row_op;

enum { OP_RENAME, OP_UP, OP_DOWN, OP_REMOVE, OP_INST_REMOVE };

/* Inside one transaction: the chosen rows still stand where the view
 * showed them, then the change. */
static int row_op_run(pia_store *st, void *ctx)
{
    row_op *o = ctx;
    fview *v = o->v;
    int fpos, ipos;
    if (pia_store_place_where(st, v->id, &o->place, &fpos, &ipos, o->err))
        return -1;
    const vrow *r = &v->rows[v->cur];
    if (fpos != (o->op == OP_INST_REMOVE ? r->afile : v->file) || (o->op == OP_INST_REMOVE && ipos != r->inst))
        return pia_fail(o->err, PIA_ECONFLICT, "ほかの人がファイルや行の並びを変えていたため、変更していません。表示を最新にしました");
    switch (o->op) {
    case OP_RENAME: return pia_store_file_rename(st, v->id, fpos, o->name, o->err);
    case OP_UP: return pia_store_file_move(st, v->id, fpos, fpos - 1, o->err);
    case OP_DOWN: return pia_store_file_move(st, v->id, fpos, fpos + 1, o->err);
    case OP_REMOVE: return pia_store_file_remove(st, v->id, fpos, o->err);
    default: return pia_store_inst_remove(st, v->id, fpos, o->place.group, ipos, o->err);
    }
}

static int file_op(fview *v, int op, const char *name, pia_err *err)
{
    row_op o = { v, { 0 }, op, name, NULL, err };
    pia_ids_place(v->ids, v->file, NULL, 0, &o.place);
    return pia_store_tx(v->a->st, row_op_run, &o, err);
}

/* Each choice of the file menu ends with a line in the status bar saying
 * what was done, or why nothing was (no file yet, already first or last,
 * cancelled): a menu that closes without a word leaves the person
 * guessing whether the change was made.  What was done comes first and the
 * file's name last, where a long name is cut at the screen's edge. */
static int file_add(fview *v, pia_err *err)
{
    char buf[512];
    if (tui_prompt(v->a, "追加するファイルの名前", "", buf, sizeof buf))
        return tui_status(v->a, "ファイルの追加をやめました（変更なし）"), 0;
    if (!*buf)
        return tui_status(v->a, "名前が空のため、ファイルを追加していません"), 0;
    int pos;
    if (pia_store_file_add(v->a->st, v->id, buf, &pos, err))
        return -1;
    v->file = pos;
    tui_status(v->a, "ファイル(%d) を追加しました: 「%s」", pos, buf);
    return 1;
}

static int file_rename(fview *v, const char *old, pia_err *err)
{
    char buf[512];
    if (tui_prompt(v->a, "新しい名前", old, buf, sizeof buf))
        return tui_status(v->a, "名前の変更をやめました（変更なし）"), 0;
    if (!*buf)
        return tui_status(v->a, "名前が空のため、変更していません"), 0;
    if (strcmp(buf, old) == 0)
        return tui_status(v->a, "名前は同じです（変更なし）"), 0;
    if (file_op(v, OP_RENAME, buf, err))
        return -1;
    tui_status(v->a, "ファイル(%d) の名前を変更しました: 「%s」", v->file, buf);
    return 1;
}

static int file_move(fview *v, int up, const char *name, int nf, pia_err *err)
{
    if (up && v->file <= 1)
        return tui_status(v->a, "ファイル(%d) は最初のファイルです。上へは移動できません（変更なし）: 「%s」", v->file, name), 0;
    if (!up && v->file >= nf)
        return tui_status(v->a, "ファイル(%d) は最後のファイルです。下へは移動できません（変更なし）: 「%s」", v->file, name), 0;
    if (file_op(v, up ? OP_UP : OP_DOWN, NULL, err))
        return -1;
    v->file += up ? -1 : 1;
    tui_status(v->a, "%sへ移動しました（ファイル %d/%d）: 「%s」", up ? "上" : "下", v->file, nf, name);
    return 1;
}

static int file_remove(fview *v, const char *name, pia_err *err)
{
    pia_removal r = { 0 };
    pia_store_removal(v->a->st, v->id, v->file, NULL, 0, &r, err);
    char *q = pia_xasprintf("「%s」とその Ⅱ・Ⅲ の回答 %d 件を全て削除します。よろしいですか？", name, r.answers);
    pia_removal_clear(&r);
    int yes = tui_confirm(v->a, q);
    free(q);
    if (!yes)
        return tui_status(v->a, "削除をやめました（変更なし）"), 0;
    int was = v->file;
    if (file_op(v, OP_REMOVE, NULL, err))
        return -1;
    tui_status(v->a, "ファイル(%d) を削除しました: 「%s」", was, name);
    return 1;
}

/* op: the index in the menu's list of operations; nf files exist. */
static void file_menu_op(fview *v, int op, int nf)
{
    if (v->a->readonly)
        return tui_status(v->a, "読み取り専用で開いています（ファイルは変更していません）");
    if (op != 0 && nf == 0)
        return tui_status(v->a, "特定個人情報ファイルがまだありません。先に「＋ ファイルを追加」で追加してください");
    if (op == 5)
        return tui_fv_copy_files(v);
    pia_err err = { 0 };
    char *name = op ? pia_xstrdup(v->doc->files[v->file - 1].name) : NULL;
    int rc = op == 0 ? file_add(v, &err)
           : op == 1 ? file_rename(v, name, &err)
           : op == 2 || op == 3 ? file_move(v, op == 2, name, nf, &err)
           : file_remove(v, name, &err);
    free(name);
    if (rc < 0)
        tui_status(v->a, "%s", err.msg);
    else if (rc > 0)
        tui_mark_saved(v->a);
    tui_fv_reload(v);
}

void tui_fv_file_menu(fview *v)
{
    const char *items[PIA_MAX_FILES + 5];
    char *owned[PIA_MAX_FILES + 5];
    int n = 0;
    for (int i = 0; i < v->doc->nfiles && n < PIA_MAX_FILES; i++)   /* the store enforces it */
        items[n] = owned[n] = pia_xasprintf("%s%s", i + 1 == v->file ? "▶ " : "", v->doc->files[i].name), n++;
    int nf = n;
    const char *ops[] = { "＋ ファイルを追加", "名前を変更", "上へ移動", "下へ移動", "削除",
                          "ほかのファイルから Ⅱ・別添2・Ⅲ の回答をコピー" };
    for (int i = 0; i < 6; i++)
        items[n] = ops[i], owned[n] = NULL, n++;
    int c = tui_menu(v->a, "特定個人情報ファイル（Ⅱ・Ⅲ はファイルごと）", items, n, v->file - 1);
    for (int i = 0; i < nf; i++)
        free(owned[i]);
    if (c < 0)
        return;
    if (c < nf) {
        v->file = c + 1;
        v->cur = 0;
        tui_fv_reload(v);
        return;
    }
    file_menu_op(v, c - nf, nf);
}

static const pia_node *repeat_of(const vrow *r)
{
    return r->node->repeat ? r->node : r->node->repeat_group;
}

void tui_fv_inst_add(fview *v)
{
    vrow r = v->rows[v->cur];
    const pia_node *g = repeat_of(&r);
    if (v->a->readonly)
        return tui_status(v->a, "読み取り専用で開いています（追加していません）");
    if (!g)
        return tui_status(v->a, "繰り返し項目（システム・委託事項・提供先など）の上で押してください");
    pia_err err = { 0 };
    int afile = pia_walk_answer_file(g, r.file), pos = 0;
    pia_place pl;
    pia_ids_place(v->ids, afile, NULL, 0, &pl);
    int fpos = 0, ipos;
    if (afile && (pia_store_place_where(v->a->st, v->id, &pl, &fpos, &ipos, &err) || fpos != afile)) {
        tui_status(v->a, "%s", fpos != afile && !err.msg[0]
                   ? "ほかの人がファイルの並びを変えていたため、追加していません。表示を最新にしました" : err.msg);
        tui_fv_reload(v);
        return;
    }
    /* An empty group is shown as one blank instance: adding makes that one
     * real and a second beside it. */
    if (pia_doc_instances(v->doc, afile, g->id) == 0)
        pia_store_inst_add(v->a->st, v->id, afile, g->id, &pos, &err);
    if (pia_store_inst_add(v->a->st, v->id, afile, g->id, &pos, &err))
        return tui_status(v->a, "%s", err.msg);
    tui_mark_saved(v->a);
    tui_fv_reload(v);
    tui_fv_undo_inst_add(v, g, afile, pos);
    int row = tui_fv_find_row(v, g, pos);
    if (row >= 0)
        v->cur = row;
    char *h = pia_node_heading(g);
    tui_status(v->a, "%s%d を追加しました（u で取り消し）", h, pos);
    free(h);
}

void tui_fv_inst_del(fview *v)
{
    vrow r = v->rows[v->cur];
    const pia_node *g = repeat_of(&r);
    if (v->a->readonly)
        return;
    if (!g)
        return tui_status(v->a, "繰り返し項目の上で押してください");
    int afile = pia_walk_answer_file(g, r.file);
    if (r.inst > pia_doc_instances(v->doc, afile, g->id))
        return tui_status(v->a, "まだ何も記入されていません");
    pia_removal lost = { 0 };
    pia_store_removal(v->a->st, v->id, afile, g->id, r.inst, &lost, NULL);
    char *q = pia_xasprintf("%s%d とその回答 %d 件を削除します。よろしいですか？", g->label, r.inst, lost.answers);
    pia_removal_clear(&lost);
    if (tui_confirm(v->a, q)) {
        pia_err err = { 0 };
        row_op o = { v, { 0 }, OP_INST_REMOVE, NULL, NULL, &err };
        pia_ids_place(v->ids, afile, g->id, r.inst, &o.place);
        tui_fv_undo_inst_del(v, g, afile, r.inst);
        if (pia_store_tx(v->a->st, row_op_run, &o, &err)) {
            tui_status(v->a, "%s", err.msg);
            tui_fv_undo_drop(v);
        } else {
            tui_mark_saved(v->a);
        }
        tui_fv_reload(v);
    }
    free(q);
}
