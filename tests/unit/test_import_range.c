/*
 * test_import_range.c — the text between labels (import/range.c) on a
 * source built here: a label whose characters lie in more pieces than the
 * first array of spans holds (70, one character each, as a PDF spacing a
 * heading out may give) is left out whole, and the answer after it is all
 * that is read.
 */
#include "check.h"
#include "import/match_internal.h"

#include <stdlib.h>
#include <string.h>

static void add(imp_source *src, int line, const char *text)
{
    pia_err err = { 0 };
    imp_piece m = { .line = line, .eol = 1 };
    CHECK(imp_source_add(src, &m, text, strlen(text), &err) == 0);
}

static void test_label_over_many_pieces(void)
{
    enum { PIECES = 70 };
    imp_source src;
    imp_source_init(&src, IMP_KIND_TEXT, "range.txt");
    for (int i = 0; i < PIECES; i++)
        add(&src, i + 1, "名");
    add(&src, PIECES + 1, "回答の本文");
    imp_scan sc;
    imp_scan_build(&sc, &src);
    CHECK(sc.all.n.n == PIECES + 5);
    imp_cand label = { .s = 0, .e = PIECES, .fs = 0, .fe = PIECES, .fe1 = PIECES };
    imp_text t;
    imp_range_text(&sc, 0, (uint32_t)sc.all.n.n, &label, &t);
    CHECK_STR(t.s, "回答の本文");
    imp_text_free(&t);
    /* The same label's spans, read into room for fewer: cut at the room. */
    imp_span few[8];
    CHECK(imp_label_spans(&sc, &label, few, 8) == 8);
    CHECK(few[7].piece == 7);
    imp_scan_free(&sc);
    imp_source_free(&src);
}

int main(void)
{
    test_label_over_many_pieces();
    return check_result();
}
