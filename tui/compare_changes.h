/*
 * compare_changes.h — the （別添3）変更箇所 rows proposed from the pair in
 * the compare view (compare_changes.c).
 */
#ifndef PIA_TUI_COMPARE_CHANGES_H
#define PIA_TUI_COMPARE_CHANGES_H

#include "compare_internal.h"

/* P: show the 別添3 rows for the pair; on confirmation append them to the
 * live draft.  0 with *jump at the first new row when added, -1 else. */
int tui_cv_propose(cview *v, tui_cmp_jump *jump);

#endif
