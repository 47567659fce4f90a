/*
 * form_rows.h — the form view's rows as drawn (form_rows.c): their text,
 * height, scrolling and the detail pane, on the state in form_view.h.
 */
#ifndef PIA_TUI_FORM_ROWS_H
#define PIA_TUI_FORM_ROWS_H

#include "form_view.h"

/* The answer row r shows (NULL when none is stored). */
const pia_value *tui_fv_value_of(const fview *v, const vrow *r);
/* Index of the section n belongs to (0 when not found). */
int tui_fv_section_index(const fview *v, const pia_node *n);
/* r's printed numbers and label, as the form prints them (caller frees). */
char *tui_fv_full_heading(const vrow *r);
/* Rows a page key moves over: as many as the screen shows from the top (>= 1). */
int tui_fv_page_rows(const fview *v);
/* Draw the list from line 1, scrolled so the cursor's row is whole, and
 * the detail pane under it; returns the line of the cursor's row. */
int tui_fv_draw_rows(fview *v);

#endif
