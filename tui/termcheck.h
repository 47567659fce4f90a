/*
 * termcheck.h — whether the terminal can show pia's screen (UTF-8, a
 * known TERM), decided before the screen is taken (termcheck.c).
 */
#ifndef PIA_TUI_TERMCHECK_H
#define PIA_TUI_TERMCHECK_H

/* 0 when the screen can be drawn (LC_CTYPE switched to a UTF-8 locale if
 * needed); otherwise the reason is printed on stderr in the terminal's own
 * encoding and -1 returned. */
int tui_terminal_check(void);

/* The UTF-8 locale LC_CTYPE was switched to ("C.UTF-8"), or NULL when the
 * person's own locale was UTF-8: an external editor gets it too. */
const char *tui_switched_locale(void);

#endif
