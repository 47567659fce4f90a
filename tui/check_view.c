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
#include "input.h"
#include "keymap.h"
#include "view.h"
#include "model/check.h"

#include <stdlib.h>
#include <string.h>

typedef struct crow {
    int finding;     /* index in the findings; -1 for a group's heading */
    char *text;
    char *brief;     /* a heading's short form for the title line: "Ⅱ(2) 名前 ― 53 件" */
} crow;

typedef struct cview {
    tui_app *a;
    const pia_doc *doc;
    pia_finding *f;
    int nf;
    crow *rows;
    int n, cur, top;
    int chosen;      /* the finding Enter chose; -1 */
} cview;

static const pia_node *section_of(const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    return n;
}

static void add_row(cview *v, int finding, char *text, char *brief)
{
    v->rows = pia_xrealloc(v->rows, (size_t)(v->n + 1) * sizeof *v->rows);
    v->rows[v->n++] = (crow){ finding, text, brief };
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
        add_row(v, -1, group_heading(v, i, j - i, 0), group_heading(v, i, j - i, 1));
        for (int k = i; k < j; k++)
            add_row(v, k, finding_text(&v->f[k]), NULL);
        i = j;
    }
}

/* Move by `step` rows, then on to the nearest finding (headings are not
 * stops), staying inside the list. */
static void move_by(cview *v, int step)
{
    int dir = step < 0 ? -1 : 1, c = v->cur + step;
    if (c < 0) c = 0;
    if (c >= v->n) c = v->n - 1;
    while (c >= 0 && c < v->n && v->rows[c].finding < 0)
        c += dir;
    if (c < 0 || c >= v->n)          /* only headings that way: the other way */
        for (c = step < 0 ? 0 : v->n - 1; v->rows[c].finding < 0; c -= dir)
            ;
    v->cur = c;
}

/* To the first finding of the previous or next group (every heading is
 * followed by at least one finding). */
static void group(cview *v, int dir)
{
    int h = v->cur;
    while (h > 0 && v->rows[h].finding >= 0)
        h--;                                    /* this group's heading */
    if (dir < 0 && h > 0)
        for (h--; h > 0 && v->rows[h].finding >= 0; h--)
            ;
    if (dir > 0)
        for (h = v->cur + 1; h < v->n && v->rows[h].finding >= 0; h++)
            ;
    if (h < v->n - 1)
        v->cur = h + 1;
}

static void draw(cview *v)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr), room = rows - 2;
    erase();
    int head = v->cur;
    while (head > 0 && v->rows[head].finding >= 0)
        head--;
    char *title = pia_xasprintf("確認 %d/%d ／ %s", v->rows[v->cur].finding + 1, v->nf, v->rows[head].brief);
    tui_hline_text(stdscr, 0, title, PAIR_TITLE);
    free(title);
    if (v->cur < v->top) v->top = v->cur;
    if (v->cur >= v->top + room) v->top = v->cur - room + 1;
    if (v->top > 0 && v->rows[v->top - 1].finding < 0 && v->cur - v->top + 1 < room)
        v->top--;                    /* keep the first finding's heading on screen */
    for (int i = 0; i < room && v->top + i < v->n; i++) {
        const crow *r = &v->rows[v->top + i];
        int sel = v->top + i == v->cur;
        if (sel) attron(A_REVERSE);
        if (r->finding < 0) attron(A_BOLD | COLOR_PAIR(PAIR_HEAD));
        mvhline(1 + i, 0, ' ', cols);
        tui_put(stdscr, 1 + i, r->finding < 0 ? 1 : 3, cols - 4, r->text);
        attroff(A_REVERSE | A_BOLD | COLOR_PAIR(PAIR_HEAD));
    }
    tui_draw_status(v->a, "Enter:項目へ PgUp/PgDn:ページ Home/End:先頭・末尾 [/]:前・次の大項目 q:戻る");
    move(1 + v->cur - v->top, 0);
    refresh();
}

/* Returns 1 when done: *chosen is the finding (or -1 to go back). */
static int act(cview *v, tui_action action, int *chosen)
{
    int page = getmaxy(stdscr) - 3;
    switch (action) {
    case ACT_UP: move_by(v, -1); break;
    case ACT_DOWN: move_by(v, +1); break;
    case ACT_PGUP: move_by(v, -page); break;
    case ACT_PGDN: move_by(v, +page); break;
    case ACT_TOP: move_by(v, -v->n); break;
    case ACT_BOTTOM: move_by(v, +v->n); break;
    case ACT_OPEN: *chosen = v->rows[v->cur].finding; return 1;
    case ACT_PREV_SECTION: group(v, -1); break;
    case ACT_NEXT_SECTION: group(v, +1); break;
    case ACT_BACK: return 1;
    default: break;
    }
    return 0;
}

static int on_action(void *self, tui_action action, const tui_event *ev)
{
    (void)ev;
    cview *v = self;
    return act(v, action, &v->chosen) ? TUI_VIEW_LEAVE : TUI_VIEW_STAY;
}

static void on_draw(void *self)
{
    draw(self);
}

/* No burst detection: nothing here takes text, and a paste is dropped. */
static const tui_view_ops check_ops = {
    .name = "check", .screen = SCR_CHECK, .read_flags = 0,
    .draw = on_draw, .on_action = on_action,
};

static int run(cview *v)
{
    v->chosen = -1;
    move_by(v, -v->n);
    tui_view_run(&check_ops, v->a, v);
    return v->chosen;
}

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
    int c = run(&v);
    if (c >= 0) {
        *node = v.f[c].node;
        *file = v.f[c].file;
        *inst = v.f[c].inst;
    }
    for (int i = 0; i < v.n; i++) {
        free(v.rows[i].text);
        free(v.rows[i].brief);
    }
    free(v.rows);
    pia_findings_free(v.f, v.nf);
    return c >= 0 ? 0 : -1;
}
