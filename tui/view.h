/*
 * view.h — a screen of the TUI as an ops table, and the one loop that
 * runs every view.
 *
 * A view is its state (self) and a table of what it does: draw itself,
 * act on an action of the key table, take a paste, do something while
 * nobody types (the editor's autosave), and be asked before it is left.
 * The loop owns everything views have in common: reading events, a
 * resize (the next draw lays out again), the quit signal, the help key
 * (printed from the key table for the view's screen), keys already
 * waiting, and mapping keys to actions through keymap.h — so a key is
 * added in one place, the table, and its help text comes with it.
 *
 * A view that opens another (the form opening the check list, the
 * history, the comparison) calls tui_view_run for it and continues when
 * it returns: the C stack is the view stack.
 */
#ifndef PIA_TUI_VIEW_H
#define PIA_TUI_VIEW_H

#include "app.h"
#include "input.h"
#include "keymap.h"

enum { TUI_VIEW_STAY = 0, TUI_VIEW_LEAVE = 1 };

typedef struct tui_view_ops {
    const char *name;        /* says which view, for a reader of the code and a debugger */
    int screen;              /* its tui_screen bit: the key table's rows and the help */
    int read_flags;          /* tui_read flags: TUI_BURST where single keys are commands */
    int timeout_ms;          /* how long a read waits (0: 250 ms) */
    int drain;               /* take the keys already waiting before the next draw */
    void (*draw)(void *self);
    /* An action of the key table; ACT_NONE for a key without a row (text
     * in the editor).  ev is the key (its character, for ACT_PICK or
     * text).  Returns TUI_VIEW_STAY or TUI_VIEW_LEAVE. */
    int (*on_action)(void *self, tui_action act, const tui_event *ev);
    /* A paste (NULL: dropped, a paste is never a string of commands). */
    int (*on_paste)(void *self, tui_event *ev);
    /* After every read, with or without an event (NULL: nothing). */
    void (*on_idle)(void *self);
    /* Before leaving, also on a quit signal: 1 to stay (NULL: leave). */
    int (*may_leave)(void *self);
} tui_view_ops;

/* Runs the view until it leaves or a quit signal (SIGHUP, SIGTERM)
 * arrives; 1 when a signal ended it. */
int tui_view_run(const tui_view_ops *ops, tui_app *a, void *self);

#endif
