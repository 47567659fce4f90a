/*
 * xlsx.c — the statutory evaluation sheet as XLSX (libxlsxwriter), laid
 * out as the 様式 prints it.
 *
 * Sheets, each starting a page: the cover (表紙), the 項目一覧, then one
 * sheet per section as printed — Ⅰ, 別添1, Ⅱ(1), Ⅱ(2) …, 別添2(n), Ⅲ(n),
 * Ⅳ, Ⅴ, Ⅵ, 別添3.  The rows come from the print model; xlsx_cover.c and
 * xlsx_body.c place them, xlsx_sheet.c pages them.  Printing: A4
 * portrait, fit to one page wide (the columns already fit, so both Excel
 * and LibreOffice print at 100 %), page breaks computed from the row
 * heights, 評価書名 in the running header and the page number below.
 *
 * Safety: every answer is written with worksheet_write_string, so text
 * beginning with = + - @ stays text; control characters are made visible
 * by the print model; the workbook is written under a temporary name and
 * renamed (xlsx_file.h).  Characters ＭＳ 明朝 may not have (outside the
 * Windows Japanese character set) are reported through the caller's warn.
 */
#include "export.h"
#include "xlsx_build.h"
#include "xlsx_file.h"
#include "model/check.h"
#include "model/format.h"
#include "model/limits.h"
#include "model/linebreak.h"
#include "model/utf8.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- sheets ------------------------------------------------------------ */

/* A sheet name: the section's number (Ⅰ), the words inside the brackets
 * of （別添1）…, or the label; "(n)" for per-file copies.  Excel allows 31
 * characters (not bytes: a cut inside a character made workbook.xml
 * invalid), none of []:*?/\, no apostrophe first or last, and names must
 * be unique; libxlsxwriter's own check has the last word, so a name it
 * would refuse fails the export instead of writing a broken file. */
static lxw_error sheet_name(xl_ctx *c, const char *base, char *out, size_t n)
{
    snprintf(out, n, "%.*s", (int)pia_utf8_prefix(base, PIA_SHEET_NAME_CHARS), base);
    for (char *p = out; *p; p++)
        if (strchr("[]:*?/\\", *p) || (*p == '\'' && (p == out || !p[1])))
            *p = '_';
    if (!*out)
        snprintf(out, n, "_");
    size_t len = strlen(out);
    lxw_error e = workbook_validate_sheet_name(c->wb, out);
    for (int k = 2; e == LXW_ERROR_SHEETNAME_ALREADY_USED && k < 1000; k++) {
        snprintf(out + len, n - len, "_%d", k);
        e = workbook_validate_sheet_name(c->wb, out);
    }
    return e;
}

/* '&' starts a code in headers and footers. */
static char *header_text(const char *s)
{
    size_t n = strlen(s);
    char *out = pia_xmalloc(n * 2 + 8), *o = out;
    o += sprintf(o, "&R&9");
    for (const char *p = s; *p; p++) {
        if (*p == '&')
            *o++ = '&';
        *o++ = *p == '\n' ? ' ' : *p;
    }
    *o = '\0';
    return out;
}

lxw_worksheet *xl_add_sheet(xl_ctx *c, const char *base, int running)
{
    if (c->err)
        return NULL;
    char name[LXW_MAX_SHEETNAME_LENGTH + 8];
    lxw_error e = sheet_name(c, base, name, sizeof name);
    if (e) {
        c->err = e;
        return NULL;
    }
    lxw_worksheet *ws = workbook_add_worksheet(c->wb, name);
    if (!ws) {     /* the name passed the check, so only memory can fail */
        c->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return NULL;
    }
    xl_page_setup(ws, 0);
    if (running) {
        char *h = header_text(c->title);
        worksheet_set_header(ws, h);
        free(h);
        worksheet_set_footer(ws, "&C&P");
    }
    return ws;
}

void xl_finish_sheet(xl_ctx *c, xl_sheet *s, lxw_worksheet *ws)
{
    lxw_error e = xl_sheet_write(s, ws, &c->st);
    if (e && !c->err)
        c->err = e;
    xl_sheet_free(s);
}

/* Sheet name of a section copy: Ⅰ, 別添1, Ⅱ(2). */
static void section_base(const pia_prow *r, char *out, size_t n)
{
    const pia_node *s = r->node;
    const char *open = strstr(s->label, "（"), *close = open ? strstr(open, "）") : NULL;
    char base[PIA_SHEET_NAME_CHARS * 4 + 1];
    if (s->number)
        snprintf(base, sizeof base, "%s", s->number);
    else if (open == s->label && close)
        snprintf(base, sizeof base, "%.*s", (int)(close - open - 3), open + 3);
    else
        snprintf(base, sizeof base, "%.*s", (int)pia_utf8_prefix(s->label, PIA_SHEET_NAME_CHARS), s->label);
    /* cut by characters, never by bytes: half a character makes an
     * invalid workbook */
    if (s->per_file)
        snprintf(out, n, "%.*s(%d)", (int)pia_utf8_prefix(base, 20), base, r->file);
    else
        snprintf(out, n, "%s", base);
}

static void write_sections(xl_ctx *c)
{
    const pia_print *p = c->print;
    int contents_done = 0;
    for (int i = 0; i < p->n && !c->err;) {
        int to = i + 1;
        while (to < p->n && p->rows[to].kind != PIA_P_SECTION)
            to++;
        const pia_node *sec = p->rows[i].node;
        const char *layout = sec->layout ? sec->layout : "";
        if (!strcmp(layout, "cover")) {
            xl_write_cover(c, i, to);
        } else {
            if (!contents_done)
                xl_write_contents(c);
            char base[128];
            section_base(&p->rows[i], base, sizeof base);
            if (!strcmp(layout, "table"))
                xl_write_table(c, base, i, to);
            else
                xl_write_section(c, base, i, to);
        }
        if (!contents_done && !strcmp(layout, "cover"))
            xl_write_contents(c);
        contents_done = 1;
        i = to;
    }
}

/* ---- characters the font may lack -------------------------------------- */

typedef struct glyphs {
    iconv_t cd;
    unsigned seen[32];
    int nseen;
    const pia_xlsx_opts *o;
} glyphs;

static int in_cp932(glyphs *g, const char *ch, size_t len)
{
    char in[8], out[16];
    memcpy(in, ch, len);
    char *ip = in, *op = out;
    size_t il = len, ol = sizeof out;
    iconv(g->cd, NULL, NULL, NULL, NULL);
    return iconv(g->cd, &ip, &il, &op, &ol) != (size_t)-1;
}

static void check_text(glyphs *g, const pia_prow *r, const char *s)
{
    for (size_t i = 0, len; s[i] && g->nseen < 32; i += len) {
        unsigned cp = pia_lb_decode(s + i, &len);
        if (cp < 0x80 || cp == '\n' || in_cp932(g, s + i, len))
            continue;
        int known = 0;
        for (int k = 0; k < g->nseen; k++)
            known |= g->seen[k] == cp;
        if (known)
            continue;
        g->seen[g->nseen++] = cp;
        char *where = pia_location(r->node, r->file, r->inst);
        char *msg = pia_xasprintf("%s: 「%.*s」（U+%04X）は ＭＳ 明朝 にない文字かもしれません"
                                  "（印刷で欠ける・別の書体になることがあります）", where, (int)len, s + i, cp);
        g->o->warn(msg, g->o->ctx);
        free(msg);
        free(where);
    }
}

static void check_glyphs(const pia_print *p, const pia_xlsx_opts *o)
{
    if (!o || !o->warn)
        return;
    glyphs g = { .cd = iconv_open("CP932", "UTF-8"), .o = o };
    if (g.cd == (iconv_t)-1)
        return;
    for (int i = 0; i < p->n; i++) {
        check_text(&g, &p->rows[i], p->rows[i].answer);
        for (int b = 0; b < p->rows[i].nboxes; b++)
            check_text(&g, &p->rows[i], p->rows[i].boxes[b].text);
    }
    iconv_close(g.cd);
}

/* ---- the workbook ------------------------------------------------------- */

/* Creation time from the last change, so the same assessment gives the
 * same bytes (bundles are compared by hash). */
static time_t created_time(const pia_doc *doc)
{
    struct tm tm = { 0 };
    if (!doc->updated || !strptime(doc->updated, "%Y-%m-%dT%H:%M:%S", &tm))
        return 1700000000;   /* a fixed instant, for docs that never were stored */
    return timegm(&tm);
}

/* 評価書名 for the running header: the cover's second one-line item (the
 * 評価書番号/評価書名 table) when answered, else the assessment's title. */
static char *running_title(const pia_print *p, const pia_doc *doc)
{
    int shorts = 0;
    for (int i = 0; i < p->n; i++) {
        const pia_prow *r = &p->rows[i];
        if (i > 0 && r->kind == PIA_P_SECTION)
            break;
        if (r->kind == PIA_P_TEXT && r->node->is_short && ++shorts == 2 && *r->answer)
            return pia_xstrdup(r->answer);
    }
    return pia_text_visible(doc->title);
}

int pia_export_xlsx_opts(const pia_form *form, const pia_doc *doc, const char *path,
                         const pia_xlsx_opts *o, pia_err *err)
{
    pia_print p;
    pia_print_build(form, doc, &p);
    check_glyphs(&p, o);
    pia_xlsx_file f;
    if (pia_xlsx_open(&f, path, 0, err)) {
        pia_print_free(&p);
        return -1;
    }
    xl_ctx *c = pia_xcalloc(1, sizeof *c);
    c->form = form;
    c->doc = doc;
    c->print = &p;
    c->wb = f.wb;
    xl_metrics_init(&c->m, o && o->for_pdf ? PIA_XLSX_LIBREOFFICE : PIA_XLSX_EXCEL, 0);
    xl_styles_init(&c->st, c->wb);
    c->title = running_title(&p, doc);
    lxw_doc_properties props = {
        .title = doc->title, .subject = form->title, .author = doc->org,
        .company = doc->org, .comments = "pia", .created = created_time(doc),
    };
    workbook_set_properties(c->wb, &props);
    write_sections(c);
    lxw_error e = c->err;
    free(c->title);
    free(c);
    pia_print_free(&p);
    return pia_xlsx_commit(&f, e, err);
}

int pia_export_xlsx(const pia_form *form, const pia_doc *doc, const char *path, pia_err *err)
{
    return pia_export_xlsx_opts(form, doc, path, NULL, err);
}
