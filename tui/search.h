/*
 * search.h — searching the form view (search.c).
 */
#ifndef PIA_TUI_SEARCH_H
#define PIA_TUI_SEARCH_H

#include "form_view.h"

/* `/` (ask) and N / P (dir +1 / -1) over the rows. */
void tui_fv_search(fview *v, int ask, int dir);

#endif
