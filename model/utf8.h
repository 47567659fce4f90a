/*
 * utf8.h — text as pia keeps it: UTF-8, whatever the locale says.
 *
 * Every text that enters pia (arguments, standard input, YAML files, the
 * TUI, the external editor) is checked here before anything is stored:
 * bytes that are not UTF-8 (Shift_JIS, EUC-JP, a UTF-16 file, a cut
 * sequence) and NUL (which would silently end a C string) are refused with
 * the place named.  Decoding, encoding and display widths are pia's own,
 * not the C library's, so LANG=C or a Shift_JIS locale cannot change how
 * an answer is read, written or laid out.
 */
#ifndef PIA_UTF8_H
#define PIA_UTF8_H

#include "err.h"

#include <stddef.h>
#include <stdint.h>

/* The length (1–4) of the well-formed UTF-8 sequence at s[0..n), with the
 * code point in *cp; 0 when the bytes there are not one (a stray
 * continuation byte, an overlong form, a surrogate, beyond U+10FFFF, or
 * cut short by n).  NUL decodes as U+0000 of length 1. */
int pia_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* The length in bytes of s's first `chars` characters: a cut there never
 * splits a character (a byte that is not one counts as one character). */
size_t pia_utf8_prefix(const char *s, size_t chars);

/* The same for text that may be broken (matching, widths): a byte that
 * does not start a well-formed sequence reads as U+FFFD of length 1, so
 * the caller always moves on.  n must be > 0. */
int pia_utf8_next(const char *s, size_t n, uint32_t *cp);

/* cp as UTF-8 into out (room for 4 bytes); returns the length, or 0 for a
 * surrogate or a value beyond U+10FFFF. */
int pia_utf8_encode(uint32_t cp, char *out);

/* Offset of the first byte of s[0..n) that is not part of a well-formed
 * UTF-8 sequence or is NUL; n when the whole text is good. */
size_t pia_utf8_bad_offset(const char *s, size_t n);

/* Whether the NUL-terminated s is well-formed UTF-8 (no NUL inside, since
 * it is the end). */
int pia_utf8_valid(const char *s);

/* 1-based line and column (in characters) of byte offset `off` of s. */
void pia_utf8_position(const char *s, size_t off, size_t *line, size_t *col);

/* Check text of n bytes before it is taken in.  0 when it is UTF-8
 * without NUL; otherwise -1 and err (PIA_EINVAL) says
 *   "WHERE:LINE:COL: ..."   when `lines` (a file, standard input), or
 *   "WHERE: N 文字目 ..."   for a one-line text (an argument),
 * what was found (the byte in hex, or NUL) and what to do about it. */
int pia_utf8_check(const char *where, int lines, const char *s, size_t n, pia_err *err);

/* Columns a terminal gives code point cp: 0 for combining marks and format
 * characters, 2 for East Asian Wide and Fullwidth (and for the East Asian
 * Ambiguous characters of Japanese text, ①○※─…, when ambiguous_wide),
 * 1 otherwise.  Control characters are the caller's business. */
int pia_utf8_width(uint32_t cp, int ambiguous_wide);

#endif
