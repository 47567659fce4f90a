/*
 * norm.h — text folded for matching labels, never for storing answers.
 *
 * Published assessments reach us through PDF converters, Excel and
 * typists, so the same label comes as （ ） or ( ), full- or half-width,
 * with a Kangxi radical for a kanji, broken over lines, with stray spaces.
 * Folding maps each source character to at most one code point (or drops
 * it) and remembers where it came from, so a match in folded text points
 * back at the exact source bytes.  What folds:
 *   - white space of every kind, zero-width characters and combining marks
 *     are dropped (line breaks inside labels stop mattering);
 *   - full-width ASCII to ASCII, ASCII letters to lower case;
 *   - half-width katakana to full-width, a following (han)dakuten composed;
 *   - brackets 〈〉 to <>, dashes and minus signs to '-', 〜 to '~',
 *     、，, to ',' and 。．. to '.', middle dots to ・, curly quotes to straight;
 *   - Kangxi radicals and CJK compatibility ideographs to ordinary kanji.
 * Circled numbers (①…) and Roman numerals (Ⅰ…) stay as they are: the form
 * uses them as distinct numbering.
 */
#ifndef PIA_IMPORT_NORM_H
#define PIA_IMPORT_NORM_H

#include <stddef.h>
#include <stdint.h>

/* Folded text with, for each folded code point, the byte range [at, end)
 * of the source character(s) it came from. */
typedef struct imp_norm {
    uint32_t *cp;
    uint32_t *at;
    uint32_t *end;
    size_t n, cap;
} imp_norm;

/* Decode one UTF-8 character at s (len bytes available); returns the bytes
 * used (1 for an invalid byte, which decodes as U+FFFD). */
int imp_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Encode cp; returns the bytes written (buf holds at least 4). */
int imp_utf8_encode(uint32_t cp, char *buf);
/* Whether s is valid UTF-8 without NUL bytes. */
int imp_utf8_valid(const char *s, size_t len);

/* The folded form of one code point, 0 when it is dropped. */
uint32_t imp_fold_cp(uint32_t c);

/* Append the folding of s[0..len) to n; `base` is added to the recorded
 * source offsets (the position of s in a larger buffer). */
void imp_norm_append(imp_norm *n, const char *s, size_t len, uint32_t base);
void imp_norm_free(imp_norm *n);

/* Fold a whole string (for labels); *out is malloc'd, returns the count. */
size_t imp_fold(const char *s, uint32_t **out);

/* Display columns of a UTF-8 string as a fixed-width text shows it
 * (East Asian wide and full-width characters count two). */
int imp_display_width(const char *s, size_t len);

/* Printed width of s[0..len) in quarter-ems (model/linebreak.h), and of
 * its beginning up to the first place a line may break: one character with
 * those that may not begin a line after it (し、), or a Latin word.  A
 * line that wrapped in a PDF is one this much more would not have fitted. */
int imp_quarters(const char *s, size_t len);
int imp_first_unit_quarters(const char *s, size_t len);

/* The CJK table (fold_cjk.c, generated). */
extern const uint32_t imp_fold_cjk[][2];
extern const size_t imp_fold_cjk_n;

#endif
