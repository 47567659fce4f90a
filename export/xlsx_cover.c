/*
 * xlsx_cover.c — the cover and the 項目一覧 as the 様式 prints them.
 *
 * Cover: the form's title; the first two one-line items (評価書番号,
 * 評価書名) as a small table with their labels on top; every longer item
 * (the 宣言, 特記事項) as a captioned box; the remaining one-line items
 * (評価実施機関名, 承認日, 公表日) as label | answer rows; the stamp of the
 * 様式's edition at the foot of the page, on the right.  Which item goes
 * where follows the template's `short` flags; no item is named here.
 */
#include "xlsx_build.h"
#include "model/format.h"

#include <stdlib.h>
#include <string.h>

#define BOX_FIRST_LINES 10    /* the 宣言 is a paragraph or two */
#define BOX_LINES 5

static void spacer(xl_sheet *s, double h)
{
    xl_row *x = xl_sheet_row(s);
    xl_row_cell(x, 0, XL_BODY_COLS - 1, "", XL_S_PLAIN, 0);
    x->fixed_h = h;
}

/* A page of its own with a title near the top. */
static lxw_worksheet *titled_page(xl_ctx *c, xl_sheet *s, const char *sheet, const char *title,
                                  xl_style style, double above, double below)
{
    lxw_worksheet *ws = xl_add_sheet(c, sheet, 0);
    if (!ws)
        return NULL;
    xl_sheet_init(s, &c->m, xl_body_widths, XL_BODY_COLS);
    spacer(s, above);
    xl_row *x = xl_sheet_row(s);
    xl_row_cell(x, 0, XL_BODY_COLS - 1, title, style, 0);
    x->min_h = style == XL_S_TITLE ? 40 : 30;
    spacer(s, below);
    return ws;
}

static int is_cover_item(const pia_prow *r)
{
    return r->kind == PIA_P_TEXT || r->kind == PIA_P_CHOICE;
}

static void number_table(xl_sheet *s, const pia_prow *a, const pia_prow *b)
{
    xl_row *x = xl_sheet_row(s);
    xl_row_cell(x, 0, 0, a->heading, XL_S_CAPTION, 0);
    xl_row_cell(x, 1, XL_BODY_COLS - 1, b->heading, XL_S_CAPTION, 0);
    x->keep_next = 1;
    x = xl_sheet_row(s);
    xl_row_cell(x, 0, 0, a->answer, XL_S_CENTRE, 0);
    xl_row_cell(x, 1, XL_BODY_COLS - 1, b->answer, XL_S_CENTRE, 0);
    x->min_h = 24;
}

static void box(xl_ctx *c, xl_sheet *s, const pia_prow *r, int lines)
{
    xl_row *x = xl_sheet_row(s);
    xl_row_cell(x, 0, XL_BODY_COLS - 1, r->heading, XL_S_CAPTION, 0);
    x->keep_next = 1;
    x = xl_sheet_row(s);
    xl_row_cell(x, 0, XL_BODY_COLS - 1, r->answer, XL_S_TEXT, 0)->split = 1;
    x->min_h = xl_row_height(&c->m, lines, XL_FONT_SIZE);
    x->cont = pia_xasprintf("%s（続き）", r->heading);
    spacer(s, 14);
}

void xl_write_cover(xl_ctx *c, int from, int to)
{
    xl_sheet s;
    lxw_worksheet *ws = titled_page(c, &s, c->print->rows[from].heading, c->form->title, XL_S_TITLE, 36, 30);
    if (!ws)
        return;
    xl_row *x;
    /* As many items as the template's cover has: none is left out. */
    const pia_prow **items = pia_xcalloc((size_t)(to > from ? to - from : 1), sizeof *items);
    int *used = pia_xcalloc((size_t)(to > from ? to - from : 1), sizeof *used);
    int n = 0;
    for (int i = from; i < to; i++)
        if (is_cover_item(&c->print->rows[i]))
            items[n++] = &c->print->rows[i];
    const pia_node *pair[2];
    if (n >= 2 && pia_print_cover_pair(c->print->rows[from].node, pair) &&
        items[0]->node == pair[0] && items[1]->node == pair[1]) {
        number_table(&s, items[0], items[1]);
        used[0] = used[1] = 1;
        spacer(&s, 24);
    }
    int boxes = 0;
    for (int i = 0; i < n; i++) {
        if (used[i] || items[i]->node->is_short)
            continue;
        box(c, &s, items[i], boxes++ ? BOX_LINES : BOX_FIRST_LINES);
        used[i] = 1;
    }
    for (int i = 0; i < n; i++) {
        if (used[i])
            continue;
        x = xl_sheet_row(&s);
        xl_row_cell(x, 0, 0, items[i]->heading, XL_S_SUBHEAD, 0);
        xl_row_cell(x, 1, XL_BODY_COLS - 1, items[i]->answer, XL_S_TEXT, 0)->split = 1;
        x->min_h = 22;
    }
    free(used);
    free(items);
    x = xl_sheet_row(&s);
    xl_row_cell(x, 0, XL_BODY_COLS - 1, c->form->edition, XL_S_STAMP, 0);
    x->to_bottom = 1;
    xl_finish_sheet(c, &s, ws);
}

/* "Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策": the number
 * and the label, without the section's notes. */
static char *contents_line(const pia_node *sec)
{
    return sec->number ? pia_xasprintf("%s %s", sec->number, sec->label) : pia_xstrdup(sec->label);
}

void xl_write_contents(xl_ctx *c)
{
    if (!c->form->contents_title || !c->form->ncontents)
        return;
    xl_sheet s;
    lxw_worksheet *ws = titled_page(c, &s, c->form->contents_title, c->form->contents_title,
                                    XL_S_PAGE_TITLE, 24, 12);
    if (!ws)
        return;
    for (int i = 0; i < c->form->ncontents; i++) {
        char *line = contents_line(c->form->contents[i]);
        char *shown = pia_text_visible(line);
        xl_row *x = xl_sheet_row(&s);
        xl_row_cell(x, 0, XL_BODY_COLS - 1, shown, XL_S_TEXT, 1);
        x->min_h = 22;
        free(shown);
        free(line);
    }
    xl_finish_sheet(c, &s, ws);
}
