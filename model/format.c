/*
 * format.c — answers as the official form prints them (see format.h).
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
    /* A word ending in a colon introduces the text inside the brackets
     * （手数料額、納付方法： … ）; any other word follows them （ … ）件. */
    if (ends_with(node->detail, "：") || ends_with(node->detail, ":"))
        return pia_xasprintf("（%s %s ）", node->detail, t);
    return pia_xasprintf("（ %s ）%s", t, node->detail);
}

char *pia_format_choice(const pia_node *node, const pia_value *v)
{
    sbuf b = { 0 };
    if (v && v->value[0]) {
        sb_add(&b, "[");
        sb_add(&b, v->value);
        sb_add(&b, "]");
    } else {
        sb_add(&b, PIA_CHOICE_UNSET);
    }
    sb_add(&b, " <選択肢>");
    for (int i = 0; i < node->nchoices; i++) {
        char num[16];
        snprintf(num, sizeof num, " %d) ", i + 1);
        sb_add(&b, num);
        sb_add(&b, node->choices[i]);
    }
    if (node->detail) {
        char *d = pia_format_detail(node, v ? v->detail : "");
        sb_add(&b, " ");
        sb_add(&b, d);
        free(d);
    }
    return b.s;
}

char *pia_format_check(const pia_node *node, const pia_value *v)
{
    char *d = pia_format_detail(node, v ? v->detail : "");
    char *s = pia_xasprintf("[%s] %s%s", pia_value_checked(v) ? "○" : " ", node->label, d);
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
