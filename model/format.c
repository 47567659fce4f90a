/*
 * format.c — answers as the official form prints them, and the escaping of
 * control characters (see format.h).
 */
#include "format.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pia_value_checked(const pia_value *v)
{
    return v && strcmp(v->value, "1") == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

char *pia_format_detail(const pia_node *node, const char *text)
{
    if (!node->detail)
        return pia_xstrdup("");
    const char *t = text ? text : "";
    const char *sp = *t ? " " : "";     /* an empty one prints as （ ） */
    /* A word ending in a colon introduces the text inside the brackets
     * （手数料額、納付方法： … ）; any other word follows them （ … ）件. */
    if (ends_with(node->detail, "：") || ends_with(node->detail, ":"))
        return pia_xconcat("（", node->detail, " ", t, sp, "）", (char *)NULL);
    return pia_xconcat("（ ", t, sp, "）", node->detail, (char *)NULL);
}

char *pia_format_choice(const pia_node *node, const pia_value *v)
{
    char *d = pia_format_detail(node, v ? v->detail : "");
    char *s = v && v->value[0] ? pia_xconcat("[ ", v->value, " ]", d, (char *)NULL)
                               : pia_xconcat(PIA_CHOICE_UNSET, d, (char *)NULL);
    free(d);
    return s;
}

char *pia_format_options(const pia_node *node)
{
    return pia_format_options_sep(node, " ");
}

/* The decimal digits of n (>= 0) at o; returns the end. */
static char *number(char *o, int n)
{
    char digits[12];
    int k = 0;
    do
        digits[k++] = (char)('0' + n % 10);
    while ((n /= 10) > 0);
    while (k > 0)
        *o++ = digits[--k];
    return o;
}

char *pia_format_options_sep(const pia_node *node, const char *sep)
{
    static const char head[] = "<選択肢>";
    size_t seplen = strlen(sep), n = sizeof head;
    for (int i = 0; i < node->nchoices; i++)
        n += seplen + 16 + strlen(node->choices[i]);
    char *out = pia_xmalloc(n), *o = out;
    memcpy(o, head, sizeof head - 1);
    o += sizeof head - 1;
    for (int i = 0; i < node->nchoices; i++) {
        memcpy(o, sep, seplen);
        o += seplen;
        o = number(o, i + 1);
        *o++ = ')';
        *o++ = ' ';
        size_t len = strlen(node->choices[i]);
        memcpy(o, node->choices[i], len);
        o += len;
    }
    *o = '\0';
    return out;
}

char *pia_format_box(const pia_node *node, const pia_value *v)
{
    char *d = pia_format_detail(node, v ? v->detail : "");
    char *s = pia_xconcat(pia_value_checked(v) ? PIA_BOX_ON : PIA_BOX_OFF, " ", node->label, d, (char *)NULL);
    free(d);
    return s;
}

/* Whether s holds a character pia_text_visible changes: a control, or a
 * byte that is not part of well-formed UTF-8. */
static int has_controls(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
                return 1;
            i++;
            continue;
        }
        uint32_t cp;
        int len = pia_utf8_decode(s + i, n - i, &cp);
        if (len == 0 || cp <= 0x9F)
            return 1;
        i += (size_t)len;
    }
    return 0;
}

char *pia_text_visible(const char *s)
{
    if (!has_controls(s))
        return pia_xstrdup(s);
    size_t n = strlen(s);
    char *out = pia_xmalloc(n * 4 + 1), *o = out;   /* a byte grows to "<9B>" at most */
    for (size_t i = 0; i < n;) {
        const unsigned char *p = (const unsigned char *)s + i;
        uint32_t cp;
        int len = pia_utf8_decode(s + i, n - i, &cp);
        /* C1 controls (U+0080–U+009F, e.g. CSI) act on terminals too, and
         * so does a raw 0x9B byte on one that honours 8-bit controls: any
         * byte that is not UTF-8 is shown in hex, never passed. */
        if (len == 0 || (cp >= 0x80 && cp <= 0x9F)) {
            o += sprintf(o, "<%02X>", len == 0 ? *p : (unsigned)cp);
            i += len == 0 ? 1 : (size_t)len;
            continue;
        }
        if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7f) {
            *o++ = '^';
            *o++ = cp == 0x7f ? '?' : (char)(cp + 0x40);
        } else {
            memcpy(o, s + i, (size_t)len);
            o += len;
        }
        i += (size_t)len;
    }
    *o = '\0';
    return out;
}

char *pia_text_abbrev(const char *s, int n)
{
    size_t len = strlen(s);
    char *out = pia_xmalloc(len + sizeof "…"), *o = out;
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > n) {   /* a new character begins */
            o += sprintf(o, "…");
            break;
        }
        *o++ = *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : (char)*p;
    }
    *o = '\0';
    return out;
}
