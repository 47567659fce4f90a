/*
 * review_report.c — the review report: each section's review state, then
 * every comment in the form's order (item, file, author, time, text,
 * resolved or not), as text or XLSX.  A separate document for reviewers;
 * the statutory sheet never carries comments.
 */
#include "diff.h"
#include "export.h"
#include "xlsx_file.h"
#include "model/format.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared --------------------------------------------------------- */

typedef struct sorted {
    const pia_comment *c;
    int order;     /* template position of the item, -1 for the whole */
} sorted;

static int by_form_order(const void *x, const void *y)
{
    const sorted *a = x, *b = y;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    if (a->c->file != b->c->file)
        return a->c->file < b->c->file ? -1 : 1;
    if (a->c->inst != b->c->inst)
        return a->c->inst < b->c->inst ? -1 : 1;
    return a->c->id < b->c->id ? -1 : a->c->id > b->c->id;
}

static sorted *sort_comments(const pia_form *form, const pia_review *r)
{
    sorted *v = pia_xcalloc((size_t)r->ncomments + 1, sizeof *v);
    for (int i = 0; i < r->ncomments; i++) {
        const pia_node *n = r->comments[i].item[0] ? pia_form_find(form, r->comments[i].item) : NULL;
        v[i] = (sorted){ &r->comments[i], n ? n->index : -1 };
    }
    qsort(v, (size_t)r->ncomments, sizeof *v, by_form_order);
    return v;
}

/* "Ⅲ 2. リスク1 リスクへの対策は十分か", or the id when the template no
 * longer has the item, or 評価書全体. */
static char *comment_title(const pia_form *form, const pia_comment *c)
{
    if (!c->item[0])
        return pia_xstrdup("評価書全体");
    const pia_node *n = pia_form_find(form, c->item);
    if (!n)
        return pia_xasprintf("%s（テンプレートにない項目）", c->item);
    return pia_cmp_title(n, c->inst);
}

static const char *file_name(const pia_doc *doc, int file)
{
    return file > 0 && file <= doc->nfiles ? doc->files[file - 1].name : "";
}

static int open_count(const pia_review *r)
{
    int n = 0;
    for (int i = 0; i < r->ncomments; i++)
        n += !r->comments[i].resolved;
    return n;
}

/* ---- text ----------------------------------------------------------- */

static void put_indented(FILE *out, const char *text)
{
    char *v = pia_text_visible(text);
    for (char *line = v;;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        fprintf(out, "    %s\n", line);
        if (!nl)
            break;
        line = nl + 1;
    }
    free(v);
}

int pia_export_review_text(const pia_form *form, const pia_doc *doc, const pia_review *r,
                           FILE *out, pia_err *err)
{
    fprintf(out, "確認報告: %s（評価書 %ld）\n", doc->title, doc->id);
    fprintf(out, "\n■ 確認状態\n");
    for (int s = 0; s < form->nsections; s++) {
        const pia_node *sec = form->sections[s];
        char *h = pia_node_heading(sec);
        fprintf(out, "%s\t%s", h, pia_review_state_label(pia_review_state_of(r, sec->id)));
        for (int i = 0; i < r->nstates; i++) {
            const pia_section_review *st = &r->states[i];
            if (strcmp(st->section, sec->id) != 0)
                continue;
            fprintf(out, "\t%s %s", st->who, st->at);
            if (st->note[0]) {
                char *nv = pia_text_visible(st->note);
                fprintf(out, "\t%s", nv);
                free(nv);
            }
        }
        fputc('\n', out);
        free(h);
    }
    fprintf(out, "\n■ コメント（未解決 %d 件 / 全 %d 件）\n", open_count(r), r->ncomments);
    sorted *v = sort_comments(form, r);
    for (int i = 0; i < r->ncomments; i++) {
        const pia_comment *c = v[i].c;
        char *t = comment_title(form, c);
        char *tv = pia_text_visible(t);
        fprintf(out, "\n#%ld [%s] %s", c->id, c->resolved ? "解決済" : "未解決", tv);
        if (c->file > 0)
            fprintf(out, "（%s）", file_name(doc, c->file));
        fprintf(out, "\n  %s %s", c->author, c->at);
        if (c->resolved && c->resolved_by)
            fprintf(out, "　解決: %s %s", c->resolved_by, c->resolved_at ? c->resolved_at : "");
        fputc('\n', out);
        put_indented(out, c->text);
        free(tv);
        free(t);
    }
    free(v);
    if (fflush(out) != 0 || ferror(out))
        return pia_fail(err, errno == ENOSPC ? PIA_EFULL : PIA_EIO,
                        "確認報告を書き出せません: %s", strerror(errno));
    return 0;
}

/* ---- XLSX ------------------------------------------------------------ */

typedef struct rfmt {
    lxw_format *head, *cell;
} rfmt;

static lxw_error header(lxw_worksheet *ws, const rfmt *f, const char *const *heads,
                        const double *widths, int n)
{
    lxw_error rc = LXW_NO_ERROR;
    for (int k = 0; !rc && k < n; k++) {
        rc = worksheet_write_string(ws, 0, (lxw_col_t)k, heads[k], f->head);
        if (!rc)
            rc = worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    return rc;
}

static lxw_error states_sheet(lxw_workbook *wb, const rfmt *f, const pia_form *form,
                              const pia_review *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "確認状態");
    static const char *const heads[] = { "セクション", "状態", "確認者", "日時", "メモ" };
    static const double widths[] = { 50, 10, 14, 22, 50 };
    lxw_error rc = header(ws, f, heads, widths, 5);
    for (int s = 0; !rc && s < form->nsections; s++) {
        const pia_node *sec = form->sections[s];
        const pia_section_review *st = NULL;
        for (int i = 0; i < r->nstates; i++)
            if (strcmp(r->states[i].section, sec->id) == 0)
                st = &r->states[i];
        char *h = pia_node_heading(sec);
        lxw_row_t row = (lxw_row_t)(s + 1);
        rc = worksheet_write_string(ws, row, 0, h, f->cell);
        free(h);
        if (!rc)
            rc = worksheet_write_string(ws, row, 1, pia_review_state_label(st ? st->state : 0), f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 2, st ? st->who : "", f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 3, st ? st->at : "", f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 4, st ? st->note : "", f->cell);
    }
    return rc;
}

static lxw_error comments_sheet(lxw_workbook *wb, const rfmt *f, const pia_form *form,
                                const pia_doc *doc, const pia_review *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "コメント");
    static const char *const heads[] = { "番号", "項目", "特定個人情報ファイル", "投稿者", "日時",
                                         "コメント", "状態", "解決者", "解決日時" };
    static const double widths[] = { 6, 40, 22, 12, 22, 60, 8, 12, 22 };
    lxw_error rc = header(ws, f, heads, widths, 9);
    sorted *v = sort_comments(form, r);
    for (int i = 0; !rc && i < r->ncomments; i++) {
        const pia_comment *c = v[i].c;
        lxw_row_t row = (lxw_row_t)(i + 1);
        char *t = comment_title(form, c);
        rc = worksheet_write_number(ws, row, 0, (double)c->id, f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 1, t, f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 2, file_name(doc, c->file), f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 3, c->author, f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 4, c->at, f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 5, c->text, f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 6, c->resolved ? "解決済" : "未解決", f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 7, c->resolved_by ? c->resolved_by : "", f->cell);
        if (!rc)
            rc = worksheet_write_string(ws, row, 8, c->resolved_at ? c->resolved_at : "", f->cell);
        free(t);
    }
    free(v);
    return rc;
}

int pia_export_review_xlsx(const pia_form *form, const pia_doc *doc, const pia_review *r,
                           const char *path, pia_err *err)
{
    pia_xlsx_file file;
    if (pia_xlsx_open(&file, path, 0, err))
        return -1;
    lxw_workbook *wb = file.wb;
    rfmt f = { workbook_add_format(wb), workbook_add_format(wb) };
    format_set_bold(f.head);
    format_set_bg_color(f.head, 0xDDEBF7);
    format_set_border(f.head, LXW_BORDER_THIN);
    format_set_text_wrap(f.cell);
    format_set_align(f.cell, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.cell, LXW_BORDER_THIN);
    lxw_error rc = states_sheet(wb, &f, form, r);
    if (!rc)
        rc = comments_sheet(wb, &f, form, doc, r);
    return pia_xlsx_commit(&file, rc, err);
}
