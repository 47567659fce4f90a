/*
 * width.h — display width of text in the terminal, with the setting for
 * East Asian Ambiguous characters (①, ○, ※, ─ …): one column in most
 * Western terminals, two in Tera Term and CJK-locale terminals.  All layout
 * in tui/ goes through here so the cursor stays on the glyph either way.
 */
#ifndef PIA_TUI_WIDTH_H
#define PIA_TUI_WIDTH_H

#include <wchar.h>

/* A byte of stored text that is not UTF-8, kept as a lone low surrogate
 * (U+DC80–U+DCFF, which no UTF-8 decodes to) so it survives a round trip
 * through the editor unchanged; drawn as <9B>. */
#define TUI_RAW_BYTE(b) ((wchar_t)(0xDC00 + (b)))
#define TUI_IS_RAW_BYTE(c) ((c) >= 0xDC80 && (c) <= 0xDCFF)

void tui_width_set_ambiguous_wide(int wide);
int tui_width_ambiguous_wide(void);
/* Columns of one character: 0 for combining marks, 2 for wide, 1 else.
 * Control characters count as their visible escape (^[ = 2). */
int tui_wcwidth(wchar_t c);
int tui_wcswidth(const wchar_t *s, int n);
/* UTF-8 → wide string (malloc'd, NUL-terminated); *len gets its length.
 * Independent of the locale; bytes that are not UTF-8 become TUI_RAW_BYTE. */
wchar_t *tui_utf8_to_wcs(const char *s, int *len);
/* Wide string → UTF-8 (malloc'd). */
char *tui_wcs_to_utf8(const wchar_t *s, int len);

#endif
