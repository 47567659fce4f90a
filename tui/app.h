/*
 * app.h — state shared by the TUI's views: the store, the open
 * assessment, the status line, colours, and the loop's signal flags.
 */
#ifndef PIA_TUI_APP_H
#define PIA_TUI_APP_H

#include <curses.h>
#include <signal.h>
#include <time.h>

#include "model/store.h"
#include "model/form.h"
#include "model/doc.h"

enum { PAIR_TITLE = 1, PAIR_HEAD, PAIR_NA, PAIR_OPEN, PAIR_STATUS, PAIR_SEL, PAIR_WARN };

typedef struct tui_app {
    pia_store *st;
    const char *db_path;
    int readonly;
    int colour;
    char status[512];
    time_t status_at;
    char saved_at[16];          /* "HH:MM:SS" of the last save */
    char unsaved[1024];         /* where text that could not be saved was kept, said at exit */
    long import_id;             /* just imported: its form view opens on the import notes */
} tui_app;

extern volatile sig_atomic_t tui_quit_signal;   /* SIGHUP / SIGTERM seen */

void tui_status(tui_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_mark_saved(tui_app *a);
/* The terminal is at least 80×24; otherwise a message is drawn and 0 returned. */
int tui_size_ok(void);

/* Drawing: text at (y, x) clipped to `width` columns, control characters
 * escaped, East Asian Ambiguous characters placed by our own widths. */
int tui_put(WINDOW *w, int y, int x, int width, const char *utf8);
/* A stored UTC time ("2026-04-01T00:30:00.000Z") as local "YYYY-MM-DD HH:MM"
 * (staff read their own clock); the raw prefix if it does not parse. */
void tui_local_time(const char *utc, char *buf, size_t n);
void tui_hline_text(WINDOW *w, int y, const char *utf8, int pair);
/* Text wrapped into `width` columns at (y, x) by Japanese line breaking,
 * newlines kept, at most max_lines lines (the last ends in … when more
 * follows); returns the lines drawn.  tui_wrap_lines: lines it would take. */
int tui_put_wrapped(WINDOW *w, int y, int x, int width, int max_lines, const char *utf8);
int tui_wrap_lines(const char *utf8, int width);
/* The same lines as byte spans of utf8 (malloc'd array; at least one). */
typedef struct tui_span { size_t at, len; } tui_span;
int tui_wrap(const char *utf8, int width, tui_span **out);
void tui_draw_status(tui_app *a, const char *hint);

/* Dialogs (dialogs.c). */
int tui_prompt(tui_app *a, const char *title, const char *initial, char *out, size_t n);
int tui_confirm(tui_app *a, const char *question);
int tui_menu(tui_app *a, const char *title, const char *const *items, int n, int current);
/* The same, saying what Esc does ("取消" for tui_menu). */
int tui_menu_esc(tui_app *a, const char *title, const char *const *items, int n, int current,
                 const char *esc);
void tui_message(tui_app *a, const char *title, const char *text);
void tui_help(tui_app *a, int screen);

/* Views. */
int tui_list_view(tui_app *a, long *open_id);
int tui_form_view(tui_app *a, long id);
/* Edit the text answer at `place`; external: hand it to $VISUAL/$EDITOR at
 * once; paste (may be NULL): a paste that opened the editor, added at the
 * end of the text. */
struct tui_event;
int tui_edit_text(tui_app *a, long id, const pia_node *node, const pia_place *place,
                  const char *where, int external, const struct tui_event *paste);
int tui_check_view(tui_app *a, const pia_form *form, const pia_doc *doc,
                   const pia_node **node, int *file, int *inst);
/* The `x` key: write doc to a file, the format from its extension. */
void tui_export(tui_app *a, const pia_form *form, const pia_doc *doc);
/* Import (import_view.c): ask for a file and import it as a new assessment;
 * then what the import of `id` left to check, leading to an item. */
int tui_import_file(tui_app *a, long *id);
int tui_import_notes(tui_app *a, long id, const pia_form *form, const pia_node **node, int *file, int *inst);

#endif
