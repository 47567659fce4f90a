/*
 * norm.h — widths of source text, for laying out imported pages.
 *
 * The folding the importer matches labels with lives in model/fold.h
 * (PIA_FOLD_LABEL), shared with search; UTF-8 decoding in model/utf8.h.
 */
#ifndef PIA_IMPORT_NORM_H
#define PIA_IMPORT_NORM_H

#include "model/fold.h"
#include "model/utf8.h"

#include <stddef.h>
#include <stdint.h>

/* Display columns of a UTF-8 string as a fixed-width text shows it
 * (East Asian wide and full-width characters count two). */
int imp_display_width(const char *s, size_t len);

/* Printed width of s[0..len) in quarter-ems (model/linebreak.h), and of
 * its beginning up to the first place a line may break: one character with
 * those that may not begin a line after it (し、), or a Latin word.  A
 * line that wrapped in a PDF is one this much more would not have fitted. */
int imp_quarters(const char *s, size_t len);
int imp_first_unit_quarters(const char *s, size_t len);

#endif
