/*
 * norm.c — widths of source text for laying out imported pages (see norm.h).
 */
#include "norm.h"
#include "model/linebreak.h"
#include "model/utf8.h"

#include <stdlib.h>
#include <string.h>

static int is_mark(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) ||
           (c >= 0x0E47 && c <= 0x0E4E) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0xFE00 && c <= 0xFE0F);
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
    int w = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += (size_t)pia_utf8_next(s + i, len - i, &c);
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
        i += (size_t)pia_utf8_next(s + i, len - i, &c);
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
        int n = pia_utf8_next(s + i, len - i, &c);
        if (i > 0 && !pia_lb_no_start(c) && !pia_lb_no_end(prev))
            break;
        w += pia_lb_print_width(c);
        prev = c;
        i += (size_t)n;
    }
    return w;
}
