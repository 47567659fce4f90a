/*
 * copy_view.c — reuse from the form view: copy Ⅱ・別添2・Ⅲ (or one of them)
 * from another 特定個人情報ファイル into the one shown (the file menu), and
 * the same item's answers in other files, assessments and versions (A),
 * the chosen one taken into the editor.  What a copy would overwrite is
 * shown first and kept unless the person says otherwise (model/copy.h).
 */
#include "copy_view.h"
#include "dialogs.h"
#include "form_edit.h"
#include "form_view.h"
#include "input.h"
#include "model/copy.h"
#include "model/format.h"
#include "model/others.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define MAX_OTHERS 60

static int choose_source_file(fview *v)
{
    const char *items[72];
    char *owned[72];
    int map[72], n = 0;
    for (int i = 0; i < v->doc->nfiles && n < 70; i++) {
        if (i + 1 == v->file)
            continue;
        map[n] = i + 1;
        items[n] = owned[n] = pia_xasprintf("(%d) %s", i + 1, v->doc->files[i].name);
        n++;
    }
    /* The question first: a long file name at its end is what the box cuts. */
    char *title = pia_xasprintf("コピー元のファイル（コピー先: ファイル(%d) %s）", v->file,
                                v->doc->files[v->file - 1].name);
    int c = tui_menu(v->a, title, items, n, 0);
    free(title);
    for (int i = 0; i < n; i++)
        free(owned[i]);
    return c < 0 ? -1 : map[c];
}

/* The per-file sections by printed number (Ⅱ, 別添2, Ⅲ); 0 = all of them. */
static int choose_scope(fview *v, const char **scope)
{
    const char *items[16] = { "Ⅱ・別添2・Ⅲ（ファイルごとの項目すべて）" };
    const char *keys[16] = { NULL };
    char *owned[16] = { NULL };
    int n = 1;
    for (int i = 0; i < v->form->nsections && n < 16; i++) {
        const pia_node *s = v->form->sections[i];
        if (!s->per_file)
            continue;
        keys[n] = s->number ? s->number : s->id;
        items[n] = owned[n] = pia_xasprintf("%s%s%s", s->number ? s->number : "", s->number ? " " : "", s->label);
        n++;
    }
    int c = tui_menu(v->a, "コピーする範囲", items, n, 0);
    for (int i = 0; i < n; i++)
        free(owned[i]);
    if (c < 0)
        return -1;
    *scope = keys[c];
    return 0;
}

/* The answered items a copy would overwrite, listed (nothing chosen). */
static void show_skipped(fview *v, const pia_copy_plan *p)
{
    const char **items = pia_xcalloc((size_t)p->nskip, sizeof *items);
    int k = 0;
    for (int i = 0; i < p->n && k < p->nskip; i++)
        if (p->item[i].what == PIA_COPY_SKIP)
            items[k++] = p->item[i].where;
    tui_menu(v->a, "回答済みで、コピー元と違う項目", items, k, 0);
    free(items);
}

/* Shown first: how many answers are new and how many are already
 * answered otherwise; those stay unless the person says so. */
static int ask_overwrite(fview *v, const pia_copy_plan *p)
{
    char *a = pia_xasprintf("コピーする（回答済みの %d 項目はそのまま）", p->nskip);
    char *b = pia_xasprintf("回答済みの %d 項目も上書きしてコピーする", p->nskip);
    const char *items[] = { a, "やめる", b, "回答済みの項目を見る" };
    char *title = pia_xasprintf("新しく入る回答 %d 項目、回答済みで違う回答 %d 項目", p->ncopy, p->nskip);
    int c;
    while ((c = tui_menu(v->a, title, items, p->nskip ? 4 : 2, 0)) == 3)
        show_skipped(v, p);
    free(title);
    free(a);
    free(b);
    return c < 0 || c == 1 ? -1 : c == 2;
}

void tui_fv_copy_files(fview *v)
{
    if (v->a->readonly)
        return tui_status(v->a, "読み取り専用で開いています");
    if (v->doc->nfiles < 2)
        return tui_status(v->a, "コピー元になる別の特定個人情報ファイルがありません（f で追加）");
    int from = choose_source_file(v);
    const char *scope = NULL;
    if (from < 0 || choose_scope(v, &scope) < 0)
        return;
    /* The plan is made on the answers as they are now, of both files: the
     * view holds the shown file's alone. */
    pia_doc *whole = tui_fv_load_whole(v);
    if (!whole)
        return;
    pia_copy_opts o = { .from_file = from, .to_file = v->file, .items = &scope, .nitems = scope ? 1 : 0 };
    pia_copy_plan *p;
    pia_err err = { 0 };
    if (pia_copy_plan_make(v->form, whole, whole, &o, &p, &err)) {
        pia_doc_free(whole);
        return tui_status(v->a, "%s", err.msg);
    }
    int answer = ask_overwrite(v, p);
    if (answer == 1) {
        pia_copy_plan_free(p);
        o.overwrite = 1;
        if (pia_copy_plan_make(v->form, whole, whole, &o, &p, &err)) {
            pia_doc_free(whole);
            return tui_status(v->a, "%s", err.msg);
        }
    }
    if (answer >= 0) {
        char *source = pia_xasprintf("評価書%ld ファイル(%d)%s", v->id, from, v->doc->files[from - 1].name);
        if (pia_copy_apply(v->a->st, v->id, p, source, &err))
            tui_status(v->a, "コピーできません: %s", err.msg);
        else {
            tui_mark_saved(v->a);
            tui_status(v->a, "%d 項目をコピーしました（回答済みでそのままの項目 %d）", p->ncopy,
                       answer == 1 ? 0 : p->nskip);
        }
        free(source);
    }
    pia_copy_plan_free(p);
    pia_doc_free(whole);      /* the plan borrows its answers */
    tui_fv_reload(v);
}

void tui_fv_other_answers(fview *v)
{
    vrow r = v->rows[v->cur];
    if (!pia_node_is_field(r.node) || r.node->autofill)
        return tui_status(v->a, "回答欄の上で押してください");
    pia_other *o;
    int n;
    pia_err err = { 0 };
    if (pia_others_find(v->a->st, v->form, v->id, r.afile, r.inst, r.node, MAX_OTHERS, &o, &n, &err))
        return tui_status(v->a, "%s", err.msg);
    if (n == 0) {
        pia_others_free(o, n);
        return tui_status(v->a, "この項目の回答はほかのファイル・評価書・版にありません");
    }
    const char **items = pia_xcalloc((size_t)n, sizeof *items);
    for (int i = 0; i < n; i++) {
        const char *shown = r.node->kind != PIA_CHECK ? o[i].value
                          : strcmp(o[i].value, "1") == 0 ? "○" : "（チェックなし）";
        char *val = pia_text_abbrev(shown, 24);
        char more[32] = "";
        if (o[i].more)
            snprintf(more, sizeof more, "（ほか %d か所）", o[i].more);
        items[i] = pia_xasprintf("%s%s%s%s ― %s%s", val, *o[i].detail ? "（" : "", o[i].detail,
                                 *o[i].detail ? "）" : "", o[i].source, more);
        free(val);
    }
    char *h = pia_node_heading(r.node);
    char *title = pia_xasprintf("他の回答（Enter で取り込む）: %s", h);
    int c = tui_menu(v->a, title, items, n, 0);
    free(title);
    free(h);
    for (int i = 0; i < n; i++)
        free((char *)items[i]);
    free(items);
    if (c >= 0) {
        if (v->a->readonly)
            tui_status(v->a, "読み取り専用で開いています");
        else
            tui_fv_take(v, o[c].value, o[c].detail);
    }
    pia_others_free(o, n);
}
