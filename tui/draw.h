/*
 * draw.h — drawing text safely (draw.c): clipped to a width, control
 * characters escaped, East Asian Ambiguous characters placed by our own
 * widths, wrapped by Japanese line breaking.
 */
#ifndef PIA_TUI_DRAW_H
#define PIA_TUI_DRAW_H

#include <curses.h>
#include <stddef.h>

/* Text at (y, x) clipped to `width` columns; returns the columns used. */
int tui_put(WINDOW *w, int y, int x, int width, const char *utf8);
/* A stored UTC time ("2026-04-01T00:30:00.000Z") as local "YYYY-MM-DD HH:MM"
 * (staff read their own clock); the raw prefix if it does not parse. */
void tui_local_time(const char *utc, char *buf, size_t n);
void tui_hline_text(WINDOW *w, int y, const char *utf8, int pair);
/* The same for head then tail, where tail (a count, a position) matters
 * most: when both do not fit, head is cut and ends in … so tail shows whole. */
void tui_hline_head_tail(WINDOW *w, int y, const char *head, const char *tail, int pair);
/* utf8 itself (malloc'd) when it fits `width` columns, else its start and …. */
char *tui_cut(const char *utf8, int width);
/* Text wrapped into `width` columns at (y, x) by Japanese line breaking,
 * newlines kept, at most max_lines lines (the last ends in … when more
 * follows); returns the lines drawn.  tui_wrap_lines: lines it would take. */
int tui_put_wrapped(WINDOW *w, int y, int x, int width, int max_lines, const char *utf8);
int tui_wrap_lines(const char *utf8, int width);
/* The same lines as byte spans of utf8 (malloc'd array; at least one).
 * tui_wrap_hanging: a line that continues a wrapped one is `hang` columns
 * narrower and drawn that far in (indent), so a list's wrapped entry
 * stays under its own text. */
typedef struct tui_span { size_t at, len; int indent; } tui_span;
int tui_wrap(const char *utf8, int width, tui_span **out);
int tui_wrap_hanging(const char *utf8, int width, int hang, tui_span **out);

#endif
