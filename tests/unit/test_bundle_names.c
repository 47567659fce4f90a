/*
 * test_bundle_names.c — what a bundle makes of free text: file names from
 * validated UTF-8 (ill-formed sequences, controls, separators, bidi
 * controls and a leading dot or minus become '_', never a byte that rides
 * in behind a lead byte), cut on a character boundary; CSV cells that a
 * spreadsheet would evaluate get a leading apostrophe.
 */
#include "check.h"
#include "export/bundle.h"
#include "cli/bundle_run.h"

#include <stdlib.h>
#include <string.h>

static void name_is(const char *in, size_t max, const char *want)
{
    char out[256];
    pia_bundle_safe_name(in, out, max);
    CHECK_STR(out, want);
}

int main(void)
{
    name_is("住民基本台帳ファイル", 64, "住民基本台帳ファイル");
    name_is("../../etc/passwd", 64, "_._.._etc_passwd");
    name_is("a\tb\nc\x1b[31md", 64, "a_b_c_[31md");
    name_is("\xe3\t/x", 64, "___x");                 /* a lead byte does not swallow TAB and / */
    name_is("\xf0\x1b\n/y", 64, "____y");
    name_is("\xc0\xaf.", 64, "__.");                  /* overlong '/' */
    name_is("\xed\xa0\x80z", 64, "___z");             /* a surrogate */
    name_is("\xf4\x90\x80\x80z", 64, "____z");        /* beyond U+10FFFF */
    name_is("\xe3\x81", 64, "__");                   /* cut short at the end */
    name_is("a\xc2\x85" "b", 64, "a_b");               /* C1 NEL */
    name_is("a\xe2\x80\xae" "b\xe2\x81\xa6" "c", 64, "a_b_c");   /* RLO, LRI */
    name_is("a\xe2\x80\xa8" "b\xef\xbb\xbf", 64, "a_b_"); /* line separator, BOM */
    name_is("x:y*z?\"<>|\\", 64, "x_y_z______");
    name_is(".hidden", 64, "_hidden");
    name_is("-rf", 64, "_rf");
    name_is("", 64, "_");
    name_is("あいう", 7, "あい");                     /* 6 bytes fit in 7 with the NUL */
    name_is("あいう", 6, "あ");
    name_is("abc", 2, "a");

    const char *cells[][2] = {
        { "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")" }, { "+1", "'+1" }, { "-2+3", "'-2+3" },
        { "@SUM(A1)", "'@SUM(A1)" }, { "\tx", "'\tx" }, { "\rx", "'\rx" },
        { "住民", "住民" }, { "", "" }, { "1=1", "1=1" },
    };
    for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
        char *s = pia_bundle_csv_safe(cells[i][0]);
        CHECK_STR(s, cells[i][1]);
        free(s);
    }

    /* The progress's speed: slow work per item, not 0.0 件/秒. */
    char sp[32];
    pia_bundle_speed(sp, sizeof sp, 2, 44.8);
    CHECK_STR(sp, "22.4 秒/件");
    pia_bundle_speed(sp, sizeof sp, 14, 0.5);
    CHECK_STR(sp, "28.0 件/秒");
    pia_bundle_speed(sp, sizeof sp, 0, 0.0);
    CHECK_STR(sp, "0.0 件/秒");
    return check_result();
}
