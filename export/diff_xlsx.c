/*
 * diff_xlsx.c — a comparison as an XLSX workbook for reviewers.
 *
 * One entry per change: 区分, 項目 (the form's numbers), 見出し, 特定個人情報
 * ファイル, 変更前, 変更後.  変更前 shows the old answer with the deleted
 * phrases struck through in red, 変更後 the new answer with the inserted
 * phrases underlined in blue: the reviewer sees the changed phrase where
 * it sits in the sentence.  Printed on A4 landscape, one page wide, every
 * row as tall as its text; an answer longer than a row can hold goes on in
 * the rows below, cut where a line ends, so nothing is ever cut off (Excel
 * caps a row at 409 pt and a cell at 32,767 characters).  Written to a
 * temporary name and renamed.
 */
#include "diff.h"
#include "export.h"
#include "xlsx_file.h"
#include "xlsx_metrics.h"
#include "xlsx_style.h"
#include "model/format.h"
#include "model/linebreak.h"

#include <stdlib.h>
#include <string.h>

enum { C_KIND, C_WHERE, C_HEAD, C_FILE, C_BEFORE, C_AFTER, NCOLS };
static const double WIDTHS[NCOLS] = { 8, 18, 22, 14, 28, 28 };
static const char *const HEADS[NCOLS] = { "区分", "項目", "見出し", "特定個人情報ファイル", "変更前", "変更後" };

typedef struct xfmt {
    lxw_format *head, *title, *del, *ins, *plain;
    lxw_format *cell[2][2], *del_cell[2][2], *ins_cell[2][2];   /* [open top][open bottom] */
} xfmt;

typedef struct ctx {
    lxw_worksheet *ws;
    xfmt f;
    xl_metrics m;
    lxw_row_t row;
    lxw_error err;
} ctx;

static lxw_format *font_format(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    xl_set_font(f, XL_FONT_SIZE);
    return f;
}

static lxw_format *cell_format(lxw_workbook *wb, int open_top, int open_bottom)
{
    lxw_format *f = font_format(wb);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_left(f, LXW_BORDER_THIN);
    format_set_right(f, LXW_BORDER_THIN);
    format_set_top(f, open_top ? LXW_BORDER_NONE : LXW_BORDER_THIN);
    format_set_bottom(f, open_bottom ? LXW_BORDER_NONE : LXW_BORDER_THIN);
    return f;
}

static void deleted(lxw_format *f)
{
    format_set_font_strikeout(f);
    format_set_font_color(f, 0xC00000);
}

static void inserted(lxw_format *f)
{
    format_set_underline(f, LXW_UNDERLINE_SINGLE);
    format_set_font_color(f, 0x0070C0);
    format_set_bold(f);
}

static void make_formats(lxw_workbook *wb, xfmt *f)
{
    xl_normal_font(wb);
    f->title = font_format(wb);
    format_set_bold(f->title);
    f->head = cell_format(wb, 0, 0);
    format_set_bold(f->head);
    format_set_bg_color(f->head, 0xDDEBF7);
    for (int t = 0; t < 2; t++) {
        for (int b = 0; b < 2; b++) {
            f->cell[t][b] = cell_format(wb, t, b);
            deleted(f->del_cell[t][b] = cell_format(wb, t, b));
            inserted(f->ins_cell[t][b] = cell_format(wb, t, b));
        }
    }
    deleted(f->del = font_format(wb));
    inserted(f->ins = font_format(wb));
    f->plain = font_format(wb);
}

/* ---- one side of the diff, as text with its edits marked --------------- */

typedef struct side {
    char *text;
    char *edit;            /* per byte of text: 1 inside this side's edits */
    size_t len, cap;
} side;

static void side_add(side *s, const char *t, int edited)
{
    char *v = pia_text_visible(t);
    size_t n = strlen(v);
    if (s->len + n + 1 > s->cap) {
        s->cap = (s->len + n + 1) * 2;
        s->text = pia_xrealloc(s->text, s->cap);
        s->edit = pia_xrealloc(s->edit, s->cap);
    }
    memcpy(s->text + s->len, v, n + 1);
    memset(s->edit + s->len, edited, n);
    s->len += n;
    free(v);
}

/* This side's text: equal parts, and its own edits (marked). */
static void side_build(side *s, const pia_tdiff_list *l, int op)
{
    memset(s, 0, sizeof *s);
    s->text = pia_xstrdup("");
    s->edit = pia_xcalloc(1, 1);
    s->cap = 1;
    for (int i = 0; i < l->n; i++)
        if (l->v[i].op == PIA_TD_EQUAL || l->v[i].op == op)
            side_add(s, l->v[i].text, l->v[i].op == op);
}

/* Bytes [a, b) of the side in one cell: plain and edited runs as a rich
 * string, or one formatted string when there is a single run. */
static lxw_error put_side(ctx *c, lxw_col_t col, const side *s, size_t a, size_t b, int op,
                          int open_top, int open_bottom)
{
    lxw_format *edit = op == PIA_TD_DELETE ? c->f.del : c->f.ins;
    lxw_format *whole = op == PIA_TD_DELETE ? c->f.del_cell[open_top][open_bottom]
                                            : c->f.ins_cell[open_top][open_bottom];
    lxw_format *cell = c->f.cell[open_top][open_bottom];
    int runs = 0;
    for (size_t i = a; i < b; i++)
        runs += i == a || s->edit[i] != s->edit[i - 1];
    char *piece = pia_xstrndup(s->text + a, b - a);
    lxw_error rc;
    if (runs <= 1) {
        rc = worksheet_write_string(c->ws, c->row, col, piece, b > a && s->edit[a] ? whole : cell);
        free(piece);
        return rc;
    }
    lxw_rich_string_tuple *frag = pia_xcalloc((size_t)runs, sizeof *frag);
    lxw_rich_string_tuple **ptrs = pia_xcalloc((size_t)runs + 1, sizeof *ptrs);
    int n = 0;
    for (size_t i = a; i < b;) {
        size_t j = i;
        while (j < b && s->edit[j] == s->edit[i])
            j++;
        frag[n].format = s->edit[i] ? edit : c->f.plain;
        frag[n].string = pia_xstrndup(s->text + i, j - i);
        ptrs[n] = &frag[n];
        n++;
        i = j;
    }
    rc = worksheet_write_rich_string(c->ws, c->row, col, ptrs, cell);
    for (int i = 0; i < n; i++)
        free(frag[i].string);
    free(frag);
    free(ptrs);
    free(piece);
    return rc;
}

/* ---- rows ---------------------------------------------------------------- */

static const char *what_label(const pia_cmp_entry *e)
{
    if (e->what == PIA_CMPW_FILE)
        return e->kind == PIA_CMP_CHANGED ? "ファイル名変更" : e->kind == PIA_CMP_ADDED
               ? "ファイル追加" : "ファイル削除";
    if (e->what == PIA_CMPW_INSTANCE)
        return e->kind == PIA_CMP_ADDED ? "項目追加" : "項目削除";
    return pia_cmp_kind_label(e->kind);
}

static int cap_of(const ctx *c, int col)
{
    return xl_text_cap(&c->m, WIDTHS, col, col, 0);
}

/* The fixed cells of an entry's first row. */
static int fixed_lines(const ctx *c, const char *const *fixed)
{
    int n = 1;
    for (int k = 0; k < C_BEFORE; k++) {
        int l = xl_text_lines(fixed[k], cap_of(c, k), XL_FONT_SIZE);
        n = l > n ? l : n;
    }
    return n;
}

static void note(ctx *c, lxw_error e)
{
    if (e && !c->err)
        c->err = e;
}

/* An entry: its fixed cells once, both sides cut into pieces of at most a
 * row each and written side by side until both are done. */
static void write_entry(ctx *c, const pia_cmp_entry *e)
{
    int with_text = e->what == PIA_CMPW_ITEM || (e->what == PIA_CMPW_FILE && e->kind == PIA_CMP_CHANGED);
    side s[2];
    side_build(&s[0], with_text ? &e->diff : &(pia_tdiff_list){ 0 }, PIA_TD_DELETE);
    side_build(&s[1], with_text ? &e->diff : &(pia_tdiff_list){ 0 }, PIA_TD_INSERT);
    char *where = pia_text_visible(e->where), *head = pia_text_visible(e->heading);
    char *file = pia_text_visible(e->file_name ? e->file_name : "");
    const char *fixed[C_BEFORE] = { what_label(e), where, head, file };
    size_t at[2] = { 0, 0 };
    for (int first = 1; first || at[0] < s[0].len || at[1] < s[1].len; first = 0) {
        int flines = first ? fixed_lines(c, fixed) : 1;
        int lines = flines > c->m.max_lines ? c->m.max_lines : flines;
        size_t end[2];
        int used[2] = { 1, 1 };
        for (int k = 0; k < 2; k++) {
            int cap = cap_of(c, C_BEFORE + k);
            end[k] = at[k] + pia_lb_cut(s[k].text + at[k], cap, pia_lb_print_width, c->m.max_lines, 0, &used[k]);
            lines = used[k] > lines ? used[k] : lines;
        }
        int last = end[0] >= s[0].len && end[1] >= s[1].len;
        /* After a cut at a newline, the next piece starts past it. */
        worksheet_set_row(c->ws, c->row, xl_row_height(&c->m, lines, XL_FONT_SIZE), NULL);
        for (int k = 0; k < C_BEFORE; k++)
            note(c, worksheet_write_string(c->ws, c->row, (lxw_col_t)k, first ? fixed[k] : "",
                                           c->f.cell[!first][!last]));
        for (int k = 0; k < 2; k++) {
            note(c, put_side(c, (lxw_col_t)(C_BEFORE + k), &s[k], at[k], end[k],
                             k ? PIA_TD_INSERT : PIA_TD_DELETE, !first, !last));
            at[k] = end[k] < s[k].len ? pia_lb_skip(s[k].text, end[k]) : end[k];
        }
        c->row++;
    }
    for (int k = 0; k < 2; k++) {
        free(s[k].text);
        free(s[k].edit);
    }
    free(where);
    free(head);
    free(file);
}

static lxw_error write_sheet(lxw_workbook *wb, const pia_cmp *cmp, const pia_diff_opts *o)
{
    ctx c = { 0 };
    make_formats(wb, &c.f);
    xl_metrics_init(&c.m, PIA_XLSX_EXCEL, 1);
    c.ws = workbook_add_worksheet(wb, "比較");
    if (!c.ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    xl_page_setup(c.ws, 1);
    worksheet_set_footer(c.ws, "&C&P / &N");
    char *title = pia_xasprintf("比較: %s → %s（変更 %d 件）", o && o->label_a ? o->label_a : "A",
                                o && o->label_b ? o->label_b : "B", cmp->nchanged);
    char *shown = pia_text_visible(title);
    note(&c, worksheet_write_string(c.ws, 0, 0, shown, c.f.title));
    free(shown);
    free(title);
    int head_lines = 1;
    for (int k = 0; k < NCOLS; k++) {
        note(&c, worksheet_write_string(c.ws, 2, (lxw_col_t)k, HEADS[k], c.f.head));
        worksheet_set_column(c.ws, (lxw_col_t)k, (lxw_col_t)k, WIDTHS[k], NULL);
        /* The filter's button takes about a character of the cell: a
         * heading that wraps (特定個人情報ファイル) needs its row taller,
         * or its last characters spill over the first change. */
        char *with_button = pia_xasprintf("%s　", HEADS[k]);
        int l = xl_text_lines(with_button, cap_of(&c, k), XL_FONT_SIZE);
        free(with_button);
        head_lines = l > head_lines ? l : head_lines;
    }
    worksheet_set_row(c.ws, 2, xl_row_height(&c.m, head_lines, XL_FONT_SIZE), NULL);
    worksheet_repeat_rows(c.ws, 2, 2);
    worksheet_freeze_panes(c.ws, 3, 0);
    c.row = 3;
    for (int i = 0; !c.err && i < cmp->n; i++)
        write_entry(&c, &cmp->v[i]);
    if (!c.err && c.row > 3)
        c.err = worksheet_autofilter(c.ws, 2, 0, c.row - 1, NCOLS - 1);
    return c.err;
}

int pia_export_diff_xlsx(const pia_cmp *c, const pia_diff_opts *o, const char *path, pia_err *err)
{
    pia_xlsx_file f;
    if (pia_xlsx_open(&f, path, 0, err))
        return -1;
    return pia_xlsx_commit(&f, write_sheet(f.wb, c, o), err);
}
