/*
 * history_view.h — an item's earlier texts (history_view.c) and the whole
 * assessment's trail grouped (history_all.c).
 */
#ifndef PIA_TUI_HISTORY_VIEW_H
#define PIA_TUI_HISTORY_VIEW_H

#include "form_view.h"

/* The earlier texts of the current row's item (L);
 * 0 when the row is not an item (the caller shows the whole trail). */
int tui_fv_history(fview *v);

/* history_all.c: the whole assessment's trail grouped by section and
 * file (L on a heading); 0 with the item chosen to go to, -1 when none. */
int tui_fv_history_all(fview *v, const pia_node **node, int *file, int *inst);

#endif
