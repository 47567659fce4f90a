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
    if (pia_utf8_bad_offset(out, *outlen) != *outlen) {
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
    if (pia_utf8_bad_offset(data, len) == len) {
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
                    .x = x, .x2 = x + chars_before(copy, n) };
    int rc = imp_source_add(src, &m, copy, n, err);
    free(copy);
    return rc;
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

/* ---- columns ----------------------------------------------------------- */

static size_t byte_of_char(const char *s, size_t len, size_t chars)
{
    size_t i = 0;
    for (size_t k = 0; i < len && k < chars; k++)
        for (i++; i < len && ((unsigned char)s[i] & 0xC0) == 0x80; i++)
            ;
    return i;
}

/* The byte just after the space before character `at` (or one of the
 * three before it), where a label's cell ends and the answer's begins;
 * the whole piece when there is none (a heading across the page). */
static size_t space_near(const char *s, size_t len, size_t at)
{
    for (size_t back = 0; back <= 3 && back <= at; back++) {
        size_t b = byte_of_char(s, len, at - back);
        if (b > 0 && b < len && s[b - 1] == ' ')
            return b;
    }
    return len;
}

/* -layout output puts the answer column at a fixed character position,
 * but a label that fills its cell may run into the answer with one space.
 * Cut such pieces at that space where the answer column starts (found
 * from where choice values and check boxes start), rebuilding the source;
 * a heading printed across the page has no such space there. */
static int split_at_column(imp_source *src, pia_err *err)
{
    imp_source_assign_roles(src);
    /* the most common start of "[…" in the answer column */
    int count[512] = { 0 }, best = 0;
    double bx = 0;
    for (int i = 0; i < src->n; i++) {
        const imp_piece *p = &src->p[i];
        if (p->role == IMP_ROLE_ANSWER && !p->tabbed && imp_piece_text(src, p)[0] == '[' &&
            p->x > 0 && p->x < 512 && ++count[(int)p->x] > best) {
            best = count[(int)p->x];
            bx = p->x;
        }
    }
    if (best < 2)
        return 0;
    imp_source out;
    imp_source_init(&out, src->kind, src->path);
    int rc = 0;
    for (int i = 0; i < src->n && !rc; i++) {
        imp_piece m = src->p[i];
        const char *t = imp_piece_text(src, &src->p[i]);
        size_t cut = m.tabbed || m.x + 3 > bx || m.x2 <= bx ? m.len : space_near(t, m.len, (size_t)(bx - m.x));
        imp_piece a = m;
        a.x2 = cut < m.len ? bx : m.x2;
        rc = imp_source_add(&out, &a, t, cut, err);
        if (!rc && cut < m.len) {
            imp_piece b = m;
            b.x = bx;
            size_t skip = cut;
            while (skip < m.len && t[skip] == ' ')
                skip++;
            rc = imp_source_add(&out, &b, t + skip, m.len - skip, err);
        }
    }
    out.pages = src->pages;
    out.dropped_lines = src->dropped_lines;
    out.markup = src->markup;
    out.encoding = src->encoding;
    src->encoding = NULL;
    imp_source_free(src);
    *src = out;
    return rc;
}

/* ---- wrapped lines ------------------------------------------------------ */

static uint32_t first_cp(const imp_source *s, const imp_piece *p)
{
    uint32_t c = 0;
    if (p->len)
        pia_utf8_next(imp_piece_text(s, p), p->len, &c);
    return c;
}

/* What starts a new item rather than continuing a line: numbering,
 * bullets, brackets that open a heading. */
static int starts_item(const imp_source *s, const imp_piece *p)
{
    uint32_t c = first_cp(s, p);
    const char *t = imp_piece_text(s, p);
    uint32_t c2 = 0;
    if (c == '(' || c == 0xFF08) {
        size_t k = c == '(' ? 1 : 3;
        if (p->len > k)
            pia_utf8_next(t + k, p->len - k, &c2);
    }
    return (c >= 0x2460 && c <= 0x24FF) || (c >= 0x3251 && c <= 0x325F) || c == 0x30FB || c == 0x203B ||
           c == 0x25A0 || c == 0x25CF || c == 0x25CB || c == '<' || c == 0xFF1C || c == 0x3008 ||
           c == 0x300C || c == '-' || c == 0x2022 ||
           ((c == '(' || c == 0xFF08) && ((c2 >= '0' && c2 <= '9') || (c2 >= 0xFF10 && c2 <= 0xFF19))) ||
           ((c >= '0' && c <= '9') && (strchr(t, ' ') == t + 1 || (p->len > 1 && strchr(".)", t[1]))));
}

static int ends_sentence(const imp_source *s, const imp_piece *p)
{
    const char *t = imp_piece_text(s, p);
    return p->len >= 3 && memcmp(t + p->len - 3, "。", 3) == 0;
}

static uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The width a converter wrapped lines at: the most common width (give or
 * take a column) of the distinct lines that another line of their column
 * follows, when a fifth of them have it; 0 when the text was not wrapped
 * (pia's own text export, a typed file).  Distinct, because a form repeats
 * lines ("[十分である] <選択肢> …") whose equal widths say nothing. */
static int wrap_width(const imp_source *s, const int *width, const int *next)
{
    int count[1024] = { 0 }, inner = 0;
    uint64_t *seen = pia_xmalloc(((size_t)s->n + 1) * sizeof *seen);
    int nseen = 0;
    for (int i = 0; i < s->n; i++)
        if (next[i] >= 0 && width[i] >= 24 && width[i] < 1023)
            seen[nseen++] = text_hash(imp_piece_text(s, &s->p[i]), s->p[i].len) << 10 | (uint64_t)width[i];
    qsort(seen, (size_t)nseen, sizeof *seen, cmp_u64);
    for (int i = 0; i < nseen; i++)
        if (i == 0 || seen[i] != seen[i - 1]) {
            count[seen[i] & 1023]++;
            inner++;
        }
    free(seen);
    int best = 0, at = 0;
    for (int w = 24; w < 1022; w++) {
        int c = count[w - 1] + count[w] + count[w + 1];
        if (c > best) {
            best = c;
            at = w + 1;
        }
    }
    return best >= 5 && best * 5 >= inner ? at : 0;
}

/* Lines of one column that follow each other form a block; a line as wide
 * as the converter's wrapping width, followed by one that does not start
 * a new item, was wrapped by the converter, not ended by the writer.  A
 * line that starts with a comma or full stop always continues the one
 * before. */
static void mark_wraps(imp_source *s)
{
    int *next = pia_xmalloc(((size_t)s->n + 1) * sizeof *next);
    int *width = pia_xmalloc(((size_t)s->n + 1) * sizeof *width);
    unsigned char *has_prev = pia_xcalloc((size_t)s->n + 1, 1);
    for (int i = 0; i < s->n; i++) {
        next[i] = -1;
        width[i] = imp_display_width(imp_piece_text(s, &s->p[i]), s->p[i].len);
        for (int j = i + 1; j < s->n && s->p[j].line <= s->p[i].line + 1 && !s->p[i].tabbed; j++) {
            const imp_piece *a = &s->p[i], *b = &s->p[j];
            if (b->line == a->line + 1 && b->page == a->page && b->role == a->role && !b->tabbed &&
                b->x >= a->x - 1 && b->x <= a->x + 1) {
                next[i] = j;
                has_prev[j] = 1;
                break;
            }
        }
    }
    int w = wrap_width(s, width, next);
    for (int i = 0; i < s->n; i++) {
        if (has_prev[i] || next[i] < 0)
            continue;
        for (int k = i; next[k] >= 0; k = next[k]) {
            const imp_piece *n = &s->p[next[k]];
            uint32_t c = first_cp(s, n);
            if (c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E)
                s->p[k].soft = 1;
            else
                s->p[k].soft = w > 0 && width[k] >= w - 2 && !starts_item(s, n) && !ends_sentence(s, &s->p[k]);
        }
    }
    free(next);
    free(width);
    free(has_prev);
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
    if (split_at_column(src, err))
        return -1;
    imp_source_assign_roles(src);
    mark_wraps(src);
    return 0;
}
