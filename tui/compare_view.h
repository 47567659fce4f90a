/*
 * compare_view.h — two versions of an assessment (or a version and the
 * current answers) side by side in time: the changed items by printed
 * number, the character-level diff of the chosen one, a jump to it in the
 * form, and the （別添3）変更箇所 rows proposed from the pair.  The
 * comparison is model/compare.c's and the rows model/changes.c's, the same
 * as `pia diff` and `pia changes`.
 */
#ifndef PIA_TUI_COMPARE_VIEW_H
#define PIA_TUI_COMPARE_VIEW_H

#include "app.h"

/* Where the form view should go when the comparison is left for an item. */
typedef struct tui_cmp_jump {
    int version;            /* 0: the live draft; N: version N, read-only */
    const pia_node *node;   /* an item, a repeated group or a section */
    int file, inst;         /* as in that side; 0 = any / not per file */
} tui_cmp_jump;

/* Ask which two sides to compare (versions oldest first, then the current
 * answers), then show the comparison.  writable: the live draft may take
 * the 別添3 rows.  Returns 0 with *jump filled when the person asked to see
 * an item (Enter, or the first 別添3 row just added); -1 when they went
 * back, or nothing could be compared (said in the status line). */
int tui_compare_versions(tui_app *a, const pia_form *form, long id, int writable,
                         tui_cmp_jump *jump);

#endif
