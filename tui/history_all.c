/*
 * history_all.c — `L` on a heading: the whole assessment's trail, grouped
 * like the check view by section and (for the sections answered per
 * file) by 特定個人情報ファイル, each group headed by its count, newest
 * first within a group (model/history.c groups it).  Each change is one
 * line; the pane under the list shows the selected one whole, wrapped:
 * where, when, who, the new text and the one it replaced.  ↑↓,
 * PgUp/PgDn, Home/End and [ ] move as in the check view, Enter goes to
 * the item (where `L` shows its texts whole and restores one).
 */
#include "history_view.h"
#include "dialogs.h"
#include "draw.h"
#include "grouped_list.h"
#include "input.h"
#include "keymap.h"
#include "view.h"
#include "model/check.h"
#include "model/history.h"

#include <stdlib.h>
#include <string.h>

typedef struct haview {
    fview *v;
    pia_audit *a;
    int na;
    pia_history_group *g;
    int ng;
    tui_glist list;   /* rows: an item is an index into the audit rows */
    char **text;      /* a row's text, row for row */
    int chosen;       /* the audit row Enter chose; -1 to go back */
} haview;

/* The audit's action as staff say it; anything else as stored. */
static const char *action_name(const char *action)
{
    static const char *const names[][2] = {
        { "set", "記入" }, { "clear", "消去" }, { "revert", "復元" }, { "undo", "取消" },
        { "new", "作成" }, { "copy", "複写" }, { "meta", "表紙" }, { "file.add", "ファイル追加" },
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(action, names[i][0]) == 0)
            return names[i][1];
    return action;
}

static const pia_node *node_of(const haview *h, const pia_audit *x)
{
    return x->item ? pia_form_find(h->v->form, x->item) : NULL;
}

/* A group's heading: section number, file and count first, so they show
 * however long the section's label; brief leaves the label out. */
static char *group_heading(const haview *h, const pia_history_group *g, int brief)
{
    if (!g->section)
        return pia_xasprintf("評価書全体（作成・ファイルなど） ― %d 件", g->n);
    const pia_node *s = g->section;
    char *label = pia_node_heading(s), *t;
    const char *num = s->number ? s->number : label, *rest = s->number ? label + strlen(s->number) : "";
    while (*rest == ' ')
        rest++;
    if (g->file > 0)
        t = pia_xasprintf("%s(%d) %s ― %d 件%s%s", num, g->file,
                          g->file <= h->v->doc->nfiles ? h->v->doc->files[g->file - 1].name : "", g->n,
                          brief || !*rest ? "" : " ／ ", brief ? "" : rest);
    else
        t = pia_xasprintf("%s ― %d 件%s%s", num, g->n, brief || !*rest ? "" : " ／ ", brief ? "" : rest);
    free(label);
    return t;
}

/* Where a change was made: the item's place as printed; the heading of
 * its group names the section, so the row leaves it out. */
static char *place_of(const haview *h, const pia_audit *x, int whole)
{
    const pia_node *n = node_of(h, x);
    if (!n)
        return pia_xstrdup(x->item ? x->item : "");
    char *where = pia_location(n, n->per_file ? x->file : 0, x->inst ? x->inst : 1);
    const char *sp = strchr(where, ' ');
    if (whole || !n->parent || !sp)
        return where;
    char *t = pia_xstrdup(sp + 1);
    free(where);
    return t;
}

/* One change in one line: when, who, what, where and the new text. */
static char *entry_text(const haview *h, const pia_audit *x)
{
    char at[24];
    tui_local_time(x->last_at ? x->last_at : x->at, at, sizeof at);
    char *where = place_of(h, x, 0);
    char *t = pia_xasprintf("%s %s %s%s%s%s%s", at + 5, x->who, action_name(x->action), *where ? " " : "", where,
                            x->new_value && *x->new_value ? " → " : "", x->new_value ? x->new_value : "");
    for (char *p = t; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    free(where);
    return t;
}

static void add_row(haview *h, int audit, char *text)
{
    int r = audit < 0 ? tui_gl_heading(&h->list) : tui_gl_entry(&h->list, audit);
    h->text = pia_xrealloc(h->text, (size_t)(r + 1) * sizeof *h->text);
    h->text[r] = text;
}

static void build(haview *h)
{
    for (int k = 0; k < h->ng; k++) {
        add_row(h, -1, group_heading(h, &h->g[k], 0));
        for (int i = 0; i < h->g[k].n; i++)
            add_row(h, h->g[k].rows[i], entry_text(h, &h->a[h->g[k].rows[i]]));
    }
}

static int pane_lines(void)
{
    return getmaxy(stdscr) >= 40 ? 10 : 6;
}

/* The selected change whole: where, when, who; its text and the one it
 * replaced, wrapped. */
static void draw_pane(const haview *h, int y, int lines)
{
    int cols = getmaxx(stdscr);
    mvhline(y - 1, 0, ACS_HLINE, cols);
    const pia_audit *x = &h->a[tui_gl_item(&h->list)];
    char at[24], last[24] = "";
    tui_local_time(x->at, at, sizeof at);
    if (x->last_at)
        tui_local_time(x->last_at, last, sizeof last);
    char *where = place_of(h, x, 1);
    char *head = pia_xasprintf("%s%s%s %s %s %s", at, *last ? "〜" : "", *last ? last + 11 : "", x->who,
                               action_name(x->action), where);
    attron(A_BOLD);
    int used = tui_put_wrapped(stdscr, y, 1, cols - 2, 2, head);
    attroff(A_BOLD);
    int old = x->old_value && *x->old_value;
    char *body = pia_xasprintf("新: %s%s%s", x->new_value && *x->new_value ? x->new_value : "（空欄）",
                               old ? "\n前: " : "", old ? x->old_value : "");
    tui_put_wrapped(stdscr, y + used, 1, cols - 2, lines - used, body);
    free(body);
    free(head);
    free(where);
}

static void draw(void *self)
{
    haview *h = self;
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr), pane = pane_lines(), room = rows - 3 - pane;
    tui_glist *l = &h->list;
    erase();
    char *brief = group_heading(h, &h->g[tui_gl_group(l)], 1);
    char *title = pia_xasprintf("変更履歴 %d 件（大項目・ファイルごと、新しい順）／ %s", h->na, brief);
    tui_hline_text(stdscr, 0, title, PAIR_TITLE);
    free(title);
    free(brief);
    tui_gl_scroll(l, room);
    for (int i = 0; i < room && l->top + i < l->n; i++) {
        int r = l->top + i, head = l->item[r] < 0;
        if (r == l->cur) attron(A_REVERSE);
        if (head) attron(A_BOLD | COLOR_PAIR(PAIR_HEAD));
        mvhline(1 + i, 0, ' ', cols);
        tui_put(stdscr, 1 + i, head ? 1 : 3, cols - 4, h->text[r]);
        attroff(A_REVERSE | A_BOLD | COLOR_PAIR(PAIR_HEAD));
    }
    draw_pane(h, rows - 1 - pane, pane);
    tui_draw_status(h->v->a, "Enter:項目へ PgUp/PgDn:ページ Home/End:先頭・末尾 [/]:前・次のグループ q:戻る");
    move(1 + l->cur - l->top, 0);
    refresh();
}

/* Enter leaves with the change chosen when it is an item's, q / Esc
 * without one. */
static int on_action(void *self, tui_action action, const tui_event *ev)
{
    (void)ev;
    haview *h = self;
    if (tui_gl_act(&h->list, action, getmaxy(stdscr) - 3 - pane_lines()))
        return TUI_VIEW_STAY;
    if (action == ACT_BACK)
        return TUI_VIEW_LEAVE;
    if (action != ACT_OPEN)
        return TUI_VIEW_STAY;
    int audit = tui_gl_item(&h->list);
    if (node_of(h, &h->a[audit])) {
        h->chosen = audit;
        return TUI_VIEW_LEAVE;
    }
    tui_status(h->v->a, "この変更は項目のものではありません");
    return TUI_VIEW_STAY;
}

/* The check view's keys (the same moves and groups); nothing here takes
 * text, so no burst detection and a paste is dropped. */
static const tui_view_ops history_all_ops = {
    .name = "history_all", .screen = SCR_CHECK, .read_flags = 0,
    .draw = draw, .on_action = on_action,
};

int tui_fv_history_all(fview *v, const pia_node **node, int *file, int *inst)
{
    haview h = { .v = v };
    pia_err err = { 0 };
    if (pia_store_audit(v->a->st, v->id, &h.a, &h.na, &err)) {
        tui_status(v->a, "%s", err.msg);
        return -1;
    }
    int c = -1;
    if (h.na == 0) {
        tui_status(v->a, "まだ変更はありません");
    } else {
        h.ng = pia_history_grouped(v->form, h.a, h.na, &h.g);
        build(&h);
        h.chosen = -1;
        tui_gl_move(&h.list, -h.list.n);
        tui_view_run(&history_all_ops, v->a, &h);
        c = h.chosen;
    }
    if (c >= 0) {
        const pia_audit *x = &h.a[c];
        *node = node_of(&h, x);
        *file = (*node)->per_file ? x->file : 0;
        *inst = (*node)->repeat_group ? x->inst : 0;
    }
    for (int i = 0; i < h.list.n; i++)
        free(h.text[i]);
    free(h.text);
    tui_gl_free(&h.list);
    pia_history_groups_free(h.g, h.ng);
    pia_audit_free(h.a, h.na);
    return c >= 0 ? 0 : -1;
}
