/*
 * app.h — state shared by the TUI's views: the store, the open
 * assessment, the status line, colours, and the loop's signal flag; and
 * the functions on it (status.c).  Each other file declares its own API
 * in a header of its name (draw.h, dialogs.h, view.h, list_view.h …).
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
    void *list_cache;           /* the list's computed rows, kept between its visits (list_view.c) */
    int list_cache_n;
} tui_app;

extern volatile sig_atomic_t tui_quit_signal;   /* SIGHUP / SIGTERM seen */

void tui_status(tui_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_mark_saved(tui_app *a);
/* The terminal is at least 80×24; otherwise a message is drawn and 0 returned. */
int tui_size_ok(void);
/* The bottom line: the status message while it is fresh, else hint. */
void tui_draw_status(tui_app *a, const char *hint);

#endif
