/*
 * history_view.c — `L` on an item: its earlier texts, newest first, from
 * the audit trail.  Enter shows one whole (wrapped, scrolling); r puts it
 * back after a question, as a new change: written by place like every
 * save from the form view, after an audit row "revert" so the text it
 * replaces stays in the trail, and taken back again by u / Ctrl-Z.
 *
 * Rows are those whose item, file and instance positions match the row
 * the cursor is on; the trail records positions as they were, so after a
 * file or instance was removed earlier texts of the one now in its place
 * may show (each row says when and by whom).
 */
#include "history_view.h"
#include "dialogs.h"
#include "draw.h"
#include "editbuf.h"
#include "form_undo.h"
#include "form_view.h"
#include "input.h"
#include "view.h"
#include "width.h"
#include "model/format.h"
#include "model/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct hview {
    fview *v;
    const vrow *r;
    pia_audit *a;
    int na;
    int *rows;            /* indexes into a, newest first */
    int n, cur, top;
} hview;

static void line_of(const pia_audit *x, int row, char *buf, size_t n)
{
    char at[24];
    tui_local_time(x->last_at ? x->last_at : x->at, at, sizeof at);
    char *one = pia_text_abbrev(x->new_value ? x->new_value : "（空欄）", 200);
    for (char *p = one; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    snprintf(buf, n, "%5d  %s  %-8s %s", row, at, x->who, one);
    free(one);
}

static void draw_list(hview *h)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    erase();
    char *head = pia_node_heading(h->r->node);
    char *t = pia_xasprintf("変更履歴（新しい順 %d 件）: %s", h->n, head);
    tui_hline_text(stdscr, 0, t, PAIR_TITLE);
    free(t);
    free(head);
    int room = rows - 2;
    if (h->cur < h->top) h->top = h->cur;
    if (h->cur >= h->top + room) h->top = h->cur - room + 1;
    for (int i = 0; i < room && h->top + i < h->n; i++) {
        int k = h->rows[h->top + i];
        char buf[1024];
        line_of(&h->a[k], k + 1, buf, sizeof buf);
        if (h->top + i == h->cur)
            attron(A_REVERSE);
        mvhline(1 + i, 0, ' ', cols);
        tui_put(stdscr, 1 + i, 1, cols - 2, buf);
        if (h->top + i == h->cur)
            attroff(A_REVERSE);
    }
    tui_draw_status(h->v->a, "Enter: 全文  r: この記載に戻す  ↑↓ PgUp/PgDn: 移動  q/Esc: 戻る");
    refresh();
}

/* ---- restoring ----------------------------------------------------------- */

/* 1 when restored (the view reloads: h->r is gone). */
/* NULL and "" alike: an answer never written and one emptied read the same. */
static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static int restore(hview *h, int k)
{
    fview *v = h->v;
    const pia_audit *x = &h->a[k];
    if (v->a->readonly) {
        tui_status(v->a, "読み取り専用で開いています");
        return 0;
    }
    char at[24];
    tui_local_time(x->last_at ? x->last_at : x->at, at, sizeof at);
    char *q = pia_xasprintf("%d 行目（%s %s）の記載に戻しますか？",
                            k + 1, at, x->who);
    int yes = tui_confirm(v->a, q);
    free(q);
    if (!yes)
        return 0;
    const pia_node *node = h->r->node;
    pia_place pl;
    pia_ids_place(v->ids, h->r->afile, node->repeat_group ? node->repeat_group->id : NULL, h->r->inst, &pl);
    char *value, *detail, note[64];
    pia_history_split(node, x->new_value, &value, &detail);
    snprintf(note, sizeof note, "%d 行目の記載に戻す", k + 1);
    pia_value now = { 0 };
    pia_err err = { 0 };
    int rc = pia_store_get_at(v->a->st, v->id, &pl, node->id, &now, &err);
    int same = !rc && same_text(now.value, value) && same_text(now.detail, detail);
    if (same)
        tui_status(v->a, "%d 行目の記載と同じです。変更はありません（履歴にも記録していません）", k + 1);
    else if (!rc)
        rc = pia_history_set_at(v->a->st, v->id, &pl, node->id, value, detail, now.rev, NULL, "revert", note, &err);
    if (same) {
        /* nothing written, nothing to take back */
    } else if (!rc) {
        tui_fv_undo_answer(v, node, &pl, now.value, now.detail, value, detail);
        tui_mark_saved(v->a);
        tui_status(v->a, "%d 行目の記載に戻しました（前の記載も履歴に残ります。u で取り消し）", k + 1);
    } else {
        tui_status(v->a, "戻せません: %s", err.msg);
    }
    free(now.value);
    free(now.detail);
    free(now.updated);
    free(now.updated_by);
    free(value);
    free(detail);
    tui_fv_reload(v);
    return 1;
}

/* ---- one text, whole ------------------------------------------------------ */

/* One earlier text as the loop runs it. */
typedef struct whole {
    hview *h;
    int k;                /* its index in h->a */
    editbuf b;
    int top;
    int restored;
} whole;

static void draw_whole(void *self)
{
    whole *w = self;
    const pia_audit *x = &w->h->a[w->k];
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr), room = rows - 2;
    if (w->b.width != cols - 4)
        editbuf_set_width(&w->b, cols - 4);
    if (w->top > w->b.nlines - room) w->top = w->b.nlines - room;
    if (w->top < 0) w->top = 0;
    erase();
    char at[24];
    tui_local_time(x->last_at ? x->last_at : x->at, at, sizeof at);
    char *t = pia_xasprintf("%d 行目 %s %s（%d 文字、%d/%d 行）", w->k + 1, at, x->who, w->b.len,
                            w->b.nlines ? w->top + 1 : 0, w->b.nlines);
    tui_hline_text(stdscr, 0, t, PAIR_TITLE);
    free(t);
    for (int i = 0; i < room && w->top + i < w->b.nlines; i++) {
        int start, n = editbuf_line(&w->b, w->top + i, &start);
        char *s = tui_wcs_to_utf8(w->b.text + start, n);
        tui_put(stdscr, 1 + i, 2, cols - 4, s);
        free(s);
    }
    tui_draw_status(w->h->v->a, "r: この記載に戻す  ↑↓ PgUp/PgDn Home/End: スクロール  q/Esc: 戻る");
    refresh();
}

/* The top line is kept in range by the next draw. */
static int whole_action(void *self, tui_action act, const tui_event *ev)
{
    (void)ev;
    whole *w = self;
    int room = getmaxy(stdscr) - 2;
    switch (act) {
    case ACT_UP: w->top--; break;
    case ACT_DOWN: w->top++; break;
    case ACT_PGUP: w->top -= room; break;
    case ACT_PGDN: w->top += room; break;
    case ACT_TOP: w->top = 0; break;
    case ACT_BOTTOM: w->top = w->b.nlines; break;
    case ACT_RESTORE: return (w->restored = restore(w->h, w->k)) ? TUI_VIEW_LEAVE : TUI_VIEW_STAY;
    case ACT_BACK: return TUI_VIEW_LEAVE;
    default: break;
    }
    return TUI_VIEW_STAY;
}

/* A paste is never keys: TUI_BURST makes one of it, dropped. */
static const tui_view_ops whole_ops = {
    .name = "history text", .screen = SCR_HISTORY, .read_flags = TUI_BURST,
    .draw = draw_whole, .on_action = whole_action,
};

/* 1 when it was restored. */
static int show_whole(hview *h, int k)
{
    const pia_audit *x = &h->a[k];
    whole w = { .h = h, .k = k };
    editbuf_init(&w.b, x->new_value ? x->new_value : "", getmaxx(stdscr) - 4);
    tui_view_run(&whole_ops, h->v->a, &w);
    editbuf_free(&w.b);
    return w.restored;
}

/* ---- the list ------------------------------------------------------------ */

static int load(hview *h)
{
    pia_err err = { 0 };
    if (pia_store_audit(h->v->a->st, h->v->id, &h->a, &h->na, &err)) {
        tui_status(h->v->a, "%s", err.msg);
        return -1;
    }
    h->rows = pia_xcalloc((size_t)h->na + 1, sizeof *h->rows);
    const vrow *r = h->r;
    for (int i = h->na - 1; i >= 0; i--) {
        const pia_audit *x = &h->a[i];
        if (pia_history_is_answer(x) && strcmp(x->item, r->node->id) == 0 &&
            x->file == (r->node->per_file ? r->afile : 0) && x->inst == (r->node->repeat_group ? r->inst : 0))
            h->rows[h->n++] = i;
    }
    return 0;
}

/* The cursor is kept on a row here; the next draw scrolls to it. */
static int list_action(void *self, tui_action act, const tui_event *ev)
{
    (void)ev;
    hview *h = self;
    int page = getmaxy(stdscr) - 2, done = TUI_VIEW_STAY;
    switch (act) {
    case ACT_UP: h->cur--; break;
    case ACT_DOWN: h->cur++; break;
    case ACT_PGUP: h->cur -= page; break;
    case ACT_PGDN: h->cur += page; break;
    case ACT_TOP: h->cur = 0; break;
    case ACT_BOTTOM: h->cur = h->n - 1; break;
    case ACT_OPEN: done = show_whole(h, h->rows[h->cur]); break;
    case ACT_RESTORE: done = restore(h, h->rows[h->cur]); break;
    case ACT_BACK: done = TUI_VIEW_LEAVE; break;
    default: break;
    }
    if (h->cur >= h->n) h->cur = h->n - 1;
    if (h->cur < 0) h->cur = 0;
    return done ? TUI_VIEW_LEAVE : TUI_VIEW_STAY;
}

static void on_draw_list(void *self)
{
    draw_list(self);
}

/* A paste is never keys: TUI_BURST makes one of it, dropped. */
static const tui_view_ops list_ops = {
    .name = "history", .screen = SCR_HISTORY, .read_flags = TUI_BURST,
    .draw = on_draw_list, .on_action = list_action,
};

int tui_fv_history(fview *v)
{
    if (v->nrows == 0 || !pia_node_is_field(v->rows[v->cur].node))
        return 0;
    vrow r = v->rows[v->cur];
    hview h = { .v = v, .r = &r };
    if (load(&h))
        return 1;
    if (h.n == 0)
        tui_status(v->a, "この項目の変更履歴はまだありません");
    else
        tui_view_run(&list_ops, v->a, &h);
    pia_audit_free(h.a, h.na);
    free(h.rows);
    return 1;
}
