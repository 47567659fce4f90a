/*
 * diff_xlsx.c — a comparison as an XLSX workbook for reviewers.
 *
 * One row per change: 区分, 項目 (the form's numbers), 見出し, 特定個人情報
 * ファイル, 変更前, 変更後.  変更前 shows the old answer with the deleted
 * phrases struck through in red, 変更後 the new answer with the inserted
 * phrases underlined in blue: the reviewer sees the changed phrase where
 * it sits in the sentence.  Written to a temporary name and renamed.
 */
#include "diff.h"
#include "export.h"
#include "xlsx_file.h"

#include <stdlib.h>
#include <string.h>

#define XLSX_CELL_MAX 32000   /* Excel's limit is 32,767 characters */

typedef struct xfmt {
    lxw_format *head, *wrap, *del, *ins, *plain;
    lxw_format *del_cell, *ins_cell;   /* a whole cell deleted / inserted */
} xfmt;

static lxw_format *cell_format(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f, LXW_BORDER_THIN);
    return f;
}

static void make_formats(lxw_workbook *wb, xfmt *f)
{
    f->head = workbook_add_format(wb);
    format_set_bold(f->head);
    format_set_bg_color(f->head, 0xDDEBF7);
    format_set_border(f->head, LXW_BORDER_THIN);
    format_set_text_wrap(f->head);
    f->wrap = cell_format(wb);
    f->del_cell = cell_format(wb);
    format_set_font_strikeout(f->del_cell);
    format_set_font_color(f->del_cell, 0xC00000);
    f->ins_cell = cell_format(wb);
    format_set_underline(f->ins_cell, LXW_UNDERLINE_SINGLE);
    format_set_font_color(f->ins_cell, 0x0070C0);
    format_set_bold(f->ins_cell);
    f->del = workbook_add_format(wb);
    format_set_font_strikeout(f->del);
    format_set_font_color(f->del, 0xC00000);
    f->ins = workbook_add_format(wb);
    format_set_underline(f->ins, LXW_UNDERLINE_SINGLE);
    format_set_font_color(f->ins, 0x0070C0);
    format_set_bold(f->ins);
    f->plain = workbook_add_format(wb);
}

/* Cut a fragment so the cell stays under Excel's limit (UTF-8 safe). */
static char *clip(const char *s, size_t *budget)
{
    size_t n = strlen(s);
    if (n <= *budget) {
        *budget -= n;
        return pia_xstrdup(s);
    }
    size_t k = *budget;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    *budget = 0;
    return pia_xstrndup(s, k);
}

/* One side of the diff as a rich string: equal text plain, this side's
 * edits in `fmt`, the other side's edits left out. */
static lxw_error write_side(lxw_worksheet *ws, int row, int col, const pia_tdiff_list *l,
                            int side, lxw_format *fmt, const xfmt *f)
{
    lxw_rich_string_tuple *frag = pia_xcalloc((size_t)l->n + 1, sizeof *frag);
    lxw_rich_string_tuple **ptrs = pia_xcalloc((size_t)l->n + 2, sizeof *ptrs);
    int n = 0;
    size_t budget = XLSX_CELL_MAX;
    for (int i = 0; i < l->n && budget > 0; i++) {
        const pia_tdiff *t = &l->v[i];
        if (t->op != PIA_TD_EQUAL && t->op != side)
            continue;
        frag[n].format = t->op == PIA_TD_EQUAL ? f->plain : fmt;
        frag[n].string = clip(t->text, &budget);
        if (!frag[n].string[0]) {
            free(frag[n].string);
            continue;
        }
        ptrs[n] = &frag[n];
        n++;
    }
    lxw_error rc = LXW_NO_ERROR;
    /* A rich string needs two fragments; one is a formatted cell. */
    if (n >= 2)
        rc = worksheet_write_rich_string(ws, (lxw_row_t)row, (lxw_col_t)col, ptrs, f->wrap);
    else if (n == 1 && frag[0].format == fmt)
        rc = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, frag[0].string,
                                    fmt == f->del ? f->del_cell : f->ins_cell);
    else
        rc = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
                                    n ? frag[0].string : "", f->wrap);
    for (int i = 0; i < n; i++)
        free(frag[i].string);
    free(frag);
    free(ptrs);
    return rc;
}

static const char *what_label(const pia_cmp_entry *e)
{
    if (e->what == PIA_CMPW_FILE)
        return e->kind == PIA_CMP_CHANGED ? "ファイル名変更" : e->kind == PIA_CMP_ADDED
               ? "ファイル追加" : "ファイル削除";
    if (e->what == PIA_CMPW_INSTANCE)
        return e->kind == PIA_CMP_ADDED ? "項目追加" : "項目削除";
    return pia_cmp_kind_label(e->kind);
}

static lxw_error write_row(lxw_worksheet *ws, int row, const pia_cmp_entry *e, const xfmt *f)
{
    lxw_error rc = worksheet_write_string(ws, (lxw_row_t)row, 0, what_label(e), f->wrap);
    if (!rc)
        rc = worksheet_write_string(ws, (lxw_row_t)row, 1, e->where, f->wrap);
    if (!rc)
        rc = worksheet_write_string(ws, (lxw_row_t)row, 2, e->heading, f->wrap);
    if (!rc)
        rc = worksheet_write_string(ws, (lxw_row_t)row, 3, e->file_name ? e->file_name : "", f->wrap);
    if (!rc && e->what == PIA_CMPW_ITEM) {
        rc = write_side(ws, row, 4, &e->diff, PIA_TD_DELETE, f->del, f);
        if (!rc)
            rc = write_side(ws, row, 5, &e->diff, PIA_TD_INSERT, f->ins, f);
    } else if (!rc && e->what == PIA_CMPW_FILE && e->kind == PIA_CMP_CHANGED) {
        rc = write_side(ws, row, 4, &e->diff, PIA_TD_DELETE, f->del, f);
        if (!rc)
            rc = write_side(ws, row, 5, &e->diff, PIA_TD_INSERT, f->ins, f);
    }
    return rc;
}

static lxw_error write_sheet(lxw_workbook *wb, const pia_cmp *c, const pia_diff_opts *o)
{
    xfmt f;
    make_formats(wb, &f);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "比較");
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    static const char *heads[] = { "区分", "項目", "見出し", "特定個人情報ファイル", "変更前", "変更後" };
    static const double widths[] = { 10, 22, 34, 22, 60, 60 };
    char *title = pia_xasprintf("比較: %s → %s（変更 %d 件）", o && o->label_a ? o->label_a : "A",
                                o && o->label_b ? o->label_b : "B", c->nchanged);
    lxw_error rc = worksheet_write_string(ws, 0, 0, title, NULL);
    free(title);
    for (int k = 0; !rc && k < 6; k++) {
        rc = worksheet_write_string(ws, 2, (lxw_col_t)k, heads[k], f.head);
        if (!rc)
            rc = worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], NULL);
    }
    worksheet_freeze_panes(ws, 3, 0);
    for (int i = 0; !rc && i < c->n; i++)
        rc = write_row(ws, 3 + i, &c->v[i], &f);
    if (!rc && c->n)
        rc = worksheet_autofilter(ws, 2, 0, (lxw_row_t)(2 + c->n), 5);
    return rc;
}

int pia_export_diff_xlsx(const pia_cmp *c, const pia_diff_opts *o, const char *path, pia_err *err)
{
    pia_xlsx_file f;
    if (pia_xlsx_open(&f, path, 0, err))
        return -1;
    return pia_xlsx_commit(&f, write_sheet(f.wb, c, o), err);
}
