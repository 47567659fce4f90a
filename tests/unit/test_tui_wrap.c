/*
 * test_tui_wrap.c — the terminal's wraps follow Japanese line breaking:
 * tui_wrap (detail pane, guidance, messages; the help's hanging indent)
 * and the editor's soft wrap
 * (editbuf) never start a line with 、。」 or a small kana nor end one
 * with 「（, at every width from 10 to 80 columns, and lose no character.
 */
#include "check.h"
#include "tui/app.h"
#include "tui/editbuf.h"
#include "tui/width.h"
#include "tui/draw.h"
#include "model/err.h"
#include "model/linebreak.h"

#include <stdlib.h>
#include <string.h>

/* Punctuation at every position, so some width puts each at a break. */
static const char *TEXT =
    "委託先には「特定個人情報の適正な取扱いに関するガイドライン」を遵守させ、"
    "契約書（別紙）で再委託を禁止する。、、年に一度、実地で確認し、記録を残す。"
    "ファイルはッャュョの小書きを含む。住民への説明（窓口・電話）は所管課が行う。"
    "\n例：架空市の税務課は、毎月、操作ログを点検する。";

static void check_line(const char *s, size_t at, size_t len, int first)
{
    size_t n;
    if (len == 0)
        return;
    if (!first)
        CHECK(!pia_lb_no_start(pia_lb_decode(s + at, &n)));
    /* the last character of the line */
    size_t last = at;
    for (size_t i = at; i < at + len; i += n) {
        pia_lb_decode(s + i, &n);
        last = i;
    }
    CHECK(!pia_lb_no_end(pia_lb_decode(s + last, &n)));
}

static void test_tui_wrap(void)
{
    for (int width = 10; width <= 80; width++) {
        tui_span *sp;
        int n = tui_wrap(TEXT, width, &sp);
        size_t total = 0;
        for (int i = 0; i < n; i++) {
            check_line(TEXT, sp[i].at, sp[i].len, i == 0 || TEXT[sp[i].at - 1] == '\n');
            char *piece = pia_xstrndup(TEXT + sp[i].at, sp[i].len);
            int len;
            wchar_t *w = tui_utf8_to_wcs(piece, &len);
            CHECK(tui_wcswidth(w, len) <= width);
            free(w);
            total += sp[i].len;
            free(piece);
        }
        CHECK(total == strlen(TEXT) - 1);          /* all but the newline */
        CHECK(n == tui_wrap_lines(TEXT, width));
        free(sp);
    }
}

/* A hanging wrap: the lines that continue an entry are `hang` narrower and
 * say so in indent; the line after a newline starts flush again; and a
 * hang wider than half the width is dropped (a narrow terminal). */
static void test_tui_wrap_hanging(void)
{
    for (int width = 20; width <= 80; width++) {
        tui_span *sp;
        int n = tui_wrap_hanging(TEXT, width, 8, &sp);
        size_t total = 0;
        for (int i = 0; i < n; i++) {
            int fresh = i == 0 || TEXT[sp[i].at - 1] == '\n';
            CHECK(sp[i].indent == (fresh ? 0 : 8));
            check_line(TEXT, sp[i].at, sp[i].len, fresh);
            char *piece = pia_xstrndup(TEXT + sp[i].at, sp[i].len);
            int len;
            wchar_t *w = tui_utf8_to_wcs(piece, &len);
            CHECK(tui_wcswidth(w, len) <= width - sp[i].indent);
            free(w);
            total += sp[i].len;
            free(piece);
        }
        CHECK(n > 2 && sp[1].indent == 8);
        CHECK(total == strlen(TEXT) - 1);
        free(sp);
    }
    tui_span *sp;
    int n = tui_wrap_hanging(TEXT, 12, 8, &sp);
    for (int i = 0; i < n; i++)
        CHECK(sp[i].indent == 0);
    free(sp);
}

static void test_editbuf_wrap(void)
{
    editbuf b;
    for (int width = 10; width <= 80; width++) {
        editbuf_init(&b, TEXT, width);
        for (int i = 0; i < b.nlines; i++) {
            int start, n = editbuf_line(&b, i, &start);
            CHECK(tui_wcswidth(b.text + start, n) <= width);
            if (n == 0)
                continue;
            if (i > 0 && b.text[start - 1] != L'\n')
                CHECK(!pia_lb_no_start((unsigned)b.text[start]));
            if (start + n < b.len && b.text[start + n] != L'\n')
                CHECK(!pia_lb_no_end((unsigned)b.text[start + n - 1]));
        }
        char *back = editbuf_utf8(&b);
        CHECK_STR(back, TEXT);
        free(back);
        editbuf_free(&b);
    }
}

int main(void)
{
    test_tui_wrap();
    test_tui_wrap_hanging();
    test_editbuf_wrap();
    return check_result();
}
