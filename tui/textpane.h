/*
 * textpane.h — a scrollable block of styled text: pieces of UTF-8 with a
 * style each (plain, heading, dim, deleted, inserted), wrapped to a width
 * by the terminal's columns with the Japanese line-breaking rules, drawn a
 * window of lines at a time.  The compare view shows its diffs in one.
 */
#ifndef PIA_TUI_TEXTPANE_H
#define PIA_TUI_TEXTPANE_H

#include <curses.h>
#include <wchar.h>

typedef enum tui_tp_style { TP_TEXT, TP_HEAD, TP_DIM, TP_DEL, TP_INS, TP_WARN } tui_tp_style;

/* Colour pairs of deleted and inserted text, set up by tui_tp_colours
 * (numbered well above app.h's so the two never meet; a terminal with
 * fewer pairs gets the markers and the underline alone). */
enum { PAIR_TP_DEL = 20, PAIR_TP_INS };

typedef struct tui_textpane {
    wchar_t *ch;
    unsigned char *st;       /* tui_tp_style of each character */
    int n, cap;
    int *start, *len;        /* wrapped lines (len without the newline) */
    int nlines, lcap;
    int width;               /* wrapped for; 0 = not yet */
    int top;                 /* first line shown */
    int first_edit;          /* index of the first deleted/inserted character, -1 */
} tui_textpane;

void tui_tp_colours(int colour);
void tui_tp_clear(tui_textpane *p);
void tui_tp_free(tui_textpane *p);
void tui_tp_add(tui_textpane *p, const char *utf8, tui_tp_style style);
/* Wrap to `width` columns (again only after new text or a new width). */
void tui_tp_wrap(tui_textpane *p, int width);
/* The wrapped line holding character `index`. */
int tui_tp_line_of(const tui_textpane *p, int index);
/* Move the first shown line by `by` (clamped so a page stays full). */
void tui_tp_scroll(tui_textpane *p, int by, int height);
void tui_tp_draw(const tui_textpane *p, WINDOW *w, int y, int x, int height, int colour);

#endif
