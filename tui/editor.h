/*
 * editor.h — the state of the text editor, shared by editor.c (typing,
 * saving, conflicts) and external.c (the round trip through $EDITOR).
 */
#ifndef PIA_TUI_EDITOR_H
#define PIA_TUI_EDITOR_H

#include "app.h"
#include "editbuf.h"

#include <stddef.h>

typedef struct tui_editor {
    tui_app *a;
    long id;
    const pia_node *node;
    pia_place place;     /* where the answer lives: row ids, never positions */
    long rev;            /* the revision the text on screen started from */
    editbuf b;
    long long last_change, last_save;
    int top;             /* first display line shown */
    const char *where;
    int held;            /* a conflict the person has not settled: no saves */
    int gone;            /* the file or instance was removed: no saves */
    int undone;          /* an undo since the last save: that save starts its own audit row */
} tui_editor;

/* Edit the text answer at `place` (editor.c); external: hand it to
 * $VISUAL/$EDITOR at once; paste (may be NULL): a paste that opened the
 * editor, added at the end of the text. */
struct tui_event;
int tui_edit_text(tui_app *a, long id, const pia_node *node, const pia_place *place,
                  const char *where, int external, const struct tui_event *paste);

/* Save now if the text changed; 0 when saved (or nothing to do). */
int tui_editor_save(tui_editor *e);

/* Hand the text to $VISUAL / $EDITOR and take back what it wrote, whole
 * or not at all (external.c). */
void tui_external_editor(tui_editor *e);

/* write() until all of it is written; -1 on any error. */
int tui_write_all(int fd, const char *p, size_t n);

#endif
