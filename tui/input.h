/*
 * input.h — what the person at the terminal sends, as events: a key, a
 * key code (arrows, Home, …) or a paste.
 *
 * Pasted text is text, never keys: with bracketed paste (on while the
 * screen is ours) the terminal marks a paste and it arrives as one
 * TUI_EV_PASTE; where a terminal does not mark pastes, the views that
 * run commands on single keys ask for burst detection, and text arriving
 * faster than anyone types arrives as a paste too.
 *
 * Keys are recognised as terminals send them, whatever terminfo says:
 * Home/End/Delete/Insert/PgUp/PgDn of xterm, PuTTY, Tera Term, rxvt and
 * the Linux console (ESC [ 1 ~, ESC [ 4 ~, ESC [ 7 ~, ESC O H …), and
 * arrows with modifiers.  An escape sequence pia does not know is
 * swallowed whole, so its bytes never run as commands.
 */
#ifndef PIA_TUI_INPUT_H
#define PIA_TUI_INPUT_H

#include <curses.h>

typedef enum tui_ev_type {
    TUI_EV_NONE,    /* nothing (timeout, signal, or a swallowed sequence) */
    TUI_EV_KEY,     /* a character, in key */
    TUI_EV_CODE,    /* a KEY_* code, in key (KEY_RESIZE included) */
    TUI_EV_PASTE    /* pasted text in paste[0..npaste); CR LF and CR as LF */
} tui_ev_type;

typedef struct tui_event {
    tui_ev_type type;
    wint_t key;
    wchar_t *paste;   /* malloc'd; tui_event_free */
    int npaste;
    int too_long;     /* a paste beyond TUI_PASTE_MAX: refused, nothing kept */
    int bracketed;    /* marked by the terminal (else judged from a burst) */
} tui_event;

#define TUI_PASTE_MAX 1000000   /* characters */

/* Flags of tui_read.  TUI_BURST_LINE is burst detection for one-line
 * prompts: a newline ends the burst and arrives as the Enter key it is on
 * a terminal that does not mark pastes. */
enum { TUI_BURST = 1, TUI_BURST_LINE = 2 };

/* Turn on bracketed paste and teach ncurses the key variants.  Call after
 * newterm/keypad; tui_input_end before endwin. */
void tui_input_begin(void);
void tui_input_end(void);

/* The next event from `w` within timeout_ms (-1: wait).  With TUI_BURST,
 * several characters that arrive at once and look like text (non-ASCII,
 * or at least 8 keys of at least 4 kinds) come back as one paste.
 * Returns ev->type. */
tui_ev_type tui_read(WINDOW *w, int timeout_ms, int flags, tui_event *ev);
void tui_event_free(tui_event *ev);

/* Everything already waiting, without blocking: for a view that takes a
 * burst of keys before redrawing once. */
int tui_input_pending(WINDOW *w);

#endif
