/*
 * charset.h — the character set the person's locale (and so, usually,
 * their terminal) uses, and UTF-8 text converted to it for display.
 *
 * pia keeps and reads text as UTF-8 only (utf8.h).  A Tera Term session
 * set to Shift_JIS or EUC-JP shows pia's UTF-8 as garbage, so what is
 * printed on such a terminal is converted (iconv), and the TUI, which
 * needs UTF-8, refuses there with a message the terminal can show.
 */
#ifndef PIA_CHARSET_H
#define PIA_CHARSET_H

#include <stddef.h>

typedef enum pia_charset {
    PIA_CS_UTF8,
    PIA_CS_SJIS,     /* Shift_JIS / CP932 */
    PIA_CS_EUCJP,    /* EUC-JP */
    PIA_CS_OTHER     /* C, POSIX, or anything else: bytes passed as they are */
} pia_charset;

/* The character set of LC_CTYPE as setlocale(LC_ALL, "") left it.  A
 * locale named in LC_ALL / LC_CTYPE / LANG that is not installed still
 * counts by its name ("ja_JP.SJIS"): the terminal is what it names. */
pia_charset pia_charset_of_locale(void);

/* "Shift_JIS", "EUC-JP", "UTF-8" … for messages. */
const char *pia_charset_label(pia_charset cs);

/* s[0..n) (UTF-8) converted to cs, malloc'd, with *outlen bytes.  A
 * character the target lacks is written "<U+2460>", never dropped or
 * replaced silently.  For PIA_CS_UTF8 and PIA_CS_OTHER a copy. */
char *pia_charset_from_utf8(pia_charset cs, const char *s, size_t n, size_t *outlen);

#endif
