/*
 * fold.c — folding text for matching labels and searches (see fold.h).
 */
#include "fold.h"
#include "err.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

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
    size_t lo = 0, hi = pia_fold_cjk_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pia_fold_cjk[mid][0] == c)
            return pia_fold_cjk[mid][1];
        if (pia_fold_cjk[mid][0] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return c;
}

uint32_t pia_fold_cp(uint32_t c)
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

/* A number as ASCII digits, with an optional text around it. */
static int number(uint32_t v, const char *pre, const char *post, uint32_t *out)
{
    int k = 0;
    while (*pre)
        out[k++] = (unsigned char)*pre++;
    if (v >= 10)
        out[k++] = '0' + v / 10;
    out[k++] = '0' + v % 10;
    while (*post)
        out[k++] = (unsigned char)*post++;
    return k;
}

static int ascii(const char *s, uint32_t *out)
{
    int k = 0;
    while (s[k]) {
        out[k] = (unsigned char)s[k];
        k++;
    }
    return k;
}

/* Numbers and letters people type another way (NFKC plus case folding):
 * the count of code points written to out (room for 6), or -1 when c
 * folds as a label does. */
static int search_fold(uint32_t c, uint32_t *out)
{
    static const char *const ROMAN[] = { "i", "ii", "iii", "iv", "v", "vi", "vii", "viii",
                                         "ix", "x", "xi", "xii", "l", "c", "d", "m" };
    static const char *const ERA[] = { "明治", "大正", "昭和", "平成" };
    static const char *const SUPER = "0\0\0\0" "456789";
    if (c >= 0x2460 && c <= 0x2473) return number(c - 0x2460 + 1, "", "", out);   /* ①…⑳ */
    if (c >= 0x2474 && c <= 0x2487) return number(c - 0x2474 + 1, "(", ")", out); /* ⑴…⒇ */
    if (c >= 0x2488 && c <= 0x249B) return number(c - 0x2488 + 1, "", ".", out);  /* ⒈…⒛ */
    if (c >= 0x3251 && c <= 0x325F) return number(c - 0x3251 + 21, "", "", out);  /* ㉑…㉟ */
    if (c >= 0x32B1 && c <= 0x32BF) return number(c - 0x32B1 + 36, "", "", out);  /* ㊱…㊿ */
    if (c >= 0x24EB && c <= 0x24F4) return number(c - 0x24EB + 11, "", "", out);  /* ⓫…⓴ */
    if (c >= 0x24F5 && c <= 0x24FE) return number(c - 0x24F5 + 1, "", "", out);   /* ⓵…⓾ */
    if (c >= 0x2776 && c <= 0x2793) return number((c - 0x2776) % 10 + 1, "", "", out); /* ❶➀➊ */
    if (c == 0x24EA || c == 0x24FF) return number(0, "", "", out);
    if (c >= 0x2160 && c <= 0x216F) return ascii(ROMAN[c - 0x2160], out);          /* Ⅰ…Ⅿ */
    if (c >= 0x2170 && c <= 0x217F) return ascii(ROMAN[c - 0x2170], out);          /* ⅰ…ⅿ */
    if (c >= 0x24B6 && c <= 0x24CF) return out[0] = 'a' + (c - 0x24B6), 1;         /* Ⓐ…Ⓩ */
    if (c >= 0x24D0 && c <= 0x24E9) return out[0] = 'a' + (c - 0x24D0), 1;         /* ⓐ…ⓩ */
    if (c == 0x00B9 || c == 0x00B2 || c == 0x00B3)
        return out[0] = c == 0xB9 ? '1' : c == 0xB2 ? '2' : '3', 1;
    if ((c == 0x2070 || (c >= 0x2074 && c <= 0x2079)))
        return out[0] = (unsigned char)SUPER[c - 0x2070], 1;
    if (c >= 0x2080 && c <= 0x2089) return out[0] = '0' + (c - 0x2080), 1;
    if (c >= 0x337B && c <= 0x337E) {                                               /* ㍻… */
        const char *e = ERA[0x337E - c];
        uint32_t a, b;
        int k = pia_utf8_decode(e, 3, &a);
        pia_utf8_decode(e + k, 3, &b);
        return out[0] = a, out[1] = b, 2;
    }
    if (c == 0x32FF) return out[0] = 0x4EE4, out[1] = 0x548C, 2;                    /* ㋿ 令和 */
    if (c == 0x2116) return ascii("no", out);
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9 && c != 0x3A2))
        return out[0] = c + 0x20, 1;
    return -1;
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

static void push(pia_fold *f, uint32_t cp, uint32_t at, uint32_t end)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 256;
        f->cp = pia_xrealloc(f->cp, f->cap * sizeof *f->cp);
        f->at = pia_xrealloc(f->at, f->cap * sizeof *f->at);
        f->end = pia_xrealloc(f->end, f->cap * sizeof *f->end);
    }
    f->cp[f->n] = cp;
    f->at[f->n] = at;
    f->end[f->n] = end;
    f->n++;
}

void pia_fold_append(pia_fold *f, const char *s, size_t len, uint32_t base, int mode)
{
    for (size_t i = 0; i < len;) {
        uint32_t c, out[6];
        int k = pia_utf8_next(s + i, len - i, &c);
        uint32_t at = base + (uint32_t)i;
        i += (size_t)k;
        uint32_t end = base + (uint32_t)i;
        if (is_voicing(c) && f->n > 0 && f->end[f->n - 1] == at) {
            uint32_t composed = compose(f->cp[f->n - 1], c);
            if (composed) {
                f->cp[f->n - 1] = composed;
                f->end[f->n - 1] = end;
                continue;
            }
        }
        int m = mode == PIA_FOLD_SEARCH ? search_fold(c, out) : -1;
        for (int j = 0; j < m; j++)
            push(f, out[j], at, end);
        uint32_t folded = m < 0 ? pia_fold_cp(c) : 0;
        if (folded)
            push(f, folded, at, end);
    }
}

void pia_fold_free(pia_fold *f)
{
    free(f->cp);
    free(f->at);
    free(f->end);
    memset(f, 0, sizeof *f);
}

size_t pia_fold_str(const char *s, int mode, uint32_t **out)
{
    pia_fold f = { 0 };
    pia_fold_append(&f, s, strlen(s), 0, mode);
    free(f.at);
    free(f.end);
    if (!f.cp)
        f.cp = pia_xmalloc(sizeof *f.cp);
    *out = f.cp;
    return f.n;
}

size_t pia_fold_find(const uint32_t *hay, size_t n, const uint32_t *needle, size_t m, size_t from)
{
    if (m == 0 || m > n)
        return (size_t)-1;
    for (size_t i = from; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m * sizeof *needle) == 0)
            return i;
    return (size_t)-1;
}
