/*
 * xlsx_layout.h — how much room Japanese text takes in a sheet cell.
 *
 * Excel does not grow a row for text written by a program, so pia computes
 * each row's height itself.  Widths are counted in half-width units: ASCII
 * and half-width katakana take one, everything else two (Japanese fonts
 * draw ①, ○, ※ and ─ full-width; counting wide errs on the side of a row
 * slightly too tall rather than text cut off).
 */
#ifndef PIA_XLSX_LAYOUT_H
#define PIA_XLSX_LAYOUT_H

#include <stddef.h>

/* Width in half-width units of the UTF-8 character at s; *len gets its
 * byte length (at least 1, even for malformed input). */
int pia_xlsx_char_width(const char *s, size_t *len);

/* Display lines `s` wraps to in a cell `cap` units wide (at least 1). */
int pia_xlsx_lines(const char *s, int cap);

/* Byte length of the longest prefix of s that wraps to at most max_lines
 * lines in a cell cap units wide (whole characters; at least one). */
size_t pia_xlsx_prefix(const char *s, int cap, int max_lines);

#endif
