/*
 * form_rows.c — the form view's list as drawn: what a row shows (its label
 * wrapped in its column, the answer beside it, the section's counts and
 * review state), how many lines it takes, the list scrolled so the cursor's
 * row is whole, and the detail pane under the list.  The view's state, its
 * loop and its commands are in form_view.c; this file reads that state and
 * changes only the list's first row shown (v->top).
 */
#include "form_rows.h"
#include "draw.h"
#include "width.h"
#include "model/check.h"
#include "model/format.h"
#include "model/print.h"
#include "model/review.h"

#include <stdlib.h>
#include <string.h>

const pia_value *tui_fv_value_of(const fview *v, const vrow *r)
{
    return pia_doc_get(v->doc, r->afile, r->inst, r->node->id);
}

int tui_fv_section_index(const fview *v, const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    for (int s = 0; s < v->form->nsections; s++)
        if (v->form->sections[s] == n)
            return s;
    return 0;
}

/* The answer as shown beside the label: first line of a text, the chosen
 * value of a choice. */
static char *preview(const fview *v, const vrow *r)
{
    const pia_node *n = r->node;
    const pia_value *val = tui_fv_value_of(v, r);
    if (n->autofill) {
        char *names = pia_print_autofill(v->doc, r->afile == 0 ? 0 : r->file);
        char *line = pia_text_abbrev(*names ? names : "（ファイル名）", 200);
        free(names);
        return line;
    }
    if (n->kind == PIA_CHOICE)
        return pia_format_choice(n, val);
    if (n->kind == PIA_CHECK)
        return val && val->detail[0] ? pia_format_detail(n, val->detail) : pia_xstrdup("");
    if (!val || !val->value[0])
        return pia_xstrdup("");
    const char *nl = strchr(val->value, '\n');
    return nl ? pia_xasprintf("%.*s …", (int)(nl - val->value), val->value) : pia_xstrdup(val->value);
}

/* Lines a row's label may take in the list: longer labels end in … there;
 * the detail pane under the list and `i` show them whole. */
enum { ROW_MAX_LINES = 3 };

/* What a row shows and where: its label, wrapped in a column, and for an
 * item the answer beside the label's first line. */
typedef struct rowtext {
    char *label;
    char *answer;           /* NULL for headings and check boxes (theirs is in the label) */
    int x, room;            /* the label's column */
    int answer_x;
} rowtext;

static int row_indent(const vrow *r)
{
    int indent = (r->node->depth > 0 ? r->node->depth - 1 : 0) * 2;
    return indent > 16 ? 16 : indent;
}

/* The answer of r as shown beside its label, with its open comments. */
static char *row_answer(const fview *v, const vrow *r)
{
    char *p = preview(v, r);
    int open = v->review ? pia_review_open_count(v->review, r->afile, r->inst, r->node->id) : 0;
    if (!open)
        return p;
    char *t = pia_xasprintf("［コメント%d］%s", open, p);
    free(p);
    return t;
}

/* The text of r for a screen `cols` wide; with_answer 0 leaves out what
 * does not change the row's height (the answer beside an item; a box's
 * text is part of its label, so it is always there). */
static void row_text(const fview *v, const vrow *r, int cols, int with_answer, rowtext *t)
{
    const pia_node *n = r->node;
    int indent = row_indent(r);
    char *h = pia_node_heading(n);
    *t = (rowtext){ .x = 2 + indent, .room = cols - 4 - indent };
    if (n->kind == PIA_GROUP) {
        char *label = n->repeat ? pia_xasprintf("%s%d", h, r->inst) : pia_xstrdup(h);
        if (n->depth == 0) {
            int s = tui_fv_section_index(v, n);
            pia_review_state rs = v->review ? pia_review_state_of(v->review, n->id) : PIA_REVIEW_NONE;
            t->label = pia_xasprintf("%s  （%d/%d）%s%s%s", label, v->sec_answered[s], v->sec_total[s],
                                     rs ? "［" : "", rs ? pia_review_state_label(rs) : "", rs ? "］" : "");
            free(label);
            label = t->label;
        }
        t->label = r->na_head ? pia_xasprintf("%s （該当なし）", label) : pia_xstrdup(label);
        free(label);
    } else if (n->kind == PIA_CHECK) {
        /* A box's own text follows its label, wrapped with it. */
        char *p = row_answer(v, r);
        t->label = pia_xasprintf("[%s] %s%s%s", pia_value_checked(tui_fv_value_of(v, r)) ? "○" : " ", h,
                                 *p ? " " : "", p);
        free(p);
    } else {
        t->label = pia_xstrdup(h);
        t->room = cols * 45 / 100 - indent;
        t->answer_x = cols * 45 / 100 + 3;
        t->answer = with_answer ? row_answer(v, r) : NULL;
    }
    free(h);
}

static void rowtext_free(rowtext *t)
{
    free(t->label);
    free(t->answer);
}

/* Screen lines of row i: its label wrapped, at most ROW_MAX_LINES. */
static int row_lines(const fview *v, int i)
{
    rowtext t;
    row_text(v, &v->rows[i], getmaxx(stdscr), 0, &t);
    int n = tui_wrap_lines(t.label, t.room);
    rowtext_free(&t);
    return n < ROW_MAX_LINES ? n : ROW_MAX_LINES;
}

/* Draw row r from line y, at most `lines` lines (the list's last row may
 * be cut by the pane under it); returns the lines drawn. */
static int draw_row(fview *v, int y, const vrow *r, int selected, int lines)
{
    int cols = getmaxx(stdscr);
    const pia_node *n = r->node;
    rowtext t;
    row_text(v, r, cols, 1, &t);
    int max = lines < ROW_MAX_LINES ? lines : ROW_MAX_LINES;
    int h = tui_wrap_lines(t.label, t.room);
    if (h > max)
        h = max;
    if (selected) attron(A_REVERSE);
    for (int i = 0; i < h; i++)
        mvhline(y + i, 0, ' ', cols);
    if (r->na) attron(A_DIM);
    if (n->kind == PIA_GROUP) {
        attron(A_BOLD | (n->depth == 0 ? COLOR_PAIR(PAIR_HEAD) : 0));
        tui_put_wrapped(stdscr, y, t.x, t.room, h, t.label);
        attroff(A_BOLD | COLOR_PAIR(PAIR_HEAD));
    } else {
        if (r->state == PIA_STATE_OPEN) {
            attron(COLOR_PAIR(PAIR_OPEN) | A_BOLD);
            tui_put(stdscr, y, 0, 2, "・");
            attroff(COLOR_PAIR(PAIR_OPEN) | A_BOLD);
        }
        tui_put_wrapped(stdscr, y, t.x, t.room, h, t.label);
        if (t.answer && t.answer_x < cols - 2)
            tui_put(stdscr, y, t.answer_x, cols - t.answer_x - 1, t.answer);
    }
    rowtext_free(&t);
    if (r->na) attroff(A_DIM);
    if (selected) attroff(A_REVERSE);
    return h;
}

/* Lines of the detail pane under the list (its rule not counted): the
 * current row's full number, label and the start of its guidance. */
static int detail_lines(void)
{
    return getmaxy(stdscr) >= 40 ? 6 : 4;
}

/* Rows of the list itself. */
static int list_room(void)
{
    return getmaxy(stdscr) - 3 - detail_lines();
}

/* The row's printed numbers and label, as the form prints them. */
char *tui_fv_full_heading(const vrow *r)
{
    char *where = pia_location(r->node, r->file, r->inst);
    if (!r->node->repeat)
        return where;
    char *t = pia_xasprintf("%s%d", where, r->inst);
    free(where);
    return t;
}

/* Whatever the list cuts is whole here: labels wrap (Japanese line
 * breaking), the guidance follows; `i` shows all of it. */
static void draw_detail(const fview *v, int y, int lines)
{
    int cols = getmaxx(stdscr);
    mvhline(y - 1, 0, ACS_HLINE, cols);
    if (!v->nrows)
        return;
    const vrow *r = &v->rows[v->cur];
    char *head = tui_fv_full_heading(r);
    const char *help = r->node->help;
    int head_max = help ? lines - 1 : lines;
    attron(A_BOLD);
    int used = tui_put_wrapped(stdscr, y, 1, cols - 2, head_max, head);
    attroff(A_BOLD);
    free(head);
    if (help) {
        attron(A_DIM);
        tui_put_wrapped(stdscr, y + used, 1, cols - 2, lines - used, help);
        attroff(A_DIM);
    }
}

/* The first row shown, so that the cursor's row is whole on the screen:
 * rows take one to ROW_MAX_LINES lines. */
static void scroll_to_cursor(fview *v, int room)
{
    if (v->cur < v->top)
        v->top = v->cur;
    if (v->cur - v->top > room)         /* every row takes a line at least */
        v->top = v->cur - room;
    if (v->top < 0)
        v->top = 0;
    int used = 0;
    for (int i = v->top; i <= v->cur; i++)
        used += row_lines(v, i);
    while (used > room && v->top < v->cur)
        used -= row_lines(v, v->top++);
}

/* Rows a page key moves over: as many as the screen shows from the top. */
int tui_fv_page_rows(const fview *v)
{
    int room = list_room(), n = 0;
    for (int i = v->top, used = 0; i < v->nrows && (used += row_lines(v, i)) <= room; i++)
        n++;
    return n > 1 ? n : 1;
}

/* The list from line 1 and the detail pane under it; returns the line of
 * the cursor's row. */
int tui_fv_draw_rows(fview *v)
{
    int rows = getmaxy(stdscr);
    int room = list_room(), cur_y = 1;
    scroll_to_cursor(v, room);
    for (int i = v->top, y = 1; i < v->nrows && y < 1 + room; i++) {
        if (i == v->cur)
            cur_y = y;
        y += draw_row(v, y, &v->rows[i], i == v->cur, 1 + room - y);
    }
    draw_detail(v, rows - 1 - detail_lines(), detail_lines());
    return cur_y;
}
