/*
 * xlsx_layout.c — wrapped-text metrics for sheet cells (see xlsx_layout.h).
 */
#include "xlsx_layout.h"

static unsigned decode(const unsigned char *s, size_t *len)
{
    unsigned c = s[0];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
    }
    *len = (size_t)n;
    if (n == 1)
        return c;
    unsigned cp = c & (0x7F >> n);
    for (int i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

int pia_xlsx_char_width(const char *s, size_t *len)
{
    unsigned cp = decode((const unsigned char *)s, len);
    if (cp < 0x1100 || (cp >= 0xFF61 && cp <= 0xFF9F))
        return 1;
    return 2;
}

/* Walk s, calling back at every line end; returns the number of lines. */
static int wrap(const char *s, int cap, int max_lines, size_t *stop)
{
    int lines = 1, col = 0;
    size_t i = 0;
    if (cap < 2)
        cap = 2;
    while (s[i]) {
        if (s[i] == '\n') {
            if (lines == max_lines)
                break;
            lines++;
            col = 0;
            i++;
            continue;
        }
        size_t n;
        int w = pia_xlsx_char_width(s + i, &n);
        if (col + w > cap) {
            if (lines == max_lines)
                break;
            lines++;
            col = 0;
        }
        col += w;
        i += n;
    }
    if (stop)
        *stop = i;
    return lines;
}

int pia_xlsx_lines(const char *s, int cap)
{
    return wrap(s, cap, 1 << 30, NULL);
}

size_t pia_xlsx_prefix(const char *s, int cap, int max_lines)
{
    size_t stop;
    wrap(s, cap, max_lines, &stop);
    if (stop == 0 && s[0]) {
        size_t n;
        pia_xlsx_char_width(s, &n);
        stop = n;
    }
    return stop;
}
