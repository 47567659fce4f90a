/*
 * format.c — answers as the official form prints them, and the escaping of
 * control characters (see format.h).
 */
#include "format.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = pia_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

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
        return pia_xasprintf("（%s %s%s）", node->detail, t, sp);
    return pia_xasprintf("（ %s%s）%s", t, sp, node->detail);
}

char *pia_format_choice(const pia_node *node, const pia_value *v)
{
    char *d = pia_format_detail(node, v ? v->detail : "");
    char *s = v && v->value[0] ? pia_xasprintf("[ %s ]%s", v->value, d)
                               : pia_xasprintf("%s%s", PIA_CHOICE_UNSET, d);
    free(d);
    return s;
}

char *pia_format_options(const pia_node *node)
{
    return pia_format_options_sep(node, " ");
}

char *pia_format_options_sep(const pia_node *node, const char *sep)
{
    sbuf b = { 0 };
    sb_add(&b, "<選択肢>");
    for (int i = 0; i < node->nchoices; i++) {
        char num[16];
        sb_add(&b, sep);
        snprintf(num, sizeof num, "%d) ", i + 1);
        sb_add(&b, num);
        sb_add(&b, node->choices[i]);
    }
    return b.s;
}

char *pia_format_box(const pia_node *node, const pia_value *v)
{
    char *d = pia_format_detail(node, v ? v->detail : "");
    char *s = pia_xasprintf("%s %s%s", pia_value_checked(v) ? PIA_BOX_ON : PIA_BOX_OFF, node->label, d);
    free(d);
    return s;
}

char *pia_text_visible(const char *s)
{
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
