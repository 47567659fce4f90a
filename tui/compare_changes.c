/*
 * compare_changes.c — the （別添3）変更箇所 rows proposed from the pair in
 * the compare view: shown in full first, then, on Enter and a choice of
 * 提出時期, appended to the live draft's 別添3 table.  The rows and the
 * writing are model/changes.c's, exactly what `pia changes` stores, so
 * staff then edit them in the form like any answer.
 */
#include "compare_changes.h"
#include "compare_internal.h"
#include "dialogs.h"
#include "draw.h"
#include "input.h"
#include "keymap.h"
#include "view.h"
#include "model/changes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct proposal {
    cview *v;
    pia_changes_table t;
    pia_change_row *rows;
    int n;
    int already;             /* rows the live table holds already (same 項目 and 変更後) */
    char *there;             /* per row: 1 when it is one of those */
    char *date;
    tui_textpane pane;
    tui_cmp_jump *jump;      /* the first row added, when they were */
    int rc;                  /* 0 when added */
} proposal;

static void add_field(tui_textpane *tp, const char *name, const char *value)
{
    tui_tp_add(tp, name, TP_DIM);
    tui_tp_add(tp, value[0] ? value : "（空欄）", value[0] ? TP_TEXT : TP_DIM);
    tui_tp_add(tp, "\n", TP_TEXT);
}

static void build(proposal *p)
{
    tui_textpane *tp = &p->pane;
    tui_tp_clear(tp);
    char *pair = pia_xasprintf("比較: %s → %s\n", p->v->sa.name, p->v->sb.name);
    tui_tp_add(tp, pair, TP_DIM);
    free(pair);
    if (p->v->sb.version)
        tui_tp_add(tp, "※ 比較先が版のため、行は作業中の評価書の（別添3）に追加します。\n", TP_WARN);
    if (p->already) {
        char *t = pia_xasprintf("※ このうち %d 行は同じ項目・変更後の記載で（別添3）に既にあります。\n",
                                p->already);
        tui_tp_add(tp, t, TP_WARN);
        free(t);
    }
    for (int i = 0; i < p->n; i++) {
        char *head = pia_xasprintf("\n【%d】%s", i + 1, p->rows[i].item);
        tui_tp_add(tp, head, TP_HEAD);
        free(head);
        if (p->there[i])
            tui_tp_add(tp, "（既にあります）", TP_WARN);
        tui_tp_add(tp, "\n", TP_TEXT);
        add_field(tp, "変更前の記載: ", p->rows[i].before);
        add_field(tp, "変更後の記載: ", p->rows[i].after);
    }
}

static void draw(proposal *p)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    erase();
    char *title = pia_xasprintf("（別添3）変更箇所の提案: %d 行 ／ 変更日 %s", p->n, p->date);
    tui_hline_text(stdscr, 0, title, PAIR_TITLE);
    free(title);
    tui_tp_wrap(&p->pane, cols - 2);
    tui_tp_scroll(&p->pane, 0, rows - 2);
    tui_tp_draw(&p->pane, stdscr, 1, 1, rows - 2, p->v->a->colour);
    tui_draw_status(p->v->a, p->v->writable
                    ? "Enter:追加する PgUp/Dn:スクロール Esc:追加しない"
                    : "読み取り専用のため追加できません Esc:戻る");
    refresh();
}

/* The 提出時期 every row gets: "" (decided later) or one of the column's
 * choices; -1 when the person cancelled. */
static int ask_timing(proposal *p, const char **timing)
{
    const pia_node *col = p->t.timing;
    int n = col ? col->nchoices : 0;
    const char **items = pia_xcalloc((size_t)n + 1, sizeof *items);
    char **owned = pia_xcalloc((size_t)n + 1, sizeof *owned);
    items[0] = "追加する（提出時期はあとで記入）";
    for (int i = 0; i < n; i++)
        items[i + 1] = owned[i + 1] = pia_xasprintf("追加する（提出時期: %s）", col->choices[i]);
    char *title = pia_xasprintf("作業中の評価書の（別添3）に %d 行を追加", p->n);
    int c = tui_menu(p->v->a, title, items, n + 1, 0);
    free(title);
    for (int i = 0; i <= n; i++)
        free(owned[i]);
    free(owned);
    free(items);
    if (c > 0)
        *timing = col->choices[c - 1];
    else if (c == 0)
        *timing = "";
    return c < 0 ? -1 : 0;
}

static int append(proposal *p, tui_cmp_jump *jump)
{
    const char *timing;
    if (ask_timing(p, &timing))
        return -1;
    for (int i = 0; i < p->n; i++) {
        free(p->rows[i].timing);
        p->rows[i].timing = pia_xstrdup(timing);
    }
    pia_err err = { 0 };
    int first = 0;
    if (pia_changes_append(p->v->a->st, p->v->id, &p->t, p->rows, p->n, &first, &err)) {
        tui_status(p->v->a, "%s", err.msg);
        return -1;
    }
    tui_mark_saved(p->v->a);
    tui_status(p->v->a, "（別添3）に %d 行を追加しました（提出時期・説明を確認）", p->n);
    *jump = (tui_cmp_jump){ 0, p->t.group, p->t.group->per_file ? 1 : 0, first };
    return 0;
}

static int on_action(void *self, tui_action act, const tui_event *ev)
{
    (void)ev;
    proposal *p = self;
    int page = getmaxy(stdscr) - 2;
    switch (act) {
    case ACT_UP: tui_tp_scroll(&p->pane, -1, page); break;
    case ACT_DOWN: tui_tp_scroll(&p->pane, 1, page); break;
    case ACT_PGUP: tui_tp_scroll(&p->pane, -(page - 1), page); break;
    case ACT_PGDN: tui_tp_scroll(&p->pane, page - 1, page); break;
    case ACT_TOP: p->pane.top = 0; break;
    case ACT_BOTTOM: tui_tp_scroll(&p->pane, p->pane.nlines, page); break;
    case ACT_BACK: return TUI_VIEW_LEAVE;
    case ACT_OPEN:
        if (!p->v->writable)
            tui_status(p->v->a, "読み取り専用のため（別添3）に追加できません");
        else if (append(p, p->jump) == 0)
            return p->rc = 0, TUI_VIEW_LEAVE;
        break;
    default: break;
    }
    return TUI_VIEW_STAY;
}

static void on_draw(void *self)
{
    draw(self);
}

/* The comparison's keys: the proposal is read like its text pane. */
static const tui_view_ops proposal_ops = {
    .name = "proposal", .screen = SCR_COMPARE, .read_flags = TUI_BURST,
    .draw = on_draw, .on_action = on_action,
};

/* 0 when rows were added, -1 when the person went back. */
static int run(proposal *p, tui_cmp_jump *jump)
{
    p->jump = jump;
    p->rc = -1;
    tui_view_run(&proposal_ops, p->v->a, p);
    return p->rc;
}

/* The live draft, for what its 別添3 holds already. */
static pia_doc *live_doc(cview *v, int *owned)
{
    *owned = 0;
    if (v->sb.version == 0)
        return v->sb.doc;
    if (v->sa.version == 0)
        return v->sa.doc;
    pia_doc *d = NULL;
    pia_err err = { 0 };
    if (pia_store_load(v->a->st, v->id, &d, &err))
        return NULL;
    *owned = 1;
    return d;
}

int tui_cv_propose(cview *v, tui_cmp_jump *jump)
{
    proposal p = { .v = v };
    pia_err err = { 0 };
    if (pia_changes_table_find(v->form, &p.t, &err)) {
        tui_status(v->a, "%s", err.msg);
        return -1;
    }
    p.date = pia_changes_today();
    pia_changes_rows(v->c, &p.t, p.date, "", &p.rows, &p.n);
    int rc = -1;
    if (p.n == 0) {
        tui_status(v->a, "（別添3）に載せる変更はありません（別添3 自体の変更は数えません）");
    } else {
        int owned;
        pia_doc *live = live_doc(v, &owned);
        p.there = pia_xcalloc((size_t)p.n, 1);
        p.already = live ? pia_changes_present(live, &p.t, p.rows, p.n, p.there) : 0;
        if (owned)
            pia_doc_free(live);
        tui_tp_clear(&p.pane);
        build(&p);
        rc = run(&p, jump);
    }
    tui_tp_free(&p.pane);
    pia_change_rows_free(p.rows, p.n);
    free(p.there);
    free(p.date);
    return rc;
}
