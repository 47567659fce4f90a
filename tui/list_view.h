/*
 * list_view.h — the assessments in the database (list_view.c).
 */
#ifndef PIA_TUI_LIST_VIEW_H
#define PIA_TUI_LIST_VIEW_H

#include "app.h"

/* 1 to quit; 0 with *open_id set to the assessment to open. */
int tui_list_view(tui_app *a, long *open_id);

#endif
