/*
 * xlsx.c — reading an Excel workbook (the PPC's 様式 as municipalities
 * fill it, or pia's own export) into pieces, one per non-empty cell, with
 * minizip for the ZIP container and expat for the XML parts.  The cells'
 * positions are kept for the report (Ⅲ(1)!B12); matching uses their text
 * only, so a changed layout still imports.
 *
 * Hostile workbooks are refused within limits: entries in the archive,
 * the expanded size of each part and of all parts together (a zip bomb
 * expands a few kilobytes into gigabytes; parts are streamed through the
 * parser and reading stops at the limit), cells and shared strings, and
 * any DOCTYPE (entity expansion attacks need one; OOXML never has one).
 */
#include "import.h"
#include "source.h"
#include "xlsx_xml.h"
#include "model/fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unzip.h>

#define MAX_FILE     (64u << 20)    /* the workbook on disk */
#define MAX_ENTRIES  10000          /* files in the archive; a workbook has tens */
#define MAX_PART     (64u << 20)    /* one XML part expanded; pia's biggest sheet is ~40 KiB */
#define MAX_TOTAL    (256u << 20)   /* all parts read, expanded */
#define MAX_CELLS    1000000
#define MAX_STRINGS  1000000
#define MAX_SHEETS   256

typedef struct book {
    imp_source *src;
    unzFile zip;
    size_t total;              /* bytes expanded so far */
    char **strings;            /* shared strings */
    int nstrings;
    unsigned char *date_style; /* per cell style: 1 when it formats a date */
    int nstyles;
    long cells;
    pia_err *err;
    /* the non-empty cells of the row being read (see flush_row) */
    struct cell { imp_piece m; char *text; size_t len; } *row;
    int nrow, caprow;
} book;

static int fail_part(book *b, const char *part, const char *what)
{
    return pia_fail(b->err, PIA_EINVAL, "%s: %s: %s", b->src->path, part, what);
}

/* Stream one part of the archive through an expat parser. */
static int read_part(book *b, const char *name, int required, xlsx_xml *x)
{
    if (unzLocateFile(b->zip, name, 2) != UNZ_OK) {
        if (required)
            return pia_fail(b->err, PIA_EINVAL, "%s: Excel ブックではありません（%s がありません）", b->src->path, name);
        return 1;
    }
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(b->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
        return fail_part(b, name, "壊れています（ZIP の目録が読めません）");
    if (info.uncompressed_size > MAX_PART || b->total + info.uncompressed_size > MAX_TOTAL)
        return fail_part(b, name, "展開すると大きすぎます（zip bomb の疑い。部品の上限 64 MiB、合計 256 MiB）");
    if (unzOpenCurrentFile(b->zip) != UNZ_OK)
        return fail_part(b, name, "開けません（壊れているか、パスワードで保護されています）");
    char buf[65536];
    size_t part = 0;
    int rc = 0;
    for (;;) {
        int n = unzReadCurrentFile(b->zip, buf, sizeof buf);
        if (n < 0) {
            rc = fail_part(b, name, "壊れています（展開できません）");
            break;
        }
        part += (size_t)n;
        b->total += (size_t)n;
        if (part > MAX_PART || b->total > MAX_TOTAL) {
            rc = fail_part(b, name, "展開すると大きすぎます（zip bomb の疑い。部品の上限 64 MiB、合計 256 MiB）");
            break;
        }
        if (xlsx_xml_feed(x, buf, (size_t)n, n == 0)) {
            rc = fail_part(b, name, x->error[0] ? x->error : "XML が壊れています");
            break;
        }
        if (n == 0)
            break;
    }
    if (unzCloseCurrentFile(b->zip) == UNZ_CRCERROR && !rc)
        rc = fail_part(b, name, "壊れています（CRC が合いません）");
    return rc;
}

/* ---- shared strings and styles --------------------------------------------------- */

static int on_string(void *ctx, const char *text, size_t len)
{
    book *b = ctx;
    if (b->nstrings >= MAX_STRINGS)
        return -1;
    if (b->nstrings % 1024 == 0)
        b->strings = pia_xrealloc(b->strings, (size_t)(b->nstrings + 1024) * sizeof *b->strings);
    b->strings[b->nstrings++] = pia_xstrndup(text, len);
    return 0;
}

static int on_style(void *ctx, int index, int is_date)
{
    book *b = ctx;
    if (index < 0 || index > 65535)
        return 0;
    if (index >= b->nstyles) {
        int n = index + 64;
        b->date_style = pia_xrealloc(b->date_style, (size_t)n);
        memset(b->date_style + b->nstyles, 0, (size_t)(n - b->nstyles));
        b->nstyles = n;
    }
    b->date_style[index] = (unsigned char)is_date;
    return 0;
}

/* ---- sheets ------------------------------------------------------------------------ */

/* Excel's serial day (1900 system) as a date the way assessments write
 * them: in the Japanese era. */
static void serial_date(double v, char *out, size_t n)
{
    long serial = (long)v;
    time_t t = (time_t)(serial - 25569) * 86400;   /* serial 25569 is 1970-01-01 */
    struct tm tm;
    if (serial < 61 || !gmtime_r(&t, &tm)) {
        snprintf(out, n, "%ld", serial);
        return;
    }
    long y = tm.tm_year + 1900, m = tm.tm_mon + 1, d = tm.tm_mday, ymd = y * 10000 + m * 100 + d;
    const char *era = ymd >= 20190501 ? "令和" : ymd >= 19890108 ? "平成" : NULL;
    long ey = ymd >= 20190501 ? y - 2018 : y - 1988;
    if (era && ey == 1)
        snprintf(out, n, "%s元年%ld月%ld日", era, m, d);
    else if (era)
        snprintf(out, n, "%s%ld年%ld月%ld日", era, ey, m, d);
    else
        snprintf(out, n, "%ld年%ld月%ld日", y, m, d);
}

static int is_mark(uint32_t c)
{
    return c == 'x' || c == 'v' || c == 0x25CB || c == 0x25EF || c == 0x3007 || c == 0x25CF ||
           c == 0x2713 || c == 0x2714 || c == 0x30EC || c == 0x00D7 || c == 0x25A0 || c == 0x25CE;
}

/* A cell holding a check box and nothing else: "[ ○ ]", "[ ]", "☑". */
static int box_only(const char *text)
{
    uint32_t *cp;
    size_t n = pia_fold_str(text, PIA_FOLD_LABEL, &cp);
    int yes = (n == 1 && (cp[0] == 0x2610 || cp[0] == 0x25A1 || cp[0] == 0x2611 || cp[0] == 0x2612 ||
                          cp[0] == 0x25A0)) ||
              (n == 2 && cp[0] == '[' && cp[1] == ']') ||
              (n == 3 && cp[0] == '[' && cp[2] == ']' && is_mark(cp[1]));
    free(cp);
    return yes;
}

/* Check boxes in cells of their own, "[ ○ ] | 個人番号 | [ ] | 個人番号対応符号",
 * as a filled-in workbook may have them: in a row whose last cell is not
 * a box the boxes stand before their captions, and each is read with the
 * caption after it as one piece ("[ ○ ] 個人番号").  A row that ends with
 * a box has them after their captions ("個人番号 | [ ○ ]"), which the
 * matcher reads as it is. */
static int flush_row(book *b)
{
    int boxes_first = b->nrow > 1 && !box_only(b->row[b->nrow - 1].text);
    int rc = 0;
    for (int i = 0; i < b->nrow; i++) {
        struct cell *c = &b->row[i];
        int join = boxes_first && i + 1 < b->nrow && box_only(c->text) && !box_only(c[1].text);
        if (join && !rc) {
            char *joined = pia_xasprintf("%s %s", c->text, c[1].text);
            imp_piece m = c->m;
            m.x2 = c[1].m.x2;
            rc = imp_source_add(b->src, &m, joined, strlen(joined), b->err);
            free(joined);
        } else if (!rc) {
            rc = imp_source_add(b->src, &c->m, c->text, c->len, b->err);
        }
        free(c->text);
        if (join) {
            free(c[1].text);
            i++;
        }
    }
    b->nrow = 0;
    return rc;
}

static int on_cell(void *ctx, int sheet, int row, int col, const xlsx_cell *c)
{
    book *b = ctx;
    if (++b->cells > MAX_CELLS)
        return pia_fail(b->err, PIA_EINVAL, "%s: セルが多すぎます（上限 %d。評価書の数百倍です）", b->src->path, MAX_CELLS);
    const char *text = c->text;
    size_t len = c->len;
    char num[64];
    if (c->type == XLSX_SHARED) {
        long k = strtol(c->text, NULL, 10);
        if (k < 0 || k >= b->nstrings)
            return pia_fail(b->err, PIA_EINVAL, "%s: %s: 共有文字列 %ld がありません（壊れています）",
                            b->src->path, b->src->sheets[sheet - 1], k);
        text = b->strings[k];
        len = strlen(text);
    } else if (c->type == XLSX_NUMBER && c->style >= 0 && c->style < b->nstyles && b->date_style[c->style]) {
        serial_date(strtod(c->text, NULL), num, sizeof num);
        text = num;
        len = strlen(num);
    } else if (c->type == XLSX_BOOL) {
        text = c->text[0] == '1' ? "TRUE" : "FALSE";
        len = strlen(text);
    }
    uint32_t *folded;
    size_t visible = pia_fold_str(text, PIA_FOLD_LABEL, &folded);
    free(folded);
    if (!visible)
        return 0;
    if (b->nrow && (b->row[0].m.page != sheet || b->row[0].m.line != row) && flush_row(b))
        return -1;
    if (b->nrow == b->caprow) {
        b->caprow = b->caprow ? b->caprow * 2 : 16;
        b->row = pia_xrealloc(b->row, (size_t)b->caprow * sizeof *b->row);
    }
    b->row[b->nrow++] = (struct cell){ .m = { .page = sheet, .line = row, .col = col, .x = col, .x2 = col + 1 },
                                       .text = pia_xstrndup(text, len), .len = len };
    return 0;
}

static int read_sheets(book *b, const xlsx_sheets *sh)
{
    for (int i = 0; i < sh->n && i < MAX_SHEETS; i++) {
        if (sh->hidden[i])
            continue;
        b->src->sheets = pia_xrealloc(b->src->sheets, (size_t)(b->src->nsheets + 1) * sizeof *b->src->sheets);
        b->src->sheets[b->src->nsheets++] = pia_xstrdup(sh->name[i]);
        xlsx_xml x;
        xlsx_xml_sheet(&x, b->src->nsheets, on_cell, b);
        int rc = read_part(b, sh->part[i], 1, &x);
        xlsx_xml_free(&x);
        if (!rc && b->nrow)
            rc = flush_row(b);
        if (rc)
            return -1;
    }
    return 0;
}

static int read_meta(book *b)
{
    xlsx_xml x;
    char *title = NULL, *creator = NULL;
    xlsx_xml_core(&x, &title, &creator);
    int rc = read_part(b, "docProps/core.xml", 0, &x);
    xlsx_xml_free(&x);
    b->src->meta_title = title;
    b->src->meta_author = creator;
    return rc < 0 ? -1 : 0;
}

static int read_book(book *b)
{
    unz_global_info64 gi;
    if (unzGetGlobalInfo64(b->zip, &gi) != UNZ_OK)
        return pia_fail(b->err, PIA_EINVAL, "%s: 壊れています（ZIP の目録が読めません）", b->src->path);
    if (gi.number_entry > MAX_ENTRIES)
        return pia_fail(b->err, PIA_EINVAL, "%s: ZIP の中のファイルが多すぎます（%llu 個、上限 %d）",
                        b->src->path, (unsigned long long)gi.number_entry, MAX_ENTRIES);
    if (unzLocateFile(b->zip, "xl/workbook.xml", 2) != UNZ_OK) {
        if (unzLocateFile(b->zip, "word/document.xml", 2) == UNZ_OK)
            return pia_fail(b->err, PIA_EINVAL, "%s: Word 文書は読めません。PDF にしてから取り込んでください", b->src->path);
        return pia_fail(b->err, PIA_EINVAL, "%s: ZIP ですが Excel ブックではありません（xl/workbook.xml がありません）", b->src->path);
    }
    xlsx_sheets sh = { 0 };
    xlsx_xml x;
    xlsx_xml_workbook(&x, &sh);
    int rc = read_part(b, "xl/workbook.xml", 1, &x);
    xlsx_xml_free(&x);
    if (!rc) {
        xlsx_xml_rels(&x, &sh);
        rc = read_part(b, "xl/_rels/workbook.xml.rels", 1, &x);
        xlsx_xml_free(&x);
    }
    if (!rc) {
        xlsx_xml_strings(&x, on_string, b);
        rc = read_part(b, "xl/sharedStrings.xml", 0, &x);
        xlsx_xml_free(&x);
        if (rc > 0)
            rc = 0;
    }
    if (!rc) {
        xlsx_xml_styles(&x, on_style, b);
        rc = read_part(b, "xl/styles.xml", 0, &x);
        xlsx_xml_free(&x);
        if (rc > 0)
            rc = 0;
    }
    if (!rc && xlsx_sheets_resolve(&sh))
        rc = pia_fail(b->err, PIA_EINVAL, "%s: 壊れています（シートの場所が workbook.xml.rels にありません）", b->src->path);
    if (!rc)
        rc = read_sheets(b, &sh);
    if (!rc)
        rc = read_meta(b);
    xlsx_sheets_free(&sh);
    return rc;
}

int imp_read_xlsx(imp_source *src, const char *path, pia_err *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 開けません", path);
    if ((size_t)sb.st_size > MAX_FILE)
        return pia_fail(err, PIA_EINVAL, "%s: 大きすぎます（%lld バイト、Excel ブックの上限は %u MiB）",
                        path, (long long)sb.st_size, MAX_FILE >> 20);
    book b = { .src = src, .err = err };
    b.zip = unzOpen64(path);
    if (!b.zip)
        return pia_fail(err, PIA_EINVAL, "%s: 壊れているか Excel ブックではありません（ZIP として開けません）", path);
    int rc = read_book(&b);
    unzClose(b.zip);
    for (int i = 0; i < b.nrow; i++)
        free(b.row[i].text);
    free(b.row);
    for (int i = 0; i < b.nstrings; i++)
        free(b.strings[i]);
    free(b.strings);
    free(b.date_style);
    if (rc)
        return -1;
    src->pages = src->nsheets;
    return 0;
}
