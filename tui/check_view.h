/*
 * check_view.h — what is still open, grouped by section (check_view.c).
 */
#ifndef PIA_TUI_CHECK_VIEW_H
#define PIA_TUI_CHECK_VIEW_H

#include "app.h"

/* 0 with the chosen finding's item, file and instance; -1 when none was
 * chosen (or there is nothing to check). */
int tui_check_view(tui_app *a, const pia_form *form, const pia_doc *doc,
                   const pia_node **node, int *file, int *inst);

#endif
