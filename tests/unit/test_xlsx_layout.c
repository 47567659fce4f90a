/*
 * test_xlsx_layout.c — wrapped-line counts for sheet cells, which decide
 * row heights: full-width characters take two units, a newline ends a line,
 * and long answers split on whole characters.
 */
#include "check.h"
#include "export/xlsx_layout.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
    size_t n;
    CHECK(pia_xlsx_char_width("a", &n) == 1 && n == 1);
    CHECK(pia_xlsx_char_width("あ", &n) == 2 && n == 3);
    CHECK(pia_xlsx_char_width("①", &n) == 2 && n == 3);
    CHECK(pia_xlsx_char_width("ｱ", &n) == 1 && n == 3);
    CHECK(pia_xlsx_char_width("\xff", &n) == 1 && n == 1);   /* malformed: one byte, one unit */
    CHECK(pia_xlsx_lines("", 10) == 1);
    CHECK(pia_xlsx_lines("あいうえお", 10) == 1);
    CHECK(pia_xlsx_lines("あいうえおか", 10) == 2);
    CHECK(pia_xlsx_lines("abc\ndef\n", 10) == 3);
    CHECK(pia_xlsx_lines("ああああa", 9) == 1);
    CHECK(pia_xlsx_lines("あああああ", 9) == 2);   /* a wide char never straddles */
    /* 100 wide characters in a 20-unit cell: 10 lines; the first 3 lines
     * are 30 characters = 90 bytes. */
    char buf[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(buf, "漢");
    CHECK(pia_xlsx_lines(buf, 20) == 10);
    CHECK(pia_xlsx_prefix(buf, 20, 3) == 90);
    CHECK(pia_xlsx_prefix("x", 20, 1) == 1);
    return check_result();
}
