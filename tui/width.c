/*
 * width.c — display widths (see width.h).
 */
#include "width.h"
#include "model/err.h"
#include "model/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int ambiguous_wide;

void tui_width_set_ambiguous_wide(int wide) { ambiguous_wide = wide; }
int tui_width_ambiguous_wide(void) { return ambiguous_wide; }

int tui_wcwidth(wchar_t c)
{
    if (TUI_IS_RAW_BYTE(c) || (c >= 0x80 && c < 0xa0))
        return 4;                       /* drawn as <9B> */
    if (c < 0x20 || c == 0x7f)
        return 2;                       /* drawn as ^X */
    return pia_utf8_width((uint32_t)c, ambiguous_wide);
}

int tui_wcswidth(const wchar_t *s, int n)
{
    int w = 0;
    for (int i = 0; i < n && s[i]; i++)
        w += tui_wcwidth(s[i]);
    return w;
}

/* Decoding is pia's own, not mbrtowc's: under LANG=C the C library would
 * turn every Japanese byte into a replacement character.  A byte that is
 * not UTF-8 (text stored before pia checked its input) becomes
 * TUI_RAW_BYTE(b) and is written back as that same byte, so opening and
 * saving never changes what it does not show. */
wchar_t *tui_utf8_to_wcs(const char *s, int *len)
{
    size_t n = strlen(s);
    wchar_t *w = pia_xmalloc((n + 1) * sizeof *w);
    int k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int r = pia_utf8_decode(s + i, n - i, &cp);
        if (r == 0) {
            w[k++] = TUI_RAW_BYTE((unsigned char)s[i]);
            i++;
        } else {
            w[k++] = (wchar_t)cp;
            i += (size_t)r;
        }
    }
    w[k] = 0;
    if (len)
        *len = k;
    return w;
}

char *tui_wcs_to_utf8(const wchar_t *s, int len)
{
    char *out = pia_xmalloc((size_t)len * 4 + 1);
    size_t o = 0;
    for (int i = 0; i < len; i++) {
        if (TUI_IS_RAW_BYTE(s[i])) {
            out[o++] = (char)(s[i] & 0xFF);
            continue;
        }
        int r = pia_utf8_encode((uint32_t)s[i], out + o);
        if (r == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            r = 3;
        }
        o += (size_t)r;
    }
    out[o] = '\0';
    return out;
}
