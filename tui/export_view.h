/*
 * export_view.h — the `x` key (export_view.c).
 */
#ifndef PIA_TUI_EXPORT_VIEW_H
#define PIA_TUI_EXPORT_VIEW_H

#include "app.h"

/* Write doc to a file asked for, the format from its extension. */
void tui_export(tui_app *a, const pia_form *form, const pia_doc *doc);

#endif
