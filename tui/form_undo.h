/*
 * form_undo.h — undo of the form view (form_undo.c).
 */
#ifndef PIA_TUI_FORM_UNDO_H
#define PIA_TUI_FORM_UNDO_H

#include "form_view.h"

/* The form-level changes made from this view, newest last,
 * and taking back the newest as a new, audited change. */
void tui_fv_undo_answer(fview *v, const pia_node *node, const pia_place *pl,
                        const char *old_value, const char *old_detail,
                        const char *new_value, const char *new_detail);
void tui_fv_undo_inst_add(fview *v, const pia_node *group, int afile, int pos);
/* Before removing instance pos: what it holds, so an undo can put it back. */
void tui_fv_undo_inst_del(fview *v, const pia_node *group, int afile, int pos);
/* Forget the newest (its change failed). */
void tui_fv_undo_drop(fview *v);
void tui_fv_undo(fview *v);
void tui_fv_undo_free(fview *v);

#endif
