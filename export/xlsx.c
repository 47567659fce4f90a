/*
 * xlsx.c — the statutory evaluation sheet as XLSX (libxlsxwriter).
 *
 * Layout: one worksheet per section as printed (表紙, Ⅰ, 別添1, Ⅱ(1), Ⅱ(2),
 * 別添2(1) …, Ⅲ(1) …, Ⅳ, Ⅴ, Ⅵ, 別添3), two columns like the official 様式:
 * the form's numbers and labels on the left, indented by depth, the answers
 * on the right; headings shaded across both.  Row 1 of every sheet names the
 * section (and the 特定個人情報ファイル) and repeats on each printed page.
 *
 * Printing: A4 portrait, one page wide, gridlines off, thin borders, page
 * numbers in the footer.  Row heights are computed from the wrapped width of
 * the text, and an answer longer than one row can show (Excel caps a row at
 * 409 points, a cell at 32,767 characters) continues in the rows below.
 *
 * Safety: every answer is written with worksheet_write_string, so text
 * beginning with = + - @ stays text; control characters are made visible;
 * the workbook is written under a temporary name and renamed.
 */
#include "export.h"
#include "xlsx_file.h"
#include "xlsx_layout.h"
#include "model/format.h"
#include "model/print.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#define FONT        "ＭＳ 明朝"
#define FONT_SIZE   10
#define LINE_PT     13.5      /* one wrapped line of 10 pt Mincho */
#define MAX_LINES   28        /* lines per row: 28 × 13.5 pt stays under Excel's 409 pt */
#define COL_LABEL   36.0      /* column widths in character units */
#define COL_ANSWER  62.0
#define MAX_INDENT  6

typedef struct sheet_fmt {
    lxw_format *title, *label[MAX_INDENT + 1], *group[MAX_INDENT + 1], *answer, *group_answer;
} sheet_fmt;

typedef struct xlsx_ctx {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    sheet_fmt fmt;
    const pia_form *form;
    const pia_doc *doc;
    lxw_row_t row;
    char names[64][32];       /* sheet names used so far */
    int nsheets;
    lxw_error failed;         /* the first error met, LXW_NO_ERROR while none */
} xlsx_ctx;

static lxw_format *base_format(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, FONT);
    format_set_font_size(f, FONT_SIZE);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f, LXW_BORDER_THIN);
    return f;
}

static void make_formats(xlsx_ctx *c)
{
    sheet_fmt *f = &c->fmt;
    f->title = base_format(c->wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 12);
    format_set_bottom(f->title, LXW_BORDER_MEDIUM);
    for (int i = 0; i <= MAX_INDENT; i++) {
        f->label[i] = base_format(c->wb);
        format_set_indent(f->label[i], (uint8_t)i);
        f->group[i] = base_format(c->wb);
        format_set_indent(f->group[i], (uint8_t)i);
        format_set_bold(f->group[i]);
        format_set_bg_color(f->group[i], 0xF2F2F2);
    }
    f->answer = base_format(c->wb);
    f->group_answer = base_format(c->wb);
    format_set_bg_color(f->group_answer, 0xF2F2F2);
}

/* A sheet name from the section: its number (Ⅰ), or the words inside the
 * brackets of （別添1）…, or the label; "(n)" for per-file copies.  Excel
 * allows 31 characters and no []:*?/\ — and names must be unique. */
static void sheet_name(xlsx_ctx *c, const pia_prow *row, char *out, size_t n)
{
    const pia_node *s = row->node;
    char base[96];
    const char *open = strstr(s->label, "（"), *close = open ? strstr(open, "）") : NULL;
    if (s->number)
        snprintf(base, sizeof base, "%s", s->number);
    else if (open == s->label && close)
        snprintf(base, sizeof base, "%.*s", (int)(close - open - 3), open + 3);
    else
        snprintf(base, sizeof base, "%.30s", s->label);
    if (s->per_file)
        snprintf(out, n, "%.20s(%d)", base, row->file);
    else
        snprintf(out, n, "%.28s", base);
    for (char *p = out; *p; p++)
        if (strchr("[]:*?/\\", *p))
            *p = '_';
    for (int i = 0; i < c->nsheets; i++)
        if (strcmp(c->names[i], out) == 0)
            snprintf(out + strlen(out), n - strlen(out), "_%d", c->nsheets);
    if (c->nsheets < 64)
        snprintf(c->names[c->nsheets++], sizeof c->names[0], "%s", out);
}

static void page_setup(lxw_worksheet *ws)
{
    worksheet_set_paper(ws, 9);                 /* A4 */
    worksheet_set_portrait(ws);
    worksheet_fit_to_pages(ws, 1, 0);           /* one page wide, as many long as needed */
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_set_margins(ws, 0.6, 0.6, 0.75, 0.75);
    worksheet_center_horizontally(ws);
    worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
    worksheet_set_footer(ws, "&C&P / &N");
    worksheet_set_column(ws, 0, 0, COL_LABEL, NULL);
    worksheet_set_column(ws, 1, 1, COL_ANSWER, NULL);
}

static double row_height(const char *label, int indent, const char *answer)
{
    int a = pia_xlsx_lines(label, (int)COL_LABEL - 2 - 2 * indent);
    int b = answer ? pia_xlsx_lines(answer, (int)COL_ANSWER - 2) : 1;
    int lines = a > b ? a : b;
    if (lines > MAX_LINES)
        lines = MAX_LINES;
    return lines * LINE_PT + 3;
}

static void put_row(xlsx_ctx *c, const char *label, lxw_format *lf, int indent,
                    const char *answer, lxw_format *af)
{
    worksheet_set_row(c->ws, c->row, row_height(label, indent, answer), NULL);
    lxw_error e = worksheet_write_string(c->ws, c->row, 0, label, lf);
    if (e == LXW_NO_ERROR)
        e = worksheet_write_string(c->ws, c->row, 1, answer ? answer : "", af);
    if (e != LXW_NO_ERROR && c->failed == LXW_NO_ERROR)
        c->failed = e;
    c->row++;
}

/* An answer too long for one row continues, whole lines at a time, in the
 * rows below under a （続き） label. */
static void put_answer(xlsx_ctx *c, const char *label, int indent, const char *answer)
{
    const char *rest = answer;
    const char *l = label;
    lxw_format *lf = c->fmt.label[indent];
    do {
        size_t n = pia_xlsx_prefix(rest, (int)COL_ANSWER - 2, MAX_LINES);
        if (n > 30000)
            n = pia_xlsx_prefix(rest, (int)COL_ANSWER - 2, MAX_LINES / 2);
        char *chunk = pia_xstrndup(rest, n);
        put_row(c, l, lf, indent, chunk, c->fmt.answer);
        free(chunk);
        rest += n;
        if (*rest == '\n')
            rest++;
        l = "（続き）";
    } while (*rest && !c->failed);
}

static void start_sheet(xlsx_ctx *c, const pia_prow *row)
{
    char name[32];
    sheet_name(c, row, name, sizeof name);
    c->ws = workbook_add_worksheet(c->wb, name);
    if (!c->ws) {     /* names are made unique, so only memory can fail */
        c->failed = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return;
    }
    page_setup(c->ws);
    c->row = 0;
    char *right = row->file_name ? pia_xasprintf("（%d）%s", row->file, row->file_name)
                                 : pia_text_visible(c->doc->title);
    put_row(c, row->heading, c->fmt.title, 0, right, c->fmt.title);
    free(right);
}

static int xlsx_row(xlsx_ctx *c, const pia_prow *row)
{
    if (row->kind == PIA_P_SECTION) {
        start_sheet(c, row);
        return c->failed;
    }
    int indent = row->depth - 1 > MAX_INDENT ? MAX_INDENT : row->depth - 1;
    if (row->kind == PIA_P_HEADING) {
        put_row(c, row->heading, c->fmt.group[indent], indent, row->answer, c->fmt.group_answer);
    } else if (row->kind == PIA_P_CHOICE && !row->na_head) {
        char *a = pia_xasprintf("%s %s", row->answer, row->options);
        put_answer(c, row->heading, indent, a);
        free(a);
    } else {
        put_answer(c, row->heading, indent, row->answer);
    }
    return c->failed;
}

/* Creation time from the last change, so the same assessment gives the
 * same bytes (bundles are compared by hash). */
static time_t created_time(const pia_doc *doc)
{
    struct tm tm = { 0 };
    if (!doc->updated || !strptime(doc->updated, "%Y-%m-%dT%H:%M:%S", &tm))
        return 1700000000;   /* a fixed instant, for docs that never were stored */
    return timegm(&tm);
}

int pia_export_xlsx(const pia_form *form, const pia_doc *doc, const char *path, pia_err *err)
{
    pia_xlsx_file f;
    if (pia_xlsx_open(&f, path, 1, err))
        return -1;
    xlsx_ctx c = { .form = form, .doc = doc, .wb = f.wb };
    lxw_doc_properties props = {
        .title = doc->title, .subject = form->title, .author = doc->org,
        .company = doc->org, .comments = "pia", .created = created_time(doc),
    };
    workbook_set_properties(c.wb, &props);
    make_formats(&c);
    pia_print p;
    pia_print_build(form, doc, &p);
    for (int i = 0; i < p.n && !c.failed; i++)
        xlsx_row(&c, &p.rows[i]);
    pia_print_free(&p);
    return pia_xlsx_commit(&f, c.failed, err);
}
