/*
 * linebreak.h — Japanese line breaking: where a text wraps in a box of a
 * given width, following the usual rules of Japanese typesetting (kinsoku):
 * no line starts with 、。，．」』）】〕 or a small kana, none ends with
 * 「『（【〔, and a Latin word moves whole to the next line unless it is
 * longer than a line.  Widths come from a measure the caller chooses: the
 * sheet uses pia_lb_print_width (quarter-ems, erring wide, so a computed
 * row is never too short for Excel's ＭＳ 明朝 nor LibreOffice's IPAex明朝);
 * a terminal would pass its column width.
 */
#ifndef PIA_LINEBREAK_H
#define PIA_LINEBREAK_H

#include <stddef.h>

/* Width of one code point in the caller's unit. */
typedef int (*pia_lb_measure)(unsigned cp);

/* The code point at s (U+FFFD for a malformed byte); *len gets its length
 * in bytes, at least 1. */
unsigned pia_lb_decode(const char *s, size_t *len);

/* Printed width in quarter-ems of a Mincho face: 4 for full-width
 * characters, 2 for ASCII and half-width kana, more for wide capitals. */
int pia_lb_print_width(unsigned cp);
#define PIA_LB_QUARTERS 4      /* quarter-ems in one full-width character */

/* Whether cp may not begin a line (、。」） small kana …) / end one (「（ …). */
int pia_lb_no_start(unsigned cp);
int pia_lb_no_end(unsigned cp);

/* One line of s in a box `cap` wide: returns the line's length in bytes
 * (without its newline); *next gets where the following line starts.  At
 * least one character per line.  At the end of s, *next is strlen(s). */
size_t pia_lb_line(const char *s, int cap, pia_lb_measure m, size_t *next);

/* Lines s wraps to (at least 1). */
int pia_lb_lines(const char *s, int cap, pia_lb_measure m);

/* Width of s as one line (newlines count as nothing). */
int pia_lb_width(const char *s, pia_lb_measure m);

/* Where to cut s so the part before takes at most max_lines lines: all of
 * s if it fits; else preferably after a paragraph or a sentence (。．！？)
 * within the last `look_back` lines, else at the end of the last line.
 * Returns the byte offset of the cut; *lines gets the lines the part
 * before takes.  The part after begins at pia_lb_skip(s, cut): the cut, or
 * just after the newline there, and always past the start of a non-empty s
 * (an empty first line is a piece of its own). */
size_t pia_lb_cut(const char *s, int cap, pia_lb_measure m, int max_lines, int look_back, int *lines);
size_t pia_lb_skip(const char *s, size_t cut);

#endif
