/*
 * text.c — reading plain text extracted from a published PDF (pdftotext,
 * with or without -layout, or a copy out of a PDF viewer) into pieces.
 *
 * A line is cut into pieces at tabs (cells of a converted table) or at runs
 * of three or more spaces (the columns of -layout output); a piece's x is
 * its starting character on the line, so the matcher can tell the label
 * column from the answer column.  Form feeds separate pages, so running
 * headers and footers can be found.  Text that is not UTF-8 is converted
 * from Shift_JIS (CP932) or EUC-JP when it is valid in one of them.
 */
#include "import.h"
#include "source.h"
#include "norm.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* Convert from `code` to UTF-8; NULL when the text is not valid in it. */
static char *convert(const char *data, size_t len, const char *code, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", code);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 3 + 16, left = cap;
    char *out = pia_xmalloc(cap), *o = out;
    char *in = (char *)data;
    size_t inleft = len;
    size_t rc = iconv(cd, &in, &inleft, &o, &left);
    iconv_close(cd);
    if (rc == (size_t)-1 || inleft) {
        free(out);
        return NULL;
    }
    *outlen = cap - left;
    if (!imp_utf8_valid(out, *outlen)) {
        free(out);
        return NULL;
    }
    return out;
}

/* The text as UTF-8 (a copy); a BOM is dropped.  Fails on binary data. */
static char *as_utf8(imp_source *src, const char *data, size_t len, size_t *outlen, pia_err *err)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (memchr(data, '\0', len))
        return pia_fail(err, PIA_EINVAL, "%s: 文章のファイルではありません（NUL 文字を含むバイナリです）",
                        src->path), NULL;
    if (imp_utf8_valid(data, len)) {
        *outlen = len;
        return pia_xstrndup(data, len);
    }
    static const char *const codes[] = { "CP932", "EUC-JP" };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        char *out = convert(data, len, codes[i], outlen);
        if (out) {
            src->encoding = pia_xstrdup(i == 0 ? "Shift_JIS" : "EUC-JP");
            return out;
        }
    }
    pia_fail(err, PIA_EINVAL, "%s: 文字コードが読めません（UTF-8、Shift_JIS、EUC-JP のどれでもありません）",
             src->path);
    return NULL;
}

static int add_piece(imp_source *src, int page, int line, int cell, int tabbed, double x,
                     const char *t, size_t len, pia_err *err)
{
    while (len > 0 && (*t == ' ' || *t == '\r'))
        t++, len--;
    while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '\r'))
        len--;
    char *copy = pia_xstrndup(t, len);
    size_t n = imp_strip_markup(copy, len, &src->markup);
    imp_piece m = { .page = page, .line = line, .cell = cell, .tabbed = (unsigned char)tabbed,
                    .x = x, .x2 = x + (double)imp_display_width(copy, n) };
    int rc = imp_source_add(src, &m, copy, n, err);
    free(copy);
    return rc;
}

/* Code points before byte offset `off` of the line: -layout output lines
 * columns up by characters. */
static double chars_before(const char *line, size_t off)
{
    double n = 0;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* A run of spaces wide enough to separate columns at s[i]: three ASCII
 * spaces, or two ideographic ones. */
static size_t gap_at(const char *s, size_t i, size_t len)
{
    size_t j = i, ascii = 0, wide = 0;
    for (;;) {
        if (j < len && s[j] == ' ') {
            ascii++;
            j++;
        } else if (j + 2 < len && memcmp(s + j, "\xE3\x80\x80", 3) == 0) {
            wide++;
            j += 3;
        } else {
            break;
        }
    }
    return ascii + 2 * wide >= 3 && ascii + wide >= 2 ? j - i : 0;
}

static int split_line(imp_source *src, int page, int line, const char *s, size_t len, pia_err *err)
{
    if (memchr(s, '\t', len)) {
        int cell = 0;
        size_t start = 0;
        for (size_t i = 0; i <= len; i++) {
            if (i < len && s[i] != '\t')
                continue;
            if (add_piece(src, page, line, cell, 1, cell, s + start, i - start, err))
                return -1;
            cell++;
            start = i + 1;
        }
        return 0;
    }
    size_t start = 0;
    for (size_t i = 0; i < len;) {
        size_t g = gap_at(s, i, len);
        if (!g) {
            i++;
            continue;
        }
        if (i > start && add_piece(src, page, line, 0, 0, chars_before(s, start), s + start, i - start, err))
            return -1;
        i += g;
        start = i;
    }
    if (start < len)
        return add_piece(src, page, line, 0, 0, chars_before(s, start), s + start, len - start, err);
    return 0;
}

int imp_read_text(imp_source *src, const char *data, size_t len, pia_err *err)
{
    size_t n;
    char *text = as_utf8(src, data, len, &n, err);
    if (!text)
        return -1;
    int page = 1, line = 1, rc = 0;
    for (size_t i = 0; i < n && !rc;) {
        size_t j = i;
        while (j < n && text[j] != '\n' && text[j] != '\f')
            j++;
        rc = split_line(src, page, line, text + i, j - i, err);
        if (j < n && text[j] == '\f')
            page++;
        else
            line++;
        i = j + 1;
    }
    free(text);
    if (rc)
        return -1;
    src->pages = page;
    imp_source_drop_running_lines(src);
    imp_source_assign_roles(src);
    return 0;
}
