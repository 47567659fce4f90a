/*
 * width.c — display widths (see width.h).
 */
#include "width.h"
#include "model/err.h"

#include <stdlib.h>
#include <string.h>

static int ambiguous_wide;

void tui_width_set_ambiguous_wide(int wide) { ambiguous_wide = wide; }
int tui_width_ambiguous_wide(void) { return ambiguous_wide; }

/* East Asian Ambiguous ranges that occur in Japanese administrative text
 * (from Unicode's EastAsianWidth.txt: circled numbers, geometric shapes,
 * box drawing, Greek/Cyrillic, ※, arrows, roman numerals, §, ×, ÷ …). */
static const struct { wchar_t lo, hi; } AMBIGUOUS[] = {
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

static int is_ambiguous(wchar_t c)
{
    int lo = 0, hi = (int)(sizeof AMBIGUOUS / sizeof AMBIGUOUS[0]) - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (c < AMBIGUOUS[mid].lo)
            hi = mid - 1;
        else if (c > AMBIGUOUS[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

int tui_wcwidth(wchar_t c)
{
    if (c >= 0x80 && c < 0xa0)
        return 4;                       /* drawn as <9B> */
    if (c < 0x20 || c == 0x7f)
        return 2;                       /* drawn as ^X */
    if (ambiguous_wide && is_ambiguous(c))
        return 2;
    int w = wcwidth(c);
    return w < 0 ? 1 : w;
}

int tui_wcswidth(const wchar_t *s, int n)
{
    int w = 0;
    for (int i = 0; i < n && s[i]; i++)
        w += tui_wcwidth(s[i]);
    return w;
}

wchar_t *tui_utf8_to_wcs(const char *s, int *len)
{
    size_t n = strlen(s);
    wchar_t *w = pia_xmalloc((n + 1) * sizeof *w);
    mbstate_t st;
    memset(&st, 0, sizeof st);
    int k = 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        size_t r = mbrtowc(&w[k], p, (size_t)(end - p), &st);
        if (r == (size_t)-1 || r == (size_t)-2) {
            w[k] = 0xFFFD;        /* keep going: never lose the rest of an answer */
            memset(&st, 0, sizeof st);
            r = 1;
        } else if (r == 0) {
            r = 1;
        }
        p += r;
        k++;
    }
    w[k] = 0;
    if (len)
        *len = k;
    return w;
}

char *tui_wcs_to_utf8(const wchar_t *s, int len)
{
    char *out = pia_xmalloc((size_t)len * MB_CUR_MAX + 1);
    size_t o = 0;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    for (int i = 0; i < len; i++) {
        size_t r = wcrtomb(out + o, s[i], &st);
        if (r == (size_t)-1) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            r = 3;
            memset(&st, 0, sizeof st);
        }
        o += r;
    }
    out[o] = '\0';
    return out;
}
