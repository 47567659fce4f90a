/*
 * test_linebreak.c — Japanese line breaking: widths, the kinsoku rules
 * (no line starts with 、。」 or a small kana, none ends with 「（), Latin
 * words kept whole, and cutting a long text into pieces that never lose
 * or reorder a character and prefer a paragraph or sentence end.
 */
#include "check.h"
#include "model/err.h"
#include "model/linebreak.h"

#include <stdlib.h>
#include <string.h>

static size_t line(const char *s, int cap, size_t *next)
{
    return pia_lb_line(s, cap, pia_lb_print_width, next);
}

static void test_widths(void)
{
    size_t n;
    CHECK(pia_lb_decode("あ", &n) == 0x3042 && n == 3);
    CHECK(pia_lb_decode("\xff", &n) == 0xFFFD && n == 1);
    CHECK(pia_lb_decode("\xe3\x81", &n) == 0xFFFD && n == 1);   /* cut short */
    CHECK(pia_lb_decode("\xe3\x81" "A", &n) == 0xFFFD && n == 1);
    CHECK(pia_lb_decode("\xef\xbd\xb1", &n) == 0xFF71 && n == 3);   /* ｱ */
    CHECK(pia_lb_decode("\xc3\xa9", &n) == 0xE9 && n == 2);
    CHECK(pia_lb_decode("\xf0\x9f\x98\x80", &n) == 0x1F600 && n == 4);
    CHECK(pia_lb_print_width('a') == 2 && pia_lb_print_width(0x3042) == 4);
    CHECK(pia_lb_print_width(0xFF71) == 2);                     /* ｱ */
    CHECK(pia_lb_print_width('W') == 4 && pia_lb_print_width('A') == 3);
    CHECK(pia_lb_width("あa", pia_lb_print_width) == 6);
}

static void test_rules(void)
{
    size_t next;
    /* 5 full-width characters to a line of 20 quarter-ems. */
    CHECK(pia_lb_lines("あいうえお", 20, pia_lb_print_width) == 1);
    CHECK(pia_lb_lines("あいうえおか", 20, pia_lb_print_width) == 2);
    /* 。 may not start a line: お goes down with it. */
    CHECK(line("あいうえお。", 20, &next) == 12 && next == 12);
    CHECK(line("あいうえおっ", 20, &next) == 12);                /* small kana */
    CHECK(line("あいうえお」", 20, &next) == 12);
    /* 「 may not end one. */
    CHECK(line("あいう「えお", 16, &next) == 9);
    /* A Latin word moves whole; spaces hang at the line's end. */
    CHECK(line("ab cdefgh", 12, &next) == 3 && next == 3);
    CHECK(line("abcde fgh", 10, &next) == 5 && next == 6);
    /* A word longer than a line is cut where it must be. */
    CHECK(line("abcdefghijklmnop", 8, &next) == 4);
    CHECK(pia_lb_lines("", 8, pia_lb_print_width) == 1);
    CHECK(pia_lb_lines("a\nb\n", 8, pia_lb_print_width) == 3);
    CHECK(pia_lb_lines("\n", 8, pia_lb_print_width) == 2);
    CHECK(pia_lb_no_start(0x3002) && pia_lb_no_start(0x3063) && !pia_lb_no_start(0x3042));
    CHECK(pia_lb_no_end(0x300C) && !pia_lb_no_end(0x300D));
}

/* Cut s into pieces of at most max lines and put it back together. */
static int reassembles(const char *s, int cap, int max)
{
    char *out = pia_xstrdup("");
    const char *rest = s;
    int ok = 1;
    while (*rest) {
        int lines;
        size_t cut = pia_lb_cut(rest, cap, pia_lb_print_width, max, max / 4 + 1, &lines);
        ok &= pia_lb_skip(rest, cut) > 0 && lines <= max;   /* always moves on */
        char *piece = pia_xstrndup(rest, cut);
        ok &= pia_lb_lines(piece, cap, pia_lb_print_width) <= max;
        size_t skip = pia_lb_skip(rest, cut);
        char *t = pia_xasprintf("%s%s%s", out, piece, skip > cut ? "\n" : "");
        free(out);
        free(piece);
        out = t;
        rest += skip;
    }
    ok &= strcmp(out, s) == 0;
    free(out);
    return ok;
}

static void test_cut(void)
{
    int lines;
    /* Fits: all of it. */
    CHECK(pia_lb_cut("あいう", 20, pia_lb_print_width, 2, 1, &lines) == 9 && lines == 1);
    /* Three lines of 5 with a sentence ending in the second: cut after 。
     * when the last line may be looked back over. */
    const char *s = "あいうえおかき。くけこさしすせそたちつてと";
    CHECK(pia_lb_cut(s, 20, pia_lb_print_width, 2, 1, &lines) == 24 && lines == 2);
    /* Without looking back: the end of the last line. */
    CHECK(pia_lb_cut(s, 20, pia_lb_print_width, 2, 0, &lines) == 30 && lines == 2);
    /* A paragraph end in the last quarter wins. */
    const char *p = "あいうえお\nかきくけこ\nさしすせそ";
    CHECK(pia_lb_cut(p, 20, pia_lb_print_width, 2, 1, &lines) == 31 && lines == 2);
    CHECK(pia_lb_skip(p, 31) == 32);
    /* Nothing lost or moved, whatever the text. */
    srand(7);
    static const char *const parts[] = { "あ", "。", "」", "「", "a", " ", "\n", "漢字", "Word", "、", "っ" };
    for (int trial = 0; trial < 300; trial++) {
        char buf[4096] = "";
        int n = rand() % 300;
        for (int i = 0; i < n; i++)
            strcat(buf, parts[rand() % 11]);
        int cap = 8 + rand() % 60, max = 1 + rand() % 12;
        if (!reassembles(buf, cap, max)) {
            CHECK(!"reassembles");
            fprintf(stderr, "cap %d max %d: %s\n", cap, max, buf);
            break;
        }
    }
    CHECK(reassembles(s, 20, 1) && reassembles(p, 20, 1));
}

int main(void)
{
    test_widths();
    test_rules();
    test_cut();
    return check_result();
}
