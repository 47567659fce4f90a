/*
 * check_view.c — what is still open, as a full-screen list grouped by
 * section (and by 特定個人情報ファイル for the sections answered per file),
 * each group headed by its count; ↑↓, PgUp/PgDn, Home/End move, Enter
 * jumps to the item, q / Esc goes back.  The findings come from
 * model/check.c, the same as `pia check`.
 */
#include "check_view.h"
#include "dialogs.h"
#include "draw.h"
#include "grouped_list.h"
#include "input.h"
#include "keymap.h"
#include "view.h"
#include "model/check.h"

#include <stdlib.h>
#include <string.h>

typedef struct cview {
    tui_app *a;
    const pia_doc *doc;
    pia_finding *f;
    int nf;
    tui_glist list;  /* rows: an item is an index in the findings */
    char **text;     /* a row's text, row for row */
    char **brief;    /* a group's heading for the title line: "Ⅱ(2) 名前 ― 53 件" */
    int chosen;      /* the finding Enter chose; -1 */
} cview;

static const pia_node *section_of(const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    return n;
}

static void add_row(cview *v, int finding, char *text)
{
    int r = finding < 0 ? tui_gl_heading(&v->list) : tui_gl_entry(&v->list, finding);
    v->text = pia_xrealloc(v->text, (size_t)(r + 1) * sizeof *v->text);
    v->text[r] = text;
}

/* The group heading: the section's printed heading (or, brief, its
 * number), the file when it is answered per file, and how many findings
 * the group holds. */
static char *group_heading(const cview *v, int first, int count, int brief)
{
    const pia_finding *x = &v->f[first];
    const pia_node *s = section_of(x->node);
    char *h = brief && s->number ? pia_xstrdup(s->number) : pia_node_heading(s);
    char *t;
    if (s->per_file && x->file > 0 && x->file <= v->doc->nfiles)
        t = pia_xasprintf(brief ? "%s(%d) %s ― %d 件" : "%s ／ (%d) %s ― %d 件", h, x->file,
                          v->doc->files[x->file - 1].name, count);
    else
        t = pia_xasprintf("%s ― %d 件", h, count);
    free(h);
    return t;
}

static int same_group(const pia_finding *a, const pia_finding *b)
{
    return section_of(a->node) == section_of(b->node) && a->file == b->file;
}

/* A finding's row: its place without the section (the heading says it). */
static char *finding_text(const pia_finding *x)
{
    const char *where = x->where, *sp = strchr(where, ' ');
    if (x->node->parent && sp)
        where = sp + 1;
    return pia_xasprintf("%s ― %s", where, x->what);
}

static void build(cview *v)
{
    for (int i = 0; i < v->nf;) {
        int j = i;
        while (j < v->nf && same_group(&v->f[i], &v->f[j]))
            j++;
        add_row(v, -1, group_heading(v, i, j - i, 0));
        v->brief = pia_xrealloc(v->brief, (size_t)v->list.ngroups * sizeof *v->brief);
        v->brief[v->list.ngroups - 1] = group_heading(v, i, j - i, 1);
        for (int k = i; k < j; k++)
            add_row(v, k, finding_text(&v->f[k]));
        i = j;
    }
}

static void draw(void *self)
{
    cview *v = self;
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr), room = rows - 2;
    tui_glist *l = &v->list;
    erase();
    char *title = pia_xasprintf("確認 %d/%d ／ %s", tui_gl_item(l) + 1, v->nf, v->brief[tui_gl_group(l)]);
    tui_hline_text(stdscr, 0, title, PAIR_TITLE);
    free(title);
    tui_gl_scroll(l, room);
    for (int i = 0; i < room && l->top + i < l->n; i++) {
        int r = l->top + i, head = l->item[r] < 0;
        if (r == l->cur) attron(A_REVERSE);
        if (head) attron(A_BOLD | COLOR_PAIR(PAIR_HEAD));
        mvhline(1 + i, 0, ' ', cols);
        tui_put(stdscr, 1 + i, head ? 1 : 3, cols - 4, v->text[r]);
        attroff(A_REVERSE | A_BOLD | COLOR_PAIR(PAIR_HEAD));
    }
    tui_draw_status(v->a, "Enter:項目へ PgUp/PgDn:ページ Home/End:先頭・末尾 [/]:前・次の大項目 q:戻る");
    move(1 + l->cur - l->top, 0);
    refresh();
}

/* Enter leaves with the finding chosen, q / Esc without one. */
static int on_action(void *self, tui_action action, const tui_event *ev)
{
    (void)ev;
    cview *v = self;
    if (tui_gl_act(&v->list, action, getmaxy(stdscr) - 2))
        return TUI_VIEW_STAY;
    if (action == ACT_OPEN)
        v->chosen = tui_gl_item(&v->list);
    return action == ACT_OPEN || action == ACT_BACK ? TUI_VIEW_LEAVE : TUI_VIEW_STAY;
}

/* No burst detection: nothing here takes text, and a paste is dropped. */
static const tui_view_ops check_ops = {
    .name = "check", .screen = SCR_CHECK, .read_flags = 0,
    .draw = draw, .on_action = on_action,
};

int tui_check_view(tui_app *a, const pia_form *form, const pia_doc *doc,
                   const pia_node **node, int *file, int *inst)
{
    cview v = { .a = a, .doc = doc };
    pia_check_doc(form, doc, &v.f, &v.nf);
    if (v.nf == 0) {
        tui_status(a, "確認: 指摘はありません");
        pia_findings_free(v.f, v.nf);
        return -1;
    }
    build(&v);
    v.chosen = -1;
    tui_gl_move(&v.list, -v.list.n);
    tui_view_run(&check_ops, a, &v);
    int c = v.chosen;
    if (c >= 0) {
        *node = v.f[c].node;
        *file = v.f[c].file;
        *inst = v.f[c].inst;
    }
    for (int i = 0; i < v.list.n; i++)
        free(v.text[i]);
    for (int i = 0; i < v.list.ngroups; i++)
        free(v.brief[i]);
    free(v.text);
    free(v.brief);
    tui_gl_free(&v.list);
    pia_findings_free(v.f, v.nf);
    return c >= 0 ? 0 : -1;
}
