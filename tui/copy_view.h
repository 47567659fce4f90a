/*
 * copy_view.h — answers taken from another file or elsewhere (copy_view.c).
 */
#ifndef PIA_TUI_COPY_VIEW_H
#define PIA_TUI_COPY_VIEW_H

#include "form_view.h"

void tui_fv_copy_files(fview *v);
void tui_fv_other_answers(fview *v);

#endif
