/*
 * xlsx_body.c — the sections of the statutory sheet as the 様式 prints
 * them: the section's band across the page; numbered headings and the
 * ①② labels on the left, indented by depth; the answer on the right; a
 * choice as `[ 十分である ]` with its <選択肢> list in a column of its own;
 * check boxes inline, several to a line; and 別添3 as its six-column table.
 */
#include "xlsx_build.h"
#include "model/format.h"

#include <stdlib.h>
#include <string.h>

const double xl_body_widths[XL_BODY_COLS] = { 24, 26, 30 };

static int label_indent(const pia_prow *r)
{
    return r->depth > 2 ? r->depth - 2 : 0;
}

static xl_style label_style(const pia_prow *r)
{
    return r->depth <= 1 ? XL_S_HEAD : XL_S_LABEL;
}

static char *continued(const char *heading)
{
    return pia_xconcat(heading, "（続き）", (char *)NULL);
}

/* A label on the left, a long answer on the right that may go on. */
static void label_answer(xl_sheet *s, const pia_prow *r, xl_style ls, const char *answer)
{
    xl_row *x = xl_sheet_row(s);
    xl_row_cell(x, XL_COL_LABEL, XL_COL_LABEL, r->heading, ls, label_indent(r));
    xl_row_cell(x, XL_COL_ANSWER, XL_COL_OPTIONS, answer, XL_S_TEXT, 0)->split = 1;
    x->cont = continued(r->heading);
    x->keep_next = r->keep_next;
}

static void section_row(xl_ctx *c, xl_sheet *s, const pia_prow *r)
{
    xl_row *x = xl_sheet_row(s);
    xl_row_cell(x, 0, XL_BODY_COLS - 1, r->heading, XL_S_BAND, 0);
    x->min_h = 22;
    x->keep_next = 1;
    /* A per-file section names its file, unless its first item does. */
    const pia_node *sec = r->node;
    int named = sec->nkids > 0 && sec->kids[0]->autofill;
    if (r->file_name && !named) {
        char *f = pia_xasprintf("（%d）%s", r->file, r->file_name);
        x = xl_sheet_row(s);
        xl_row_cell(x, 0, XL_BODY_COLS - 1, f, XL_S_SUBHEAD, 0);
        x->keep_next = 1;
        free(f);
    }
    (void)c;
}

static void heading_row(xl_sheet *s, const pia_prow *r)
{
    xl_style st = r->depth <= 1 ? XL_S_HEAD : XL_S_SUBHEAD;
    if (*r->answer) {
        label_answer(s, r, st, r->answer);
        return;
    }
    xl_row *x = xl_sheet_row(s);
    xl_row_cell(x, 0, XL_BODY_COLS - 1, r->heading, st, label_indent(r));
    x->keep_next = 1;
}

/* `[ 有料 ]（手数料額、納付方法： … ）`: a choice whose detail wraps reads
 * from the left; centred, its lines stood ragged on both sides. */
static xl_style choice_style(const xl_sheet *s, const char *answer)
{
    const char *end = strrchr(answer, ']');
    if (!end || !end[1])
        return XL_S_CHOICE;
    int cap = xl_text_cap(s->m, s->widths, XL_COL_ANSWER, XL_COL_ANSWER, 0);
    return xl_text_lines(answer, cap, 10) > 1 ? XL_S_TEXT : XL_S_CHOICE;
}

static void choice_row(xl_sheet *s, const pia_prow *r)
{
    if (r->na_head) {
        label_answer(s, r, label_style(r), r->answer);
        return;
    }
    char *options = pia_format_options_sep(r->node, "\n");
    xl_row *x = xl_sheet_row(s);
    xl_row_cell(x, XL_COL_LABEL, XL_COL_LABEL, r->heading, label_style(r), label_indent(r));
    xl_row_cell(x, XL_COL_ANSWER, XL_COL_ANSWER, r->answer, choice_style(s, r->answer), 0);
    xl_row_cell(x, XL_COL_OPTIONS, XL_COL_OPTIONS, options, XL_S_OPTIONS, 0);
    x->keep_next = r->keep_next;
    free(options);
}

static void boxes_row(xl_ctx *c, xl_sheet *s, const pia_prow *r)
{
    int cap = xl_text_cap(&c->m, xl_body_widths, XL_COL_ANSWER, XL_COL_OPTIONS, 0);
    char *boxes = pia_print_boxes(r, cap);
    if (r->na_head) {
        char *t = pia_xconcat(boxes, *boxes ? "\n" : "", PIA_NA_TEXT, (char *)NULL);
        free(boxes);
        boxes = t;
    }
    label_answer(s, r, label_style(r), boxes);
    free(boxes);
}

static void body_row(xl_ctx *c, xl_sheet *s, const pia_prow *r)
{
    switch (r->kind) {
    case PIA_P_SECTION: section_row(c, s, r); break;
    case PIA_P_HEADING: heading_row(s, r); break;
    case PIA_P_CHOICE: choice_row(s, r); break;
    case PIA_P_BOXES: boxes_row(c, s, r); break;
    case PIA_P_TEXT: label_answer(s, r, label_style(r), r->answer); break;
    }
}

void xl_write_section(xl_ctx *c, const char *sheet, int from, int to)
{
    lxw_worksheet *ws = xl_add_sheet(c, sheet, 1);
    if (!ws)
        return;
    xl_sheet s;
    xl_sheet_init(&s, &c->m, xl_body_widths, XL_BODY_COLS);
    for (int i = from; i < to; i++)
        body_row(c, &s, &c->print->rows[i]);
    xl_finish_sheet(c, &s, ws);
}

/* ---- a section printed as a table (別添3) ------------------------------- */

/* 変更日 | 項目 | 変更前の記載 | 変更後の記載 | 提出時期 | 提出時期に係る説明.
 * 変更日 holds 「令和7年12月10日」 on one line (a width unit is a half-width
 * character): at 9 a date broke before its day.  項目 stays narrow: at 14
 * or 15 the sample's 「Ⅲ 7. リスク1 ⑤物理的対策」 ends a line with ⑤, which
 * the PDF importer then misplaces (t_import reads pia's own PDF back). */
static const double table_widths[PIA_TABLE_MAX_COLS] = { 15, 13, 16.5, 16.5, 7.5, 11.5 };

static int column_of(const pia_node *g, const pia_node *n)
{
    for (int k = 0; k < g->nkids; k++)
        if (g->kids[k] == n)
            return k;
    return -1;
}

void xl_write_table(xl_ctx *c, const char *sheet, int from, int to)
{
    const pia_node *g = pia_print_table_group(c->print->rows[from].node);
    int ncols = g ? (g->nkids < PIA_TABLE_MAX_COLS ? g->nkids : PIA_TABLE_MAX_COLS) : 0;
    if (!g) {                        /* not a table after all */
        xl_write_section(c, sheet, from, to);
        return;
    }
    lxw_worksheet *ws = xl_add_sheet(c, sheet, 1);
    if (!ws)
        return;
    double widths[PIA_TABLE_MAX_COLS];
    double total = 0;
    for (int k = 0; k < ncols; k++)
        total += table_widths[k];
    for (int k = 0; k < ncols; k++)          /* fewer columns share the width */
        widths[k] = table_widths[k] * 80.0 / total;
    xl_sheet s;
    xl_sheet_init(&s, &c->m, widths, ncols);
    xl_row *x = xl_sheet_row(&s);
    xl_row_cell(x, 0, ncols - 1, c->print->rows[from].heading, XL_S_BAND, 0);
    x->min_h = 22;
    x->keep_next = 1;
    x = xl_sheet_row(&s);
    for (int k = 0; k < ncols; k++) {
        char *h = pia_print_heading(g->kids[k], 0);
        xl_row_cell(x, k, k, h, XL_S_CAPTION, 0);
        free(h);
    }
    x->keep_next = 1;
    s.header_row = s.n - 1;
    xl_row *line = NULL;
    for (int i = from + 1; i < to; i++) {
        const pia_prow *r = &c->print->rows[i];
        if (r->node == g) {
            line = xl_sheet_row(&s);
            for (int k = 0; k < ncols; k++)
                xl_row_cell(line, k, k, "", k == ncols - 2 ? XL_S_CENTRE : XL_S_TEXT, 0)->split = 1;
            continue;
        }
        int k = line ? column_of(g, r->node) : -1;
        if (k < 0 || k >= ncols)
            continue;
        /* 提出時期 reads 事前 or 事後, without its list. */
        const char *text = r->kind == PIA_P_CHOICE ? r->chosen : r->answer;
        free(line->cells[k].text);
        line->cells[k].text = pia_xstrdup(text);
    }
    xl_finish_sheet(c, &s, ws);
}
