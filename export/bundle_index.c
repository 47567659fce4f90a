/*
 * bundle_index.c — the parts of a bundle made from text: file names from
 * free text (validated UTF-8), the index as CSV and XLSX, the manifest and
 * the record (see bundle.h, bundle_index.h).
 */
#include "bundle.h"
#include "bundle_index.h"
#include "xlsx_file.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ------------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence at p (1–4) and its code point;
 * 0 for a byte that does not start one (stray continuation, overlong form,
 * surrogate, beyond U+10FFFF, cut short). */
static int utf8_char(const unsigned char *p, unsigned *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    int n = p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
          : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
    if (!n)
        return 0;
    unsigned lo = 0x80, hi = 0xBF;       /* the second byte's range */
    if (p[0] == 0xE0) lo = 0xA0;
    if (p[0] == 0xED) hi = 0x9F;         /* no surrogates */
    if (p[0] == 0xF0) lo = 0x90;
    if (p[0] == 0xF4) hi = 0x8F;
    if (p[1] < lo || p[1] > hi)
        return 0;
    unsigned c = p[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    *cp = c;
    return n;
}

/* Characters that must not reach a file name: controls (C0, DEL, C1),
 * line and paragraph separators, bidirectional controls (which make a
 * name read differently from what it is) and the byte order mark. */
static int unsafe(unsigned c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
           c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
           (c < 0x80 && strchr("/\\:*?\"<>|", (int)c));
}

void pia_bundle_safe_name(const char *in, char *out, size_t max)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 1 < max;) {
        unsigned c;
        int n = utf8_char(p, &c);
        if (!n || unsafe(c) || (o == 0 && (c == '.' || c == '-'))) {
            out[o++] = '_';
            p += n ? n : 1;
            continue;
        }
        if (o + (size_t)n >= max)
            break;
        memcpy(out + o, p, (size_t)n);
        o += (size_t)n;
        p += n;
    }
    out[o] = '\0';
    if (o == 0 && max > 1)
        snprintf(out, max, "_");
}

/* ---- the index ---------------------------------------------------------- */

char *pia_bundle_csv_safe(const char *cell)
{
    /* What OWASP's CSV-injection advice names: a leading = + - @ (and TAB,
     * CR) makes Excel and LibreOffice read a formula. */
    if (*cell && strchr("=+-@\t\r", *cell))
        return pia_xasprintf("'%s", cell);
    return pia_xstrdup(cell);
}

static const char *const HEAD[PIA_INDEX_COLS] = {
    "評価書番号", "評価書名", "評価実施機関名", "評価の種類", "公表日", "最終更新", "ファイル",
};

static void csv_field(pia_buf *b, const char *s, int last)
{
    char *safe = pia_bundle_csv_safe(s);
    pia_buf_add(b, "\"", 1);
    for (const char *p = safe; *p; p++) {
        if (*p == '"')
            pia_buf_add(b, "\"", 1);
        pia_buf_add(b, p, 1);
    }
    pia_buf_add(b, last ? "\"\r\n" : "\",", last ? 3 : 2);
    free(safe);
}

void pia_index_csv(const pia_index_row *rows, int n, pia_buf *b)
{
    pia_buf_add(b, "\xEF\xBB\xBF", 3);              /* BOM: Excel reads UTF-8 */
    for (int i = 0; i < PIA_INDEX_COLS; i++)
        csv_field(b, HEAD[i], i == PIA_INDEX_COLS - 1);
    for (int r = 0; r < n; r++)
        for (int i = 0; i < PIA_INDEX_COLS; i++)
            csv_field(b, rows[r].cell[i], i == PIA_INDEX_COLS - 1);
}

int pia_index_xlsx(const pia_index_row *rows, int n, const char *path, pia_err *err)
{
    pia_xlsx_file f;
    if (pia_xlsx_open(&f, path, 1, err))
        return -1;
    lxw_doc_properties props = { .title = "特定個人情報保護評価書 一覧", .created = 1700000000 };
    workbook_set_properties(f.wb, &props);
    lxw_worksheet *ws = workbook_add_worksheet(f.wb, "一覧");
    lxw_format *h = workbook_add_format(f.wb);
    format_set_bold(h);
    lxw_error e = LXW_NO_ERROR;
    for (int i = 0; i < PIA_INDEX_COLS && !e; i++)
        e = worksheet_write_string(ws, 0, (lxw_col_t)i, HEAD[i], h);
    /* Strings, never formulas, whatever a cell starts with. */
    for (int r = 0; r < n && !e; r++)
        for (int i = 0; i < PIA_INDEX_COLS && !e; i++)
            e = worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)i, rows[r].cell[i], NULL);
    return pia_xlsx_commit(&f, e, err);
}

/* ---- a growing buffer --------------------------------------------------- */

void pia_buf_add(pia_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        while (b->len + n + 1 > b->cap)
            b->cap = b->cap ? b->cap * 2 : 4096;
        b->data = pia_xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void pia_buf_printf(pia_buf *b, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        char *s = pia_xmalloc((size_t)n + 1);
        vsnprintf(s, (size_t)n + 1, fmt, again);
        pia_buf_add(b, s, (size_t)n);
        free(s);
    }
    va_end(again);
}
