/*
 * form_edit.h — the changes made from the form view (form_edit.c).
 */
#ifndef PIA_TUI_FORM_EDIT_H
#define PIA_TUI_FORM_EDIT_H

#include "form_view.h"

struct tui_event;

/* Each acts on the current row or file and reloads. */
void tui_fv_open_row(fview *v);
void tui_fv_toggle(fview *v);
void tui_fv_detail(fview *v);
void tui_fv_external(fview *v);
void tui_fv_paste(fview *v, const struct tui_event *ev);
void tui_fv_file_menu(fview *v);
void tui_fv_inst_add(fview *v);
void tui_fv_inst_del(fview *v);
void tui_fv_take(fview *v, const char *value, const char *detail);

#endif
