/*
 * compare_view.c — the comparison of two sides of one assessment.
 *
 * Top: the changed items by printed number, grouped under their sections
 * (↑↓ moves between them).  Below: the chosen item's answer with the
 * deletions and insertions marked, scrolled with PgUp/PgDn/Home/End and
 * opened at its first change.  Enter leaves for that item in the form (the
 * newer side; a removed item on the older side), P proposes the （別添3）
 * rows (compare_changes.c).  What changed is model/compare.c's answer, the
 * same entries `pia diff` prints.
 */
#include "compare_view.h"
#include "compare_changes.h"
#include "compare_internal.h"
#include "dialogs.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "view.h"
#include "export/diff.h"
#include "model/version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the two sides --------------------------------------------------- */

static void side_free(cv_side *s)
{
    pia_doc_free(s->doc);
    pia_version_clear(&s->v);
    free(s->name);
    memset(s, 0, sizeof *s);
}

static int side_load(tui_app *a, const pia_form *form, long id, int version, cv_side *s)
{
    char ref[48];
    if (version)
        snprintf(ref, sizeof ref, "%ld@%d", id, version);
    else
        snprintf(ref, sizeof ref, "%ld", id);
    pia_err err = { 0 };
    memset(s, 0, sizeof *s);
    s->version = version;
    if (pia_ref_load(a->st, ref, &s->doc, &s->v, &err)) {
        tui_status(a, "%s", err.msg);
        return -1;
    }
    s->name = pia_ref_describe(id, &s->v);
    if (strcmp(s->doc->template_name, form->name) != 0) {
        tui_status(a, "様式が異なるため比較できません: %s（%s）", s->name, s->doc->template_name);
        side_free(s);
        return -1;
    }
    return 0;
}

/* Menu rows: the versions oldest first, then the current answers. */
static char **side_items(const pia_version *vs, int n)
{
    char **items = pia_xcalloc((size_t)n + 1, sizeof *items);
    for (int i = 0; i < n; i++) {
        char at[24];
        tui_local_time(vs[i].created, at, sizeof at);
        items[i] = pia_xasprintf("版 %d「%s」 %s %s%s", vs[i].n, vs[i].label, at,
                                 vs[i].created_by, vs[i].submitted ? " ［提出］" : "");
    }
    items[n] = pia_xstrdup("現在の回答（作業中の評価書）");
    return items;
}

/* The older side defaults to the last submitted version (what the next
 * 別添3 is counted from), else the newest; the newer to the current answers. */
static int pick_sides(tui_app *a, long id, int *va, int *vb)
{
    pia_version *vs = NULL;
    int n = 0;
    pia_err err = { 0 };
    if (pia_version_list(a->st, id, &vs, &n, &err)) {
        tui_status(a, "%s", err.msg);
        return -1;
    }
    if (n == 0) {
        pia_versions_free(vs, n);
        tui_status(a, "比較できる版がありません（V → 現在の回答を版として保存）");
        return -1;
    }
    char **items = side_items(vs, n);
    int def_a = n - 1;
    for (int i = 0; i < n; i++)
        if (vs[i].submitted)
            def_a = i;
    int ca = tui_menu(a, "比較元（古い方）を選ぶ", (const char *const *)items, n + 1, def_a);
    int cb = ca < 0 ? -1 : tui_menu(a, "比較先（新しい方）を選ぶ", (const char *const *)items,
                                    n + 1, ca == n ? n - 1 : n);
    int rc = -1;
    if (ca >= 0 && cb >= 0 && ca == cb) {
        tui_status(a, "同じものどうしは比較できません");
    } else if (ca >= 0 && cb >= 0) {
        *va = ca == n ? 0 : vs[ca].n;
        *vb = cb == n ? 0 : vs[cb].n;
        rc = 0;
    }
    for (int i = 0; i <= n; i++)
        free(items[i]);
    free(items);
    pia_versions_free(vs, n);
    return rc;
}

/* ---- the list of changes --------------------------------------------- */

static const pia_node *section_of(const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    return n;
}

static const char *kind_mark(pia_cmp_kind k)
{
    return k == PIA_CMP_ADDED ? "＋" : k == PIA_CMP_REMOVED ? "－" : "～";
}

/* The change as listed: "Ⅰ 1. ②事務の内容", "Ⅱ 6. 提供先2 の追加" (with
 * the file's name when there are several).  Caller frees. */
static char *entry_label(const pia_cmp *c, const pia_cmp_entry *e)
{
    char *label;
    if (e->what == PIA_CMPW_FILE && e->kind == PIA_CMP_CHANGED)
        label = pia_xasprintf("特定個人情報ファイル名の変更（ファイル %d）", e->file_b);
    else if (e->what == PIA_CMPW_FILE)
        label = pia_xasprintf("特定個人情報ファイルの%s: %s", pia_cmp_kind_label(e->kind), e->file_name);
    else if (e->what == PIA_CMPW_INSTANCE)
        label = pia_xasprintf("%s の%s", e->where, pia_cmp_kind_label(e->kind));
    else
        label = pia_cmp_title(e->node, e->inst_b ? e->inst_b : e->inst_a);
    if (e->what == PIA_CMPW_FILE || !e->file_name || !c->multi_file)
        return label;
    char *t = pia_xasprintf("%s（%s）", label, e->file_name);
    free(label);
    return t;
}

static void add_row(cview *v, int entry, const pia_node *section)
{
    if (v->nrows == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->rows = pia_xrealloc(v->rows, (size_t)v->cap * sizeof *v->rows);
    }
    v->rows[v->nrows++] = (cv_row){ entry, section };
}

static void build_rows(cview *v)
{
    const pia_node *sec = NULL;
    for (int i = 0; i < v->c->n; i++) {
        const pia_node *s = section_of(v->c->v[i].node);
        if (s != sec)
            add_row(v, -1, s);
        sec = s;
        add_row(v, i, s);
    }
    v->cur = v->nrows > 1 ? 1 : 0;
}

/* The next row holding a change from `from` in direction dir, or -1. */
static int next_entry(const cview *v, int from, int dir)
{
    for (int i = from; i >= 0 && i < v->nrows; i += dir)
        if (v->rows[i].entry >= 0)
            return i;
    return -1;
}

static void move_to(cview *v, int row)
{
    if (row >= 0 && row != v->cur) {
        v->cur = row;
        v->pane_for = -1;
    }
}

/* [ ]: the first change of the previous / next section. */
static void jump_section(cview *v, int dir)
{
    const pia_node *sec = v->rows[v->cur].section;
    int i = v->cur;
    while (i >= 0 && i < v->nrows && v->rows[i].section == sec)
        i += dir;
    if (i < 0 || i >= v->nrows)
        return;
    if (dir < 0) {              /* back to the start of that section */
        const pia_node *prev = v->rows[i].section;
        while (i > 0 && v->rows[i - 1].section == prev)
            i--;
    }
    move_to(v, next_entry(v, i, 1));
}

/* ---- the chosen change ------------------------------------------------- */

static void put_diff(tui_textpane *p, const pia_tdiff_list *l)
{
    if (l->n == 0) {
        tui_tp_add(p, "（未記入）", TP_DIM);
        return;
    }
    for (int i = 0; i < l->n; i++) {
        const pia_tdiff *d = &l->v[i];
        if (d->op == PIA_TD_EQUAL) {
            tui_tp_add(p, d->text, TP_TEXT);
            continue;
        }
        int del = d->op == PIA_TD_DELETE;
        tui_tp_add(p, del ? PIA_DEL_OPEN : PIA_INS_OPEN, del ? TP_DEL : TP_INS);
        tui_tp_add(p, d->text, del ? TP_DEL : TP_INS);
        tui_tp_add(p, del ? PIA_DEL_CLOSE : PIA_INS_CLOSE, del ? TP_DEL : TP_INS);
    }
}

static int under(const pia_node *n, const pia_node *group)
{
    for (; n; n = n->parent)
        if (n == group)
            return 1;
    return 0;
}

/* An added or removed instance: the answers it held or holds. */
static void put_instance(tui_textpane *p, const pia_cmp *c, int i)
{
    const pia_cmp_entry *g = &c->v[i];
    for (int j = i + 1; j < c->n && c->v[j].inside; j++) {
        const pia_cmp_entry *e = &c->v[j];
        if (e->what != PIA_CMPW_ITEM || !under(e->node, g->node) ||
            e->inst_a != g->inst_a || e->inst_b != g->inst_b)
            continue;
        char *title = pia_cmp_title(e->node, e->inst_b ? e->inst_b : e->inst_a);
        tui_tp_add(p, title, TP_HEAD);
        tui_tp_add(p, "\n", TP_TEXT);
        put_diff(p, &e->diff);
        tui_tp_add(p, "\n\n", TP_TEXT);
        free(title);
    }
}

static void build_pane(cview *v)
{
    tui_textpane *p = &v->pane;
    tui_tp_clear(p);
    int i = v->rows[v->cur].entry;
    v->pane_for = v->cur;
    if (i < 0)
        return;
    const pia_cmp_entry *e = &v->c->v[i];
    char *label = entry_label(v->c, e);
    tui_tp_add(p, label, TP_HEAD);
    tui_tp_add(p, "\n", TP_TEXT);
    free(label);
    if (e->what == PIA_CMPW_ITEM || (e->what == PIA_CMPW_FILE && e->kind == PIA_CMP_CHANGED))
        put_diff(p, &e->diff);
    else if (e->what == PIA_CMPW_INSTANCE)
        put_instance(p, v->c, i);
    else
        tui_tp_add(p, "（このファイルの項目は一覧の字下げした行にあります）", TP_DIM);
}

/* ---- drawing ------------------------------------------------------------ */

static int list_height(const cview *v)
{
    int room = (getmaxy(stdscr) - 3) / 3;
    return v->nrows < room ? v->nrows : room;
}

static void draw_list(cview *v, int height)
{
    int cols = getmaxx(stdscr);
    if (v->cur < v->top) v->top = v->cur > 0 && v->rows[v->cur - 1].entry < 0 ? v->cur - 1 : v->cur;
    if (v->cur >= v->top + height) v->top = v->cur - height + 1;
    for (int k = 0; k < height && v->top + k < v->nrows; k++) {
        const cv_row *r = &v->rows[v->top + k];
        int y = 1 + k;
        if (r->entry < 0) {
            char *h = pia_node_heading(r->section);
            attron(A_BOLD | COLOR_PAIR(PAIR_HEAD));
            tui_put(stdscr, y, 1, cols - 2, h);
            attroff(A_BOLD | COLOR_PAIR(PAIR_HEAD));
            free(h);
            continue;
        }
        const pia_cmp_entry *e = &v->c->v[r->entry];
        int sel = v->top + k == v->cur;
        if (sel) attron(A_REVERSE);
        mvhline(y, 0, ' ', cols);
        char *label = entry_label(v->c, e);
        char *line = pia_xasprintf("%s%s %s", e->inside ? "    " : "  ", kind_mark(e->kind), label);
        tui_put(stdscr, y, 1, cols - 2, line);
        free(line);
        free(label);
        if (sel) attroff(A_REVERSE);
    }
}

static int entry_number(const cview *v)
{
    int k = 0;
    for (int i = 0; i <= v->cur; i++)
        k += v->rows[i].entry >= 0;
    return k;
}

static void draw(cview *v)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    erase();
    char *title = pia_xasprintf("比較: %s → %s ／ 変更 %d 件%s", v->sa.name, v->sb.name,
                                v->c->nchanged, v->c->approx ? "（長文は一部行単位）" : "");
    tui_hline_text(stdscr, 0, title, PAIR_TITLE);
    free(title);
    int lh = list_height(v);
    draw_list(v, lh);
    int ph = rows - 3 - lh;
    if (v->pane_for != v->cur) {
        build_pane(v);
        tui_tp_wrap(&v->pane, cols - 2);
        if (v->pane.first_edit >= 0) {      /* open at the first change, a line of context above */
            int l = tui_tp_line_of(&v->pane, v->pane.first_edit);
            if (l >= ph)
                tui_tp_scroll(&v->pane, l - 1, ph);
        }
    }
    tui_tp_wrap(&v->pane, cols - 2);
    tui_tp_scroll(&v->pane, 0, ph);
    int last = v->pane.top + ph < v->pane.nlines ? v->pane.top + ph : v->pane.nlines;
    char *sep = pia_xasprintf("変更 %d/%d  %s削除%s %s追加%s  本文 %d-%d/%d 行", entry_number(v),
                              v->c->nchanged, PIA_DEL_OPEN, PIA_DEL_CLOSE, PIA_INS_OPEN, PIA_INS_CLOSE,
                              v->pane.top + 1, last, v->pane.nlines);
    tui_hline_text(stdscr, 1 + lh, sep, PAIR_STATUS);
    free(sep);
    tui_tp_draw(&v->pane, stdscr, 2 + lh, 1, ph, v->a->colour);
    tui_draw_status(v->a, "↑↓:項目 PgUp/Dn:本文 Enter:項目へ P:別添3 Esc:戻る");
    move(1 + v->cur - v->top, 0);
    refresh();
}

/* ---- keys ---------------------------------------------------------------- */

/* Where Enter leads: the newer side, or the older for what it alone has. */
static void jump_of(const cview *v, tui_cmp_jump *j)
{
    const pia_cmp_entry *e = &v->c->v[v->rows[v->cur].entry];
    int older = e->kind == PIA_CMP_REMOVED;
    j->version = older ? v->sa.version : v->sb.version;
    j->node = e->node;
    j->file = older ? e->file_a : e->file_b;
    j->inst = older ? e->inst_a : e->inst_b;
}

/* 1 when the view is done: *rc says how. */
static int act(cview *v, tui_action action, tui_cmp_jump *jump, int *rc)
{
    int page = getmaxy(stdscr) - 4 - list_height(v);
    switch (action) {
    case ACT_UP: move_to(v, next_entry(v, v->cur - 1, -1)); break;
    case ACT_DOWN: move_to(v, next_entry(v, v->cur + 1, 1)); break;
    case ACT_PGUP: tui_tp_scroll(&v->pane, -page, page + 1); break;
    case ACT_PGDN: tui_tp_scroll(&v->pane, page, page + 1); break;
    case ACT_TOP: v->pane.top = 0; break;
    case ACT_BOTTOM: tui_tp_scroll(&v->pane, v->pane.nlines, page + 1); break;
    case ACT_PREV_SECTION: jump_section(v, -1); break;
    case ACT_NEXT_SECTION: jump_section(v, +1); break;
    case ACT_OPEN:
        jump_of(v, jump);
        *rc = 0;
        return 1;
    case ACT_PROPOSE_CHANGES:
        if (tui_cv_propose(v, jump) == 0) {
            *rc = 0;
            return 1;
        }
        break;
    case ACT_BACK: return 1;
    default: break;
    }
    return 0;
}

/* The view as the loop runs it: where Enter leads, and how it ended. */
typedef struct cv_run {
    cview *v;
    tui_cmp_jump *jump;
    int rc;
} cv_run;

static int on_action(void *self, tui_action action, const tui_event *ev)
{
    (void)ev;
    cv_run *r = self;
    return act(r->v, action, r->jump, &r->rc) ? TUI_VIEW_LEAVE : TUI_VIEW_STAY;
}

static void on_draw(void *self)
{
    cv_run *r = self;
    draw(r->v);
}

/* A paste is not keys: dropped. */
static const tui_view_ops compare_ops = {
    .name = "compare", .screen = SCR_COMPARE, .read_flags = TUI_BURST,
    .draw = on_draw, .on_action = on_action,
};

static int run(cview *v, tui_cmp_jump *jump)
{
    cv_run r = { v, jump, -1 };
    tui_tp_colours(v->a->colour);
    tui_view_run(&compare_ops, v->a, &r);
    return r.rc;
}

int tui_compare_versions(tui_app *a, const pia_form *form, long id, int writable,
                         tui_cmp_jump *jump)
{
    cview v = { .a = a, .form = form, .id = id, .writable = writable, .pane_for = -1 };
    int va, vb;
    if (pick_sides(a, id, &va, &vb))
        return -1;
    if (side_load(a, form, id, va, &v.sa))
        return -1;
    if (side_load(a, form, id, vb, &v.sb)) {
        side_free(&v.sa);
        return -1;
    }
    v.c = pia_compare(form, v.sa.doc, v.sb.doc, 0);
    int rc = -1;
    if (v.c->nchanged == 0) {
        tui_status(a, "%s と %s に違いはありません", v.sa.name, v.sb.name);
    } else {
        tui_tp_clear(&v.pane);
        build_rows(&v);
        rc = run(&v, jump);
    }
    tui_tp_free(&v.pane);
    free(v.rows);
    pia_cmp_free(v.c);
    side_free(&v.sa);
    side_free(&v.sb);
    return rc;
}
