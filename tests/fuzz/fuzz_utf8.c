/*
 * fuzz_utf8.c — libFuzzer harness for pia's UTF-8 check: its verdict and
 * the offset of the first bad byte agree with an independent reading of
 * Unicode's table 3-7; good text decodes and re-encodes to the same bytes;
 * any bytes survive the TUI's decode/encode unchanged; what
 * pia_text_visible makes of any bytes is UTF-8 without control characters
 * but newline and tab; conversion for Shift_JIS terminals never fails.
 */
#include "model/charset.h"
#include "model/format.h"
#include "model/utf8.h"
#include "tui/width.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Table 3-7, byte by byte: the length of the sequence at p, 0 if bad. */
static size_t ref_len(const uint8_t *p, size_t n)
{
    uint8_t b = p[0];
    if (b == 0)
        return 0;
    if (b < 0x80)
        return 1;
    size_t len;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) len = 2;
    else if (b == 0xE0) len = 3, lo = 0xA0;
    else if (b >= 0xE1 && b <= 0xEC) len = 3;
    else if (b == 0xED) len = 3, hi = 0x9F;
    else if (b >= 0xEE && b <= 0xEF) len = 3;
    else if (b == 0xF0) len = 4, lo = 0x90;
    else if (b >= 0xF1 && b <= 0xF3) len = 4;
    else if (b == 0xF4) len = 4, hi = 0x8F;
    else return 0;
    if (n < len || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 0;
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t ref = 0;
    while (ref < size) {
        size_t l = ref_len(data + ref, size - ref);
        if (!l)
            break;
        ref += l;
    }
    const char *s = (const char *)data;
    if (pia_utf8_bad_offset(s, size) != ref)
        __builtin_trap();
    if (ref == size) {
        char *back = malloc(size + 1);
        size_t o = 0;
        for (size_t i = 0; i < size;) {
            uint32_t cp;
            int l = pia_utf8_decode(s + i, size - i, &cp);
            if (l <= 0 || pia_utf8_encode(cp, back + o) != l)
                __builtin_trap();
            o += (size_t)l;
            i += (size_t)l;
        }
        if (o != size || memcmp(back, s, size) != 0)
            __builtin_trap();
        free(back);
    } else {
        pia_err err = { 0 };
        if (pia_utf8_check("fuzz", 1, s, size, &err) != -1 || !strstr(err.msg, "fuzz:"))
            __builtin_trap();
    }
    /* As C strings from here (up to the first NUL). */
    char *z = malloc(size + 1);
    memcpy(z, data, size);
    z[size] = '\0';
    size_t zn = strlen(z);
    int wl;
    wchar_t *w = tui_utf8_to_wcs(z, &wl);
    char *again = tui_wcs_to_utf8(w, wl);
    if (strcmp(again, z) != 0)
        __builtin_trap();
    free(again);
    free(w);
    char *v = pia_text_visible(z);
    if (!pia_utf8_valid(v))
        __builtin_trap();
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
            __builtin_trap();
    free(v);
    size_t cl;
    free(pia_charset_from_utf8(PIA_CS_SJIS, z, zn, &cl));
    free(z);
    return 0;
}
