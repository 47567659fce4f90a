/*
 * editbuf.h — the text of the answer being edited, without curses: a wide
 * character buffer, a cursor, soft-wrap layout by display columns, cursor
 * moves by character and by display line, and undo.  Unit-tested on its own.
 */
#ifndef PIA_TUI_EDITBUF_H
#define PIA_TUI_EDITBUF_H

#include <wchar.h>

typedef struct editbuf {
    wchar_t *text;
    int len, cap;
    int cursor;          /* index into text, 0..len */
    int goal_col;        /* column kept by up/down moves, -1 = none */
    int width;           /* wrap width in columns */
    int *lines;          /* start index of each display line */
    int nlines, lines_cap;
    int dirty;           /* changed since the last save */
    struct editbuf_snap *undo, *redo;
    int nundo, nredo, last_kind;
    int dropped;         /* the oldest undo step was dropped (UNDO_MAX reached) */
    int armed;           /* the last Ctrl-Z asked before going back to the opening text */
} editbuf;

/* What editbuf_undo did. */
enum { EDITBUF_NOTHING = 0, EDITBUF_DONE = 1, EDITBUF_ASK = 2 };

void editbuf_init(editbuf *b, const char *utf8, int width);
void editbuf_free(editbuf *b);
char *editbuf_utf8(const editbuf *b);          /* malloc'd */
void editbuf_set_width(editbuf *b, int width);  /* re-wraps */

void editbuf_insert(editbuf *b, const wchar_t *s, int n);
void editbuf_backspace(editbuf *b);
void editbuf_delete(editbuf *b);
/* Undo one step: a run of typed characters (up to a newline), a run of
 * deletions, or one paste.  The step back to the text the editor opened
 * with is taken only on a second press in a row: the first returns
 * EDITBUF_ASK and changes nothing, so one Ctrl-Z too many never empties
 * an answer.  Redo takes back what undo did until the next edit. */
int editbuf_undo(editbuf *b);
int editbuf_redo(editbuf *b);                   /* 0 when nothing to redo */
/* Insert a paste: always one undo step of its own. */
void editbuf_paste(editbuf *b, const wchar_t *s, int n);

void editbuf_left(editbuf *b);
void editbuf_right(editbuf *b);
void editbuf_up(editbuf *b, int n);             /* n display lines */
void editbuf_down(editbuf *b, int n);
void editbuf_home(editbuf *b);                  /* start of the display line */
void editbuf_end(editbuf *b);

/* Display line holding the cursor, and the cursor's column in it. */
int editbuf_cursor_line(const editbuf *b);
int editbuf_cursor_col(const editbuf *b);
/* Characters of display line i: *start index, returns count (without the
 * newline that ends it). */
int editbuf_line(const editbuf *b, int i, int *start);

#endif
