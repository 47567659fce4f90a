/*
 * norm.c — folding text for label matching (see norm.h).
 */
#include "norm.h"
#include "model/linebreak.h"
#include "model/err.h"

#include <stdlib.h>
#include <string.h>

int imp_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned c = s[0];
    int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || (size_t)n > len) {
        *cp = 0xFFFD;
        return 1;
    }
    uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are invalid. */
    static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = v;
    return n;
}

int imp_utf8_encode(uint32_t c, char *b)
{
    if (c < 0x80) {
        b[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        b[0] = (char)(0xC0 | (c >> 6));
        b[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        b[0] = (char)(0xE0 | (c >> 12));
        b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    b[0] = (char)(0xF0 | (c >> 18));
    b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    b[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

int imp_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        if (p[i] == 0)
            return 0;
        int k = imp_utf8_decode(p + i, len - i, &c);
        if (c == 0xFFFD && !(k == 3 && p[i] == 0xEF && p[i + 1] == 0xBF && p[i + 2] == 0xBD))
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Half-width katakana U+FF61..U+FF9D to their full-width forms. */
static const uint16_t HALF_KANA[] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7,
    0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8,
    0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB,
    0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD,
    0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1,
    0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF,
    0x30F3,
};

static int is_mark(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) ||
           (c >= 0x0E47 && c <= 0x0E4E) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0xFE00 && c <= 0xFE0F);
}

static int is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == 0x00A0 || c == 0x3000 || c == 0x00AD || (c >= 0x2000 && c <= 0x200F) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x2060 ||
           c == 0xFEFF;
}

static uint32_t cjk(uint32_t c)
{
    size_t lo = 0, hi = imp_fold_cjk_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (imp_fold_cjk[mid][0] == c)
            return imp_fold_cjk[mid][1];
        if (imp_fold_cjk[mid][0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return c;
}

uint32_t imp_fold_cp(uint32_t c)
{
    if (is_space(c) || is_mark(c) || c < 0x20 || c == 0x7F)
        return 0;
    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
    else if (c >= 0xFF61 && c <= 0xFF9D)
        c = HALF_KANA[c - 0xFF61];
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    switch (c) {
    case 0x3008: return '<';
    case 0x3009: return '>';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0x2500: return '-';
    case 0x301C: return '~';
    case 0x3001: case 0xFF64: return ',';
    case 0x3002: return '.';
    case 0x00B7: case 0x2027: case 0x2219: return 0x30FB;
    case 0x201C: case 0x201D: case 0x201E: return '"';
    case 0x2018: case 0x2019: return '\'';
    default: break;
    }
    if ((c >= 0x2E80 && c <= 0x2FDF) || (c >= 0xF900 && c <= 0xFAFF))
        return cjk(c);
    return c;
}

/* (Han)dakuten after a kana: the composed kana, or 0 when there is none. */
static uint32_t compose(uint32_t base, uint32_t mark)
{
    int semi = mark == 0xFF9F || mark == 0x309A || mark == 0x309C;
    uint32_t kata = base >= 0x3041 && base <= 0x3096 ? base + 0x60 : base;
    uint32_t shift = kata != base ? 0x60 : 0;
    if (!semi && kata == 0x30A6)
        return shift ? 0x3094 : 0x30F4;
    static const uint16_t VOICED[] = { 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7,
                                       0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8 };
    static const uint16_t BOTH[] = { 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB };
    for (size_t i = 0; !semi && i < sizeof VOICED / sizeof VOICED[0]; i++)
        if (kata == VOICED[i])
            return kata + 1 - shift;
    for (size_t i = 0; i < sizeof BOTH / sizeof BOTH[0]; i++)
        if (kata == BOTH[i])
            return kata + (semi ? 2 : 1) - shift;
    return 0;
}

static int is_voicing(uint32_t c)
{
    return c == 0xFF9E || c == 0xFF9F || c == 0x3099 || c == 0x309A || c == 0x309B || c == 0x309C;
}

static void push(imp_norm *n, uint32_t cp, uint32_t at, uint32_t end)
{
    if (n->n == n->cap) {
        n->cap = n->cap ? n->cap * 2 : 256;
        n->cp = pia_xrealloc(n->cp, n->cap * sizeof *n->cp);
        n->at = pia_xrealloc(n->at, n->cap * sizeof *n->at);
        n->end = pia_xrealloc(n->end, n->cap * sizeof *n->end);
    }
    n->cp[n->n] = cp;
    n->at[n->n] = at;
    n->end[n->n] = end;
    n->n++;
}

void imp_norm_append(imp_norm *n, const char *s, size_t len, uint32_t base)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int k = imp_utf8_decode(p + i, len - i, &c);
        uint32_t at = base + (uint32_t)i;
        i += (size_t)k;
        if (is_voicing(c) && n->n > 0 && n->end[n->n - 1] == at) {
            uint32_t composed = compose(n->cp[n->n - 1], c);
            if (composed) {
                n->cp[n->n - 1] = composed;
                n->end[n->n - 1] = base + (uint32_t)i;
                continue;
            }
        }
        uint32_t f = imp_fold_cp(c);
        if (f)
            push(n, f, at, base + (uint32_t)i);
    }
}

void imp_norm_free(imp_norm *n)
{
    free(n->cp);
    free(n->at);
    free(n->end);
    memset(n, 0, sizeof *n);
}

size_t imp_fold(const char *s, uint32_t **out)
{
    imp_norm n = { 0 };
    imp_norm_append(&n, s, strlen(s), 0);
    free(n.at);
    free(n.end);
    if (!n.cp)
        n.cp = pia_xmalloc(sizeof *n.cp);
    *out = n.cp;
    return n.n;
}

static int wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD) ||
           (c >= 0x2460 && c <= 0x24FF) || (c >= 0x2160 && c <= 0x217F) || c == 0x203B ||
           c == 0x25CB || c == 0x25EF;
}

int imp_display_width(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += (size_t)imp_utf8_decode(p + i, len - i, &c);
        if (c == '\t')
            w = (w / 8 + 1) * 8;
        else if (!is_mark(c))
            w += wide(c) ? 2 : 1;
    }
    return w;
}

int imp_quarters(const char *s, size_t len)
{
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += (size_t)imp_utf8_decode((const unsigned char *)s + i, len - i, &c);
        w += pia_lb_print_width(c);
    }
    return w;
}

int imp_first_unit_quarters(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c, prev = 0;
    size_t i = 0;
    int w = 0;
    if (len > 0 && u[0] > ' ' && u[0] < 0x80) {
        while (i < len && u[i] > ' ' && u[i] < 0x80)
            w += pia_lb_print_width(u[i++]);
        return w;
    }
    while (i < len) {
        int n = imp_utf8_decode(u + i, len - i, &c);
        if (i > 0 && !pia_lb_no_start(c) && !pia_lb_no_end(prev))
            break;
        w += pia_lb_print_width(c);
        prev = c;
        i += (size_t)n;
    }
    return w;
}
