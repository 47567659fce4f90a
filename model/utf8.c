/*
 * utf8.c — UTF-8 decoding, checking and display widths (see utf8.h).
 * Well-formed means Unicode's table 3-7: no overlong forms, no surrogates,
 * nothing beyond U+10FFFF.
 */
#include "utf8.h"
#include "utf8_width.h"

#include <stdio.h>
#include <string.h>

int pia_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    int len;
    uint32_t c, min;
    if (u[0] >= 0xC2 && u[0] <= 0xDF) {
        len = 2, c = u[0] & 0x1Fu, min = 0x80;
    } else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
        len = 3, c = u[0] & 0x0Fu, min = 0x800;
    } else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
        len = 4, c = u[0] & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (n < (size_t)len)
        return 0;
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

size_t pia_utf8_prefix(const char *s, size_t chars)
{
    size_t off = 0, len = strlen(s);
    uint32_t cp;
    for (size_t k = 0; k < chars && off < len; k++) {
        int b = pia_utf8_decode(s + off, len - off, &cp);
        off += b > 0 ? (size_t)b : 1;
    }
    return off;
}

int pia_utf8_next(const char *s, size_t n, uint32_t *cp)
{
    int k = pia_utf8_decode(s, n, cp);
    if (k > 0)
        return k;
    *cp = 0xFFFD;
    return 1;
}

int pia_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t pia_utf8_bad_offset(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII runs are the common case: no decoding needed. */
        if ((unsigned char)s[i] < 0x80) {
            if (s[i] == '\0')
                return i;
            i++;
            continue;
        }
        uint32_t cp;
        int len = pia_utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return i;
        i += (size_t)len;
    }
    return n;
}

int pia_utf8_valid(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return pia_utf8_bad_offset(s, n) == n;
}

void pia_utf8_position(const char *s, size_t off, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == '\n') {
            l++;
            c = 1;
        } else if ((b & 0xC0) != 0x80) {   /* a character starts here */
            c++;
        }
    }
    *line = l;
    *col = c;
}

int pia_utf8_check(const char *where, int lines, const char *s, size_t n, pia_err *err)
{
    size_t off = pia_utf8_bad_offset(s, n);
    if (off == n)
        return 0;
    size_t line, col;
    pia_utf8_position(s, off, &line, &col);
    char at[64];
    if (lines)
        snprintf(at, sizeof at, ":%zu:%zu:", line, col);
    else
        snprintf(at, sizeof at, ": %zu 文字目に", col);
    if (s[off] == '\0')
        return pia_fail(err, PIA_EINVAL, "%s%s NUL 文字（0x00）があります。NUL は文字として使えません"
                        "（UTF-16 のファイルなら UTF-8 に変換してください）", where, at);
    return pia_fail(err, PIA_EINVAL, "%s%s UTF-8 ではないバイト（0x%02X）があります。pia は UTF-8 の文字だけを"
                    "受け付けます（Shift_JIS のファイルなら iconv -f CP932 -t UTF-8 で変換してください）",
                    where, at, (unsigned char)s[off]);
}

/* East Asian Ambiguous characters that occur in Japanese administrative
 * text (circled numbers, geometric shapes, box drawing, Greek/Cyrillic,
 * ※, arrows, roman numerals, §, ×, ÷ …): one column in most Western
 * terminals, two in Tera Term and CJK-locale terminals. */
static const struct pia_width_range AMBIGUOUS[] = {
    { 0x00A7, 0x00A8 }, { 0x00B0, 0x00B1 }, { 0x00B4, 0x00B4 }, { 0x00B6, 0x00B6 },
    { 0x00D7, 0x00D7 }, { 0x00F7, 0x00F7 }, { 0x0391, 0x03A9 }, { 0x03B1, 0x03C9 },
    { 0x0401, 0x0401 }, { 0x0410, 0x044F }, { 0x0451, 0x0451 }, { 0x2010, 0x2010 },
    { 0x2013, 0x2016 }, { 0x2018, 0x2019 }, { 0x201C, 0x201D }, { 0x2020, 0x2022 },
    { 0x2025, 0x2027 }, { 0x2030, 0x2030 }, { 0x2032, 0x2033 }, { 0x203B, 0x203B },
    { 0x2103, 0x2103 }, { 0x2116, 0x2116 }, { 0x2121, 0x2122 }, { 0x2160, 0x216B },
    { 0x2170, 0x2179 }, { 0x2190, 0x2199 }, { 0x21D2, 0x21D2 }, { 0x21D4, 0x21D4 },
    { 0x2200, 0x22FF }, { 0x2460, 0x24E9 }, { 0x24EB, 0x254B }, { 0x2550, 0x2573 },
    { 0x2580, 0x258F }, { 0x2592, 0x2595 }, { 0x25A0, 0x25A1 }, { 0x25A3, 0x25A9 },
    { 0x25B2, 0x25B3 }, { 0x25B6, 0x25B7 }, { 0x25BC, 0x25BD }, { 0x25C0, 0x25C1 },
    { 0x25C6, 0x25C8 }, { 0x25CB, 0x25CB }, { 0x25CE, 0x25D1 }, { 0x25E2, 0x25E5 },
    { 0x25EF, 0x25EF }, { 0x2605, 0x2606 }, { 0x2609, 0x2609 }, { 0x260E, 0x260F },
    { 0x261C, 0x261C }, { 0x261E, 0x261E }, { 0x2640, 0x2640 }, { 0x2642, 0x2642 },
    { 0x2660, 0x2661 }, { 0x2663, 0x2665 }, { 0x2667, 0x266A }, { 0x266C, 0x266D },
    { 0x266F, 0x266F }, { 0x3248, 0x324F }, { 0xFFFD, 0xFFFD },
};

static int in_table(const struct pia_width_range *t, size_t n, uint32_t cp)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < t[mid].lo)
            hi = mid;
        else if (cp > t[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

#define IN(t, cp) in_table(t, sizeof t / sizeof t[0], cp)

int pia_utf8_width(uint32_t cp, int ambiguous_wide)
{
    if (cp < 0x300)
        return ambiguous_wide && IN(AMBIGUOUS, cp) ? 2 : 1;
    if (IN(PIA_WIDTH_ZERO, cp))
        return 0;
    if (IN(PIA_WIDTH_WIDE, cp))
        return 2;
    return ambiguous_wide && IN(AMBIGUOUS, cp) ? 2 : 1;
}
