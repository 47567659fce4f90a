/*
 * import_view.h — bringing a published assessment in (import_view.c).
 */
#ifndef PIA_TUI_IMPORT_VIEW_H
#define PIA_TUI_IMPORT_VIEW_H

#include "app.h"

/* Ask for a file and import it as a new assessment (*id). */
int tui_import_file(tui_app *a, long *id);
/* What the import of `id` left to check, leading to an item: 0 with
 * *node, *file, *inst set when one was chosen. */
int tui_import_notes(tui_app *a, long id, const pia_form *form, const pia_node **node, int *file, int *inst);

#endif
