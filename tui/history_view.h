/*
 * history_view.h — an item's earlier texts (history_view.c).
 */
#ifndef PIA_TUI_HISTORY_VIEW_H
#define PIA_TUI_HISTORY_VIEW_H

#include "form_view.h"

/* The earlier texts of the current row's item (L);
 * 0 when the row is not an item (the caller shows the whole trail). */
int tui_fv_history(fview *v);

#endif
