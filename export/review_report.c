/*
 * review_report.c — the review report: each section's review state, then
 * every comment in the form's order (item, file, author, time, text,
 * resolved or not), as text or XLSX.  A separate document for reviewers;
 * the statutory sheet never carries comments.  The XLSX prints on A4
 * landscape, one page wide, with every comment whole.
 */
#include "diff.h"
#include "export.h"
#include "xlsx_file.h"
#include "xlsx_sheet.h"
#include "model/format.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- shared --------------------------------------------------------- */

/* A stored time (UTC, "2026-12-02T00:57:33.147Z") as staff read it: local
 * time to the minute, as the TUI shows it ("2026-12-02 09:57" in Japan);
 * anything unreadable as stored. */
typedef struct when {
    char s[32];
} when;

static when local(const char *utc)
{
    when w = { "" };
    struct tm tm = { 0 };
    if (!utc || !strptime(utc, "%Y-%m-%dT%H:%M:%S", &tm)) {
        snprintf(w.s, sizeof w.s, "%.31s", utc ? utc : "");
        return w;
    }
    time_t t = timegm(&tm);
    localtime_r(&t, &tm);
    strftime(w.s, sizeof w.s, "%Y-%m-%d %H:%M", &tm);
    return w;
}

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
            fprintf(out, "\t%s %s", st->who, local(st->at).s);
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
        fprintf(out, "\n  %s %s", c->author, local(c->at).s);
        if (c->resolved && c->resolved_by)
            fprintf(out, "　解決: %s %s", c->resolved_by, local(c->resolved_at).s);
        fputc('\n', out);
        put_indented(out, c->text);
        free(tv);
        free(t);
    }
    free(v);
    if (fflush(out) != 0 || ferror(out))
        return pia_fail(err, errno == ENOSPC ? PIA_EFULL : PIA_EIO,
                        "確認報告を書き出せません: %s", pia_errno_ja(errno));
    return 0;
}

/* ---- XLSX ------------------------------------------------------------ */

/* A4 landscape, one page wide, the header row on every page, each row as
 * tall as its text; a long comment goes on in the rows below (xlsx_sheet.h). */

static void header(xl_sheet *s, const char *const *heads, int n)
{
    xl_row *x = xl_sheet_row(s);
    for (int k = 0; k < n; k++)
        xl_row_cell(x, k, k, heads[k], XL_S_CAPTION, 0);
    x->keep_next = 1;
    s->header_row = 0;
}

static lxw_error finish(lxw_worksheet *ws, xl_sheet *s, xl_styles *st)
{
    xl_page_setup(ws, 1);
    worksheet_set_footer(ws, "&C&P / &N");
    worksheet_freeze_panes(ws, 1, 0);
    lxw_error rc = xl_sheet_write(s, ws, st);
    xl_sheet_free(s);
    return rc;
}

static void text_cell(xl_row *x, int col, const char *text, int split)
{
    char *v = pia_text_visible(text ? text : "");
    xl_row_cell(x, col, col, v, XL_S_TEXT, 0)->split = split;
    free(v);
}

static lxw_error states_sheet(lxw_workbook *wb, xl_styles *st, const xl_metrics *m,
                              const pia_form *form, const pia_review *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "確認状態");
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    static const char *const heads[] = { "セクション", "状態", "確認者", "日時", "メモ" };
    static const double widths[] = { 44, 10, 14, 20, 30 };
    xl_sheet s;
    xl_sheet_init(&s, m, widths, 5);
    header(&s, heads, 5);
    for (int i = 0; i < form->nsections; i++) {
        const pia_node *sec = form->sections[i];
        const pia_section_review *state = NULL;
        for (int k = 0; k < r->nstates; k++)
            if (strcmp(r->states[k].section, sec->id) == 0)
                state = &r->states[k];
        char *h = pia_node_heading(sec);
        xl_row *x = xl_sheet_row(&s);
        text_cell(x, 0, h, 0);
        text_cell(x, 1, pia_review_state_label(state ? state->state : 0), 0);
        text_cell(x, 2, state ? state->who : "", 0);
        text_cell(x, 3, state ? local(state->at).s : "", 0);
        text_cell(x, 4, state ? state->note : "", 1);
        free(h);
    }
    return finish(ws, &s, st);
}

static lxw_error comments_sheet(lxw_workbook *wb, xl_styles *st, const xl_metrics *m,
                                const pia_form *form, const pia_doc *doc, const pia_review *r)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "コメント");
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    static const char *const heads[] = { "番号", "項目", "特定個人情報ファイル", "投稿者", "日時",
                                         "コメント", "状態", "解決者", "解決日時" };
    static const double widths[] = { 5, 22, 12, 9, 11, 34, 7, 8, 10 };
    xl_sheet s;
    xl_sheet_init(&s, m, widths, 9);
    header(&s, heads, 9);
    sorted *v = sort_comments(form, r);
    for (int i = 0; i < r->ncomments; i++) {
        const pia_comment *c = v[i].c;
        char *t = comment_title(form, c), *num = pia_xasprintf("%ld", c->id);
        xl_row *x = xl_sheet_row(&s);
        text_cell(x, 0, num, 0);
        text_cell(x, 1, t, 0);
        text_cell(x, 2, file_name(doc, c->file), 0);
        text_cell(x, 3, c->author, 0);
        text_cell(x, 4, local(c->at).s, 0);
        text_cell(x, 5, c->text, 1);
        text_cell(x, 6, c->resolved ? "解決済" : "未解決", 0);
        text_cell(x, 7, c->resolved_by, 0);
        text_cell(x, 8, c->resolved_at ? local(c->resolved_at).s : "", 0);
        free(num);
        free(t);
    }
    free(v);
    return finish(ws, &s, st);
}

int pia_export_review_xlsx(const pia_form *form, const pia_doc *doc, const pia_review *r,
                           const char *path, pia_err *err)
{
    pia_xlsx_file file;
    if (pia_xlsx_open(&file, path, 0, err))
        return -1;
    xl_styles st;
    xl_styles_init(&st, file.wb);
    xl_metrics m;
    xl_metrics_init(&m, PIA_XLSX_EXCEL, 1);
    lxw_error rc = states_sheet(file.wb, &st, &m, form, r);
    if (!rc)
        rc = comments_sheet(file.wb, &st, &m, form, doc, r);
    return pia_xlsx_commit(&file, rc, err);
}
