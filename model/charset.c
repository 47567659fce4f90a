/*
 * charset.c — the locale's character set and conversion to it (charset.h).
 */
#include "charset.h"
#include "err.h"
#include "utf8.h"

#include <ctype.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether `name` mentions one of the words (case and '-', '_' ignored). */
static int names(const char *name, const char *const *words)
{
    char flat[128];
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < sizeof flat; p++)
        if (*p != '-' && *p != '_')
            flat[k++] = (char)tolower((unsigned char)*p);
    flat[k] = '\0';
    for (; *words; words++)
        if (strstr(flat, *words))
            return 1;
    return 0;
}

static pia_charset classify(const char *name)
{
    static const char *const sjis[] = { "sjis", "shiftjis", "cp932", "windows31j", "mskanji", "pck", NULL };
    static const char *const euc[] = { "eucjp", "ujis", NULL };
    static const char *const utf8[] = { "utf8", NULL };
    if (names(name, sjis))
        return PIA_CS_SJIS;
    if (names(name, euc))
        return PIA_CS_EUCJP;
    if (names(name, utf8))
        return PIA_CS_UTF8;
    return PIA_CS_OTHER;
}

pia_charset pia_charset_of_locale(void)
{
    pia_charset cs = classify(nl_langinfo(CODESET));
    if (cs != PIA_CS_OTHER)
        return cs;
    /* setlocale fell back to C because the named locale is not installed:
     * the name still says what the terminal sends and shows. */
    const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return classify(v);
    }
    return PIA_CS_OTHER;
}

const char *pia_charset_label(pia_charset cs)
{
    switch (cs) {
    case PIA_CS_UTF8: return "UTF-8";
    case PIA_CS_SJIS: return "Shift_JIS";
    case PIA_CS_EUCJP: return "EUC-JP";
    default: return "ASCII";
    }
}

/* Microsoft's variants first (①, Ⅲ, ～ as Windows writes them), then the
 * JIS ones (〜 U+301C, which CP932 lacks).  Opened once per process and
 * kept: only the main thread prints. */
static iconv_t *converters(pia_charset cs)
{
    static iconv_t cds[2][2];
    static int opened[2];
    int k = cs == PIA_CS_SJIS ? 0 : 1;
    if (!opened[k]) {
        const char *names2[2] = { k == 0 ? "CP932" : "EUC-JP-MS", k == 0 ? "SHIFT_JIS" : "EUC-JP" };
        for (int i = 0; i < 2; i++)
            cds[k][i] = iconv_open(names2[i], "UTF-8");
        opened[k] = 1;
    }
    return cds[k];
}

/* One character through the first converter that has it. */
static size_t convert_one(iconv_t cd[2], const char *ch, size_t len, char *out, size_t room)
{
    for (int i = 0; i < 2; i++) {
        if (cd[i] == (iconv_t)-1)
            continue;
        char *in = (char *)ch, *o = out;
        size_t inleft = len, outleft = room;
        iconv(cd[i], NULL, NULL, NULL, NULL);
        if (iconv(cd[i], &in, &inleft, &o, &outleft) != (size_t)-1 && inleft == 0)
            return room - outleft;
    }
    return 0;
}

char *pia_charset_from_utf8(pia_charset cs, const char *s, size_t n, size_t *outlen)
{
    if (cs != PIA_CS_SJIS && cs != PIA_CS_EUCJP) {
        char *copy = pia_xmalloc(n + 1);
        memcpy(copy, s, n);
        copy[n] = '\0';
        *outlen = n;
        return copy;
    }
    iconv_t *cd = converters(cs);
    /* Worst case: every byte a "<U+XXXXXX>" of 11 bytes (an invalid byte
     * as "<9B>" is shorter). */
    char *out = pia_xmalloc(n * 11 + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int len = pia_utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            o += (size_t)sprintf(out + o, "<%02X>", (unsigned char)s[i]);
            i++;
            continue;
        }
        size_t got = cp < 0x80 ? (out[o] = (char)cp, 1) : convert_one(cd, s + i, (size_t)len, out + o, 8);
        if (got == 0)
            got = (size_t)sprintf(out + o, "<U+%04X>", (unsigned)cp);
        o += got;
        i += (size_t)len;
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}
