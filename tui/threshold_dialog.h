/*
 * threshold_dialog.h — the しきい値判断 in the TUI (key T in the list):
 * asks 対象人数, and where they matter 取扱者数 and 重大事故, shows which
 * assessments are required with the reason and the source, and offers to
 * write the result into Ⅵ1② of the assessment under the cursor.
 */
#ifndef PIA_TUI_THRESHOLD_DIALOG_H
#define PIA_TUI_THRESHOLD_DIALOG_H

#include "app.h"

/* id 0: only judge; otherwise offer to fill assessment id (titled title). */
void tui_threshold_dialog(tui_app *a, long id, const char *title);

#endif
