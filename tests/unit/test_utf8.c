/*
 * test_utf8.c — pia's own UTF-8: what is well-formed (Unicode table 3-7),
 * where a bad byte is reported, encode/decode round trips, display widths
 * without the locale, and pia_text_visible on raw 8-bit controls.
 */
#include "check.h"
#include "model/format.h"
#include "model/utf8.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static size_t bad(const char *s, size_t n) { return pia_utf8_bad_offset(s, n); }

static void well_formed(void)
{
    CHECK(bad("", 0) == 0);
    CHECK(bad("abc", 3) == 3);
    CHECK(bad("評価書第一号", strlen("評価書第一号")) == strlen("評価書第一号"));
    CHECK(bad("\xF0\x9F\x98\x80", 4) == 4);            /* U+1F600 */
    CHECK(bad("\xF4\x8F\xBF\xBF", 4) == 4);            /* U+10FFFF */
    CHECK(bad("\xEF\xBF\xBD", 3) == 3);                /* U+FFFD */
    CHECK(bad("\xC2\x9B", 2) == 2);                    /* U+009B is a character (shown escaped) */
    /* Not UTF-8. */
    CHECK(bad("a\x80", 2) == 1);                       /* stray continuation */
    CHECK(bad("ab\x9B", 3) == 2);                      /* raw C1 byte */
    CHECK(bad("\xC0\xAF", 2) == 0);                    /* overlong '/' */
    CHECK(bad("\xC1\xBF", 2) == 0);
    CHECK(bad("\xE0\x80\xAF", 3) == 0);                /* overlong */
    CHECK(bad("\xF0\x80\x80\xAF", 4) == 0);            /* overlong */
    CHECK(bad("\xED\xA0\x80", 3) == 0);                /* surrogate U+D800 */
    CHECK(bad("\xED\xBF\xBF", 3) == 0);                /* surrogate U+DFFF */
    CHECK(bad("\xF4\x90\x80\x80", 4) == 0);            /* U+110000 */
    CHECK(bad("\xF5\x80\x80\x80", 4) == 0);
    CHECK(bad("\xFF", 1) == 0);
    CHECK(bad("\xE3\x81", 2) == 0);                    /* cut short */
    CHECK(bad("x\xE3\x81", 3) == 1);
    CHECK(bad("a\0b", 3) == 1);                        /* NUL inside */
    /* Shift_JIS and EUC-JP of 評価 are not UTF-8. */
    CHECK(bad("\x95\x5D\x89\xBF", 4) == 0);
    CHECK(bad("\xC9\xBE\xB2\xC1", 4) == 2);            /* C9 BE happens to be U+027E */
    CHECK(pia_utf8_valid("ok ①"));
    CHECK(!pia_utf8_valid("ng \xFF"));
}

static void round_trip(void)
{
    int failures = 0;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        char b[4];
        uint32_t back = 0;
        int n = pia_utf8_encode(cp, b);
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            failures += n != 0;
            continue;
        }
        failures += n == 0 || pia_utf8_decode(b, (size_t)n, &back) != n || back != cp;
    }
    CHECK(failures == 0);
    char b[4];
    CHECK(pia_utf8_encode(0x110000, b) == 0);
}

static void messages(void)
{
    pia_err err = { 0 };
    const char *text = "一行目\n二行目\xFF";
    CHECK(pia_utf8_check("in.txt", 1, text, strlen(text), &err) == -1);
    CHECK(err.code == PIA_EINVAL);
    CHECK_HAS(err.msg, "in.txt:2:4:");
    CHECK_HAS(err.msg, "0xFF");
    CHECK(pia_utf8_check("標準入力", 1, "ab\0cd", 5, &err) == -1);
    CHECK_HAS(err.msg, "標準入力:1:3:");
    CHECK_HAS(err.msg, "NUL");
    CHECK(pia_utf8_check("引数 4", 0, "題\x9B", 4, &err) == -1);
    CHECK_HAS(err.msg, "引数 4: 2 文字目に");
    CHECK_HAS(err.msg, "0x9B");
    CHECK(pia_utf8_check("x", 1, "正しい", strlen("正しい"), &err) == 0);
}

static void widths(void)
{
    /* Under the C locale wcwidth knows nothing of Japanese; pia's widths
     * do not depend on it. */
    setlocale(LC_ALL, "C");
    CHECK(pia_utf8_width('a', 0) == 1);
    CHECK(pia_utf8_width(0x3042, 0) == 2);     /* あ */
    CHECK(pia_utf8_width(0x8A55, 0) == 2);     /* 評 */
    CHECK(pia_utf8_width(0xFF21, 0) == 2);     /* Ａ fullwidth */
    CHECK(pia_utf8_width(0xFF71, 0) == 1);     /* ｱ halfwidth */
    CHECK(pia_utf8_width(0x3099, 0) == 0);     /* combining dakuten */
    CHECK(pia_utf8_width(0x0301, 0) == 0);     /* combining acute */
    CHECK(pia_utf8_width(0x200B, 0) == 0);     /* zero width space */
    CHECK(pia_utf8_width(0x2460, 0) == 1);     /* ① narrow by default */
    CHECK(pia_utf8_width(0x2460, 1) == 2);     /* ① wide in Tera Term */
    CHECK(pia_utf8_width(0x00D7, 1) == 2);     /* × */
    CHECK(pia_utf8_width(0x1F600, 0) == 2);    /* emoji */
    CHECK(pia_utf8_width(0x20B9F, 0) == 2);    /* 𠮟 (plane 2) */
}

static void visible(void)
{
    char *v = pia_text_visible("a\x9B" "b\xC2\x9B" "c\033[2J\xFF\xE3\x81");
    CHECK_STR(v, "a<9B>b<9B>c^[[2J<FF><E3><81>");
    CHECK(pia_utf8_valid(v));
    free(v);
    v = pia_text_visible("評価書①\n\tok");
    CHECK_STR(v, "評価書①\n\tok");
    free(v);
    /* The worst case grows each byte to four. */
    v = pia_text_visible("\x80\x80\x80");
    CHECK_STR(v, "<80><80><80>");
    free(v);
}

int main(void)
{
    well_formed();
    round_trip();
    messages();
    widths();
    visible();
    return check_result();
}
