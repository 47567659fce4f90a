/*
 * form_view.c — one assessment, item by item: the view's state (the rows
 * of the form as printed, model/walk.c, for the 特定個人情報ファイル chosen
 * with `f`; their counts; the cursor), its ops for the view loop (view.c)
 * and its commands.
 *
 * Each field shows its answer beside its label, a label too long for its
 * column wrapping onto up to three lines; unanswered ones are marked, parts
 * switched off by their check box are dimmed and marked 該当なし, and a
 * detail pane under the list shows the current row whole (drawn by
 * form_rows.c); `i` shows the guidance whole.  Every change goes straight
 * to the store and the view reloads from it, so what is shown is what is
 * saved.
 */
#include "form_view.h"
#include "check_view.h"
#include "compare_view.h"
#include "copy_view.h"
#include "dialogs.h"
#include "draw.h"
#include "export_view.h"
#include "form_edit.h"
#include "form_rows.h"
#include "form_undo.h"
#include "history_view.h"
#include "import_view.h"
#include "input.h"
#include "keymap.h"
#include "search.h"
#include "view.h"
#include "width.h"
#include "export/export.h"
#include "model/check.h"
#include "model/review.h"
#include "model/title.h"
#include "model/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One walk gives the rows and the sections' counts (walk.h: counted). */
static int collect(const pia_row *row, void *ctx)
{
    fview *v = ctx;
    if (row->file != 0 && row->file != v->file)
        return 0;
    if (!row->node->parent)
        v->walk_sec = tui_fv_section_index(v, row->node);
    if (row->counted && v->walk_sec < PIA_MAX_SECTIONS) {
        v->sec_total[v->walk_sec]++;
        v->sec_answered[v->walk_sec] += row->state == PIA_STATE_ANSWERED;
    }
    if (v->nrows == v->cap)
        v->rows = pia_xrealloc(v->rows, (size_t)(v->cap = v->cap ? v->cap * 2 : 512) * sizeof *v->rows);
    v->rows[v->nrows++] = (vrow){ row->node, row->file, row->afile, row->inst, row->ninst, row->na,
                                  row->na_head, row->state };
    return 0;
}

typedef struct load_ctx {
    fview *v;
    pia_doc *doc;
    pia_ids *ids;
    pia_err err;
} load_ctx;

/* What the view shows — the items answered once and the file v->file,
 * not the other files' answers (an assessment with hundreds of 提供先 in
 * each file opens in the time of one) — and the row ids of what they
 * belong to, from one snapshot, so what the view shows can be turned into
 * places (form_edit.c).  A frozen version is read whole. */
static int load_both(pia_store *st, void *ctx)
{
    load_ctx *c = ctx;
    if (!c->v->version)
        return pia_store_load_file(st, c->v->id, c->v->file, &c->doc, &c->ids, &c->err);
    int rc = pia_version_load(st, c->v->id, c->v->version, &c->doc, &c->err);
    if (!rc && (rc = pia_store_ids(st, c->v->id, &c->ids, &c->err))) {
        pia_doc_free(c->doc);
        c->doc = NULL;
    }
    if (!rc)        /* walked (and counted) for the file shown, as a draft is */
        c->doc->loaded_file = c->v->file > c->doc->nfiles && c->doc->nfiles ? c->doc->nfiles : c->v->file;
    return rc;
}

/* Check, export and copy need every file: the whole assessment (or the
 * version shown), read apart from the view's partial doc.  NULL when it
 * cannot be read, said on the status line. */
pia_doc *tui_fv_load_whole(fview *v)
{
    pia_doc *doc = NULL;
    pia_err err = { 0 };
    if (v->version ? pia_version_load(v->a->st, v->id, v->version, &doc, &err)
                   : pia_store_load(v->a->st, v->id, &doc, &err)) {
        tui_status(v->a, "%s", err.msg);
        return NULL;
    }
    return doc;
}

/* The rows and counts of v->doc, the cursor kept on the row it was on:
 * a walk in memory, no database. */
static void relayout(fview *v)
{
    const pia_node *keep = v->nrows ? v->rows[v->cur].node : NULL;
    int keep_inst = v->nrows ? v->rows[v->cur].inst : 0;
    pia_doc *doc = v->doc;
    if (doc->loaded_file)
        v->file = doc->loaded_file;     /* a file asked for past the last: the last */
    else if (v->file > (doc->nfiles ? doc->nfiles : 1))
        v->file = doc->nfiles ? doc->nfiles : 1;
    v->nrows = 0;
    memset(v->sec_answered, 0, sizeof v->sec_answered);
    memset(v->sec_total, 0, sizeof v->sec_total);
    v->walk_sec = 0;
    pia_walk(v->form, doc, collect, v);
    /* template_parse.c keeps nsections within PIA_MAX_SECTIONS, so the
     * sections' counts add up to the whole's. */
    v->answered = v->total = 0;
    for (int s = 0; s < v->form->nsections; s++)
        v->answered += v->sec_answered[s], v->total += v->sec_total[s];
    if (v->cur >= v->nrows)
        v->cur = v->nrows - 1;
    for (int i = 0; keep && i < v->nrows; i++)
        if (v->rows[i].node == keep && v->rows[i].inst == keep_inst)
            v->cur = i;
}

/* Take a doc and its ids read in one snapshot. */
static void take(fview *v, pia_doc *doc, pia_ids *ids)
{
    pia_err err = { 0 };
    pia_ids_free(v->ids);
    v->ids = ids;
    pia_review_free(v->review);
    v->review = NULL;
    /* An older database without review tables loads as no comments; a
     * failure (locked, damaged) is said, and the form opens without them. */
    if (pia_review_load(v->a->st, v->id, &v->review, &err))
        tui_status(v->a, "%s", err.msg);
    pia_doc_free(v->doc);
    v->doc = doc;
    relayout(v);
}

int tui_fv_reload(fview *v)
{
    load_ctx c = { v, NULL, NULL, { 0 } };
    if (pia_store_snapshot(v->a->st, load_both, &c, &c.err)) {
        tui_status(v->a, "%s", c.err.msg);
        return -1;
    }
    take(v, c.doc, c.ids);
    return 0;
}

/* A key changes one answer; reading the whole assessment back and walking
 * it would make every such key grow with the assessment (hundreds of
 * 提供先).  So the doc takes the one answer as the store now holds it
 * (what is shown is still what is saved), and its rows and counts change
 * in place.  A box that switches parts off is walked again, in memory.  A
 * save that created its instance, or a place gone meanwhile, reloads; so
 * does the 表紙's title or organisation, which the header shows from the
 * assessment's row (model/title.h). */
void tui_fv_answer_saved(fview *v, const vrow *r)
{
    const pia_node *n = r->node;
    const char *group = n->repeat_group ? n->repeat_group->id : NULL;
    pia_place pl;
    pia_ids_place(v->ids, r->afile, group, r->inst, &pl);
    pia_value now = { 0 };
    pia_err err = { 0 };
    int heads = strcmp(n->id, PIA_TITLE_ITEM) == 0 || strcmp(n->id, PIA_ORG_ITEM) == 0;
    if (v->version || heads || r->afile > v->doc->nfiles || (group && pl.inst == 0) || (r->afile && pl.file == 0) ||
        pia_store_get_at(v->a->st, v->id, &pl, n->id, &now, &err)) {
        tui_fv_reload(v);
        return;
    }
    pia_state was = pia_walk_state(n, tui_fv_value_of(v, r), 0);
    pia_doc_set_full(v->doc, r->afile, r->inst, n->id, &now);
    free(now.value);
    free(now.detail);
    free(now.updated);
    free(now.updated_by);
    if (n->kind == PIA_CHECK && n->ndisables > 0)
        return relayout(v);
    const pia_value *val = tui_fv_value_of(v, r);
    for (int i = 0; i < v->nrows; i++)
        if (v->rows[i].node == n && v->rows[i].inst == r->inst && v->rows[i].afile == r->afile)
            v->rows[i].state = pia_walk_state(n, val, v->rows[i].na);
    if (r->na || n->kind == PIA_CHECK || n->autofill)
        return;                 /* not counted towards completion */
    int d = (pia_walk_state(n, val, 0) == PIA_STATE_ANSWERED) - (was == PIA_STATE_ANSWERED);
    int s = tui_fv_section_index(v, n);
    if (s < PIA_MAX_SECTIONS)
        v->sec_answered[s] += d;
    v->answered += d;
}

static void draw(fview *v)
{
    erase();
    int answered = v->answered, total = v->total;
    /* The file being edited matters more than the assessment's title (the
     * list shows that): the title is cut first, then the file's name. */
    char *file = v->doc->nfiles
        ? pia_xasprintf(" ／ ファイル %d/%d: %s", v->file, v->doc->nfiles, v->doc->files[v->file - 1].name)
        : pia_xstrdup(" ／ 特定個人情報ファイル未登録（f で追加）");
    int len, room = getmaxx(stdscr) - 2 - 16 - (v->version ? 24 : 0);   /* 16: 回答 n/m */
    wchar_t *wf = tui_utf8_to_wcs(file, &len);
    room -= tui_wcswidth(wf, len);
    free(wf);
    char *cut = tui_cut(v->doc->title, room > 12 ? room : 12);
    char *title = pia_xasprintf("%s%s", cut, file);
    free(cut);
    free(file);
    if (v->version) {
        char *t = pia_xasprintf("［版 %d・読み取り専用］ %s", v->version, title);
        free(title);
        title = t;
    }
    /* The count is what a long title or file name used to push off the
     * line (回答 2/211 read as 2/2): the title is cut instead. */
    char count[48];
    snprintf(count, sizeof count, " ／ 回答 %d/%d", answered, total);
    tui_hline_head_tail(stdscr, 0, title, count, PAIR_TITLE);
    free(title);
    int cur_y = tui_fv_draw_rows(v);
    /* Help and leaving first: at 80 columns, with the last save shown,
     * the line keeps 55 columns and the rest is cut. */
    tui_draw_status(v->a, "?:ヘルプ q:戻る Enter:編集 Space:切替 i:説明 n:次の未回答 f:ファイル +/-:追加削除 c:確認 x:出力");
    move(cur_y, 0);
    refresh();
}

int tui_fv_find_row(fview *v, const pia_node *n, int inst)
{
    for (int i = 0; i < v->nrows; i++)
        if (v->rows[i].node == n && (inst == 0 || v->rows[i].inst == inst))
            return i;
    return -1;
}

static void next_open(fview *v)
{
    for (int pass = 0; pass <= (v->doc->nfiles > 1 ? v->doc->nfiles : 1); pass++) {
        int from = pass == 0 ? v->cur + 1 : 0;
        for (int i = from; i < v->nrows; i++) {
            if (v->rows[i].state == PIA_STATE_OPEN) {
                v->cur = i;
                return;
            }
        }
        if (v->doc->nfiles <= 1)
            break;
        v->file = v->file % v->doc->nfiles + 1;     /* go on in the next file */
        v->cur = 0;
        tui_fv_reload(v);
    }
    tui_status(v->a, "未回答の項目はありません");
}

static void jump_section(fview *v, int dir)
{
    for (int i = v->cur + dir; i >= 0 && i < v->nrows; i += dir)
        if (v->rows[i].node->depth == 0) {
            v->cur = i;
            return;
        }
}

static void outline(fview *v)
{
    const char *items[PIA_MAX_SECTIONS];
    char *owned[PIA_MAX_SECTIONS];
    int n = 0;
    for (int s = 0; s < v->form->nsections && s < PIA_MAX_SECTIONS; s++) {
        char *h = pia_node_heading(v->form->sections[s]);
        owned[n] = pia_xasprintf("%s  （%d/%d）", h, v->sec_answered[s], v->sec_total[s]);
        items[n] = owned[n];
        n++;
        free(h);
    }
    /* The counts are of what the view holds: with several files, the one shown. */
    const char *title = v->doc->nfiles > 1 ? "目次（回答数/項目数）― 表示中のファイルの分" : "目次（回答数/項目数）";
    int c = tui_menu(v->a, title, items, n, tui_fv_section_index(v, v->rows[v->cur].node));
    for (int i = 0; i < n; i++)
        free(owned[i]);
    if (c >= 0) {
        int row = tui_fv_find_row(v, v->form->sections[c], 0);
        if (row >= 0)
            v->cur = row;
    }
}

/* `i`: the current row's number, label and guidance, whole. */
static void item_info(fview *v)
{
    const vrow *r = &v->rows[v->cur];
    char *head = tui_fv_full_heading(r);
    char *text = pia_xasprintf("%s\n\n%s", head,
                               r->node->help ? r->node->help : "（この項目にはヘルプがありません）");
    tui_message(v->a, "項目の説明（i）", text);
    free(text);
    free(head);
}

static void export_to(fview *v)
{
    pia_doc *whole = tui_fv_load_whole(v);
    if (whole)
        tui_export(v->a, v->form, whole);
    pia_doc_free(whole);
}

/* Show the item a list (check view, import notes, search) led to. */
void tui_fv_go_to(fview *v, const pia_node *node, int file, int inst)
{
    if (file > 0 && file != v->file) {
        v->file = file;
        tui_fv_reload(v);
    }
    int row = tui_fv_find_row(v, node, inst);
    if (row >= 0)
        v->cur = row;
}

/* L on a heading: the whole assessment's trail, grouped (history_all.c). */
static void show_log(fview *v)
{
    const pia_node *node;
    int file, inst;
    if (tui_fv_history_all(v, &node, &file, &inst) == 0)
        tui_fv_go_to(v, node, file, inst);
}

static void check(fview *v)
{
    const pia_node *node;
    int file, inst;
    pia_doc *whole = tui_fv_load_whole(v);
    if (!whole)
        return;
    int rc = tui_check_view(v->a, v->form, whole, &node, &file, &inst);
    pia_doc_free(whole);
    if (rc == 0)
        tui_fv_go_to(v, node, file, inst);
}

static void import_notes(fview *v)
{
    const pia_node *node;
    int file, inst;
    if (tui_import_notes(v->a, v->id, v->form, &node, &file, &inst) == 0)
        tui_fv_go_to(v, node, file, inst);
}

static void add_comment(fview *v)
{
    vrow r = v->rows[v->cur];
    char buf[2048];
    char *h = pia_node_heading(r.node);
    char *q = pia_xasprintf("確認コメント: %s", h);
    free(h);
    if (tui_prompt(v->a, q, "", buf, sizeof buf) == 0 && *buf) {
        pia_err err = { 0 };
        long cid;
        if (pia_comment_add(v->a->st, v->id, r.afile, r.inst, r.node->id, buf, &cid, &err))
            tui_status(v->a, "%s", err.msg);
        else
            tui_status(v->a, "コメントを付けました（R で一覧）");
        tui_fv_reload(v);
    }
    free(q);
}

static void review_view(fview *v)
{
    if (!v->review || v->review->ncomments == 0)
        return tui_status(v->a, "確認コメントはありません（C で付けます）");
    int n = v->review->ncomments;
    const char **items = pia_xcalloc((size_t)n, sizeof *items);
    char **owned = pia_xcalloc((size_t)n, sizeof *owned);
    for (int i = 0; i < n; i++) {
        pia_comment *c = &v->review->comments[i];
        const pia_node *node = pia_form_find(v->form, c->item);
        char *where = node ? pia_location(node, c->file, c->inst) : pia_xstrdup("評価書全体");
        items[i] = owned[i] = pia_xasprintf("%s %s ― %s（%s）", c->resolved ? "［解決済］" : "［未解決］",
                                            where, c->text, c->author);
        free(where);
    }
    int c = tui_menu(v->a, "確認コメント（Enter で操作）", items, n, 0);
    for (int i = 0; i < n; i++)
        free(owned[i]);
    free(owned);
    free(items);
    if (c < 0)
        return;
    pia_comment *cm = &v->review->comments[c];
    long cid = cm->id;
    const char *ops[] = { "項目へ移動", cm->resolved ? "未解決に戻す" : "解決済みにする" };
    int op = tui_menu(v->a, "操作", ops, 2, 0);
    const pia_node *node = pia_form_find(v->form, cm->item);
    int file = cm->file, inst = cm->inst, resolved = cm->resolved;
    if (op == 0 && node) {
        tui_fv_go_to(v, node, file, inst);
    } else if (op == 1) {
        pia_err err = { 0 };
        if (pia_comment_resolve(v->a->st, v->id, cid, !resolved, &err))
            tui_status(v->a, "%s", err.msg);
        tui_fv_reload(v);
    }
}

static void section_state(fview *v)
{
    const pia_node *sec = v->rows[v->cur].node;
    while (sec->parent)
        sec = sec->parent;
    const char *items[4];
    for (int i = 0; i < 4; i++)
        items[i] = pia_review_state_label((pia_review_state)i);
    char *h = pia_node_heading(sec);
    char *t = pia_xasprintf("確認状態: %s", h);
    int c = tui_menu(v->a, t, items, 4, v->review ? (int)pia_review_state_of(v->review, sec->id) : 0);
    free(t);
    free(h);
    if (c < 0)
        return;
    pia_err err = { 0 };
    if (pia_review_set_state(v->a->st, v->id, sec->id, (pia_review_state)c, "", &err))
        tui_status(v->a, "%s", err.msg);
    tui_fv_reload(v);
}

/* The comparison of two versions (compare_view.c), then the item it led
 * to, on the side that has it: the draft, or a version read-only. */
static void compare(fview *v)
{
    tui_cmp_jump j;
    int writable = !(v->version ? v->was_readonly : v->a->readonly);
    if (tui_compare_versions(v->a, v->form, v->id, writable, &j)) {
        tui_fv_reload(v);
        return;
    }
    if (j.version && !v->version)
        v->was_readonly = v->a->readonly;
    v->a->readonly = j.version ? 1 : v->version ? v->was_readonly : v->a->readonly;
    v->version = j.version;
    v->cur = 0;
    tui_fv_reload(v);
    tui_fv_go_to(v, j.node, j.file, j.inst);
    if (j.version)
        tui_status(v->a, "版 %d を読み取り専用で表示しています（V で作業中に戻る）", j.version);
}

static void versions(fview *v)
{
    pia_version *vs = NULL;
    int n = 0;
    pia_err err = { 0 };
    if (pia_version_list(v->a->st, v->id, &vs, &n, &err))
        return tui_status(v->a, "%s", err.msg);
    const char **items = pia_xcalloc((size_t)n + 2, sizeof *items);
    char **owned = pia_xcalloc((size_t)n + 2, sizeof *owned);
    items[0] = v->version ? "作業中の評価書に戻る" : "＋ 現在の回答を版として保存する";
    for (int i = 0; i < n; i++) {
        char when[20];   /* local time, as the list and the comparison show it */
        tui_local_time(vs[i].created, when, sizeof when);
        items[i + 1] = owned[i + 1] = pia_xasprintf("版 %d「%s」 %s %s%s", vs[i].n, vs[i].label, when,
                                                    vs[i].created_by, vs[i].submitted ? " ［提出］" : "");
    }
    if (n)
        items[n + 1] = "⇔ 比較する（2つの版、または版と現在の回答）";
    int c = tui_menu(v->a, "版（選ぶと読み取り専用で開きます）", items, n ? n + 2 : 1, 0);
    int chosen = c > 0 && c <= n ? vs[c - 1].n : 0;
    for (int i = 0; i <= n; i++)
        free(owned[i]);
    free(owned);
    free(items);
    pia_versions_free(vs, n);
    if (c < 0)
        return;
    if (c == n + 1)
        return compare(v);
    if (c == 0 && v->version) {
        v->version = 0;
        v->a->readonly = v->was_readonly;
    } else if (c == 0) {
        char label[256];
        if (tui_prompt(v->a, "版の名前（例: 提出版、部長確認前）", "", label, sizeof label) || !*label)
            return;
        int num;
        if (pia_version_create(v->a->st, v->form, v->id, label, 0, &num, &err))
            return tui_status(v->a, "%s", err.msg);
        tui_status(v->a, "版 %d「%s」を保存しました", num, label);
        tui_fv_reload(v);
        return;
    } else {
        if (!v->version)
            v->was_readonly = v->a->readonly;
        v->version = chosen;
        v->a->readonly = 1;     /* a version is frozen */
    }
    v->cur = 0;
    tui_fv_reload(v);
}

/* Enter and Space on a row where they have nothing to do say so, and
 * where to go instead, rather than doing nothing in silence. */
static int says_why_not(fview *v, int toggle)
{
    const pia_node *n = v->rows[v->cur].node;
    if (v->a->readonly && toggle) {
        tui_status(v->a, "読み取り専用で開いています");
        return 1;
    }
    if (n->kind == PIA_GROUP)
        tui_status(v->a, "見出しの行です。%s", toggle ? "Space はチェック欄の行で押してください" : "↑↓ で項目の行へ移ってから Enter を押してください");
    else if (n->kind == PIA_TEXT && n->autofill)
        tui_status(v->a, "特定個人情報ファイルの名前から記載されます。変えるには f の「名前を変更」を使います");
    else if (toggle && n->kind != PIA_CHECK)
        tui_status(v->a, "Space はチェック欄で使います。Enter で%s", n->kind == PIA_CHOICE ? "選びます" : "編集します");
    else
        return 0;
    return 1;
}

static int act(fview *v, tui_action action)
{
    int page = tui_fv_page_rows(v);
    switch (action) {
    case ACT_UP: if (v->cur > 0) v->cur--; break;
    case ACT_DOWN: if (v->cur < v->nrows - 1) v->cur++; break;
    case ACT_PGUP: v->cur = v->cur > page ? v->cur - page : 0; break;
    case ACT_PGDN: v->cur = v->cur + page < v->nrows ? v->cur + page : v->nrows - 1; break;
    case ACT_TOP: v->cur = 0; break;
    case ACT_BOTTOM: v->cur = v->nrows - 1; break;
    case ACT_OPEN: if (!says_why_not(v, 0)) tui_fv_open_row(v); break;
    case ACT_TOGGLE: if (!says_why_not(v, 1)) tui_fv_toggle(v); break;
    case ACT_DETAIL: tui_fv_detail(v); break;
    case ACT_NEXT_OPEN: next_open(v); break;
    case ACT_PREV_SECTION: jump_section(v, -1); break;
    case ACT_NEXT_SECTION: jump_section(v, +1); break;
    case ACT_OUTLINE: outline(v); break;
    case ACT_FILES: tui_fv_file_menu(v); break;
    case ACT_INST_ADD: tui_fv_inst_add(v); break;
    case ACT_INST_DEL: tui_fv_inst_del(v); break;
    case ACT_SEARCH: tui_fv_search(v, 1, +1); break;
    case ACT_SEARCH_NEXT: tui_fv_search(v, 0, +1); break;
    case ACT_SEARCH_PREV: tui_fv_search(v, 0, -1); break;
    case ACT_CHECK: check(v); break;
    case ACT_EXPORT: export_to(v); break;
    case ACT_EDITOR: tui_fv_external(v); break;
    case ACT_LOG: if (!tui_fv_history(v)) show_log(v); break;
    case ACT_UNDO: tui_fv_undo(v); break;
    case ACT_COMMENT: add_comment(v); break;
    case ACT_REVIEW: review_view(v); break;
    case ACT_SECTION_STATE: section_state(v); break;
    case ACT_VERSIONS: versions(v); break;
    case ACT_IMPORT_NOTES: import_notes(v); break;
    case ACT_OTHERS: tui_fv_other_answers(v); break;
    case ACT_ITEM_INFO: item_info(v); break;
    case ACT_BACK: return 1;
    default: break;
    }
    return 0;
}

static int on_action(void *self, tui_action action, const tui_event *ev)
{
    (void)ev;
    return act(self, action) ? TUI_VIEW_LEAVE : TUI_VIEW_STAY;
}

/* On a text item a paste opens the editor with it (form_edit.c). */
static int on_paste(void *self, tui_event *ev)
{
    tui_fv_paste(self, ev);
    return TUI_VIEW_STAY;
}

static void on_draw(void *self)
{
    draw(self);
}

static const tui_view_ops form_ops = {
    .name = "form", .screen = SCR_FORM, .read_flags = TUI_BURST,
    .draw = on_draw, .on_action = on_action, .on_paste = on_paste,
};

int tui_form_view(tui_app *a, long id)
{
    fview v = { .a = a, .id = id, .file = 1 };
    /* One read of the assessment: its template is known only from it. */
    load_ctx c = { &v, NULL, NULL, { 0 } };
    if (pia_store_snapshot(a->st, load_both, &c, &c.err) ||
        pia_form_load_guided(c.doc->template_name, &v.form, &c.err)) {
        tui_status(a, "%s", c.err.msg);
        pia_doc_free(c.doc);
        pia_ids_free(c.ids);
        return -1;
    }
    char *note = pia_form_mismatch(v.form, c.doc->template_sha);
    if (note)
        tui_status(a, "%s", note);
    free(note);
    pia_store_writing_with(a->st, v.form);   /* saves from here are written with this form */
    take(&v, c.doc, c.ids);
    if (a->import_id == id) {       /* just imported: what to check first */
        a->import_id = 0;
        draw(&v);
        import_notes(&v);
    }
    tui_view_run(&form_ops, a, &v);
    if (v.version)
        a->readonly = v.was_readonly;
    free(v.rows);
    tui_fv_undo_free(&v);
    pia_ids_free(v.ids);
    pia_review_free(v.review);
    pia_doc_free(v.doc);
    pia_store_writing_with(a->st, NULL);
    pia_form_free(v.form);
    return 0;
}
