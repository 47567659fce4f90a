/*
 * history.h — the earlier texts of an answer, read from the audit trail,
 * and restoring one of them as a new, audited change (`pia revert`, the
 * history view), plus saves that must not fold into the audit row before
 * them (a save after an undo).
 *
 * Rows are numbered 1… in the order of the assessment's whole trail
 * (pia_store_audit), so a number printed by `pia log ID --item X` is the
 * same as in `pia log ID` and names one row for `pia revert ID ROW`.
 */
#ifndef PIA_HISTORY_H
#define PIA_HISTORY_H

#include "store.h"

/* An audit row that records an answer's text (set or clear). */
int pia_history_is_answer(const pia_audit *a);

/* The value and detail an audit text stands for: text items keep the
 * whole text; a choice or check box written "value（detail）" is split
 * back.  Both malloc'd. */
void pia_history_split(const pia_node *n, const char *text, char **value, char **detail);

/* Restore the text row `row` (1-based) of assessment `id` left: the item,
 * file and instance it names, as a new change written through
 * pia_store_set, after an audit row "revert" that names the row (so the
 * text replaced stays in the trail as the end of its own row).  Fails
 * with a message when the row is not an answer's change, its item is not
 * in `form`, or its file or instance no longer exists.  *item (may be
 * NULL) gets the item's id (malloc'd).  When the answer holds that text
 * already nothing is written (no audit row either) and *changed (may be
 * NULL) is 0, else 1. */
int pia_history_restore(pia_store *st, const pia_form *form, long id, int row,
                        char **item, int *changed, pia_err *err);

/* pia_store_set_at after an audit row `action` (e.g. "undo"; its text
 * `note`, may be NULL) for item, in one transaction: the save starts an
 * audit row of its own instead of extending the previous save's, so the
 * text it replaces is kept.  A save that changes nothing writes no row. */
int pia_history_set_at(pia_store *st, long id, pia_place *pl, const char *item,
                       const char *value, const char *detail, long expect_rev,
                       long *new_rev, const char *action, const char *note, pia_err *err);

/* The whole trail of an assessment grouped for reading, as the check view
 * groups findings: by the section of the item a row names and, for the
 * sections answered per file, by its file; groups in the form's order,
 * the rows that name no item of the form (creation, files, versions,
 * imports) last; within a group newest first. */
typedef struct pia_history_group {
    const pia_node *section;  /* NULL: the assessment as a whole */
    int sec;                  /* the section's index (form->nsections for NULL) */
    int file;                 /* file position for a per-file section, else 0 */
    int *rows;                /* indexes into the audit rows, newest first */
    int n;
} pia_history_group;

/* Returns the number of groups; *out is malloc'd. */
int pia_history_grouped(const pia_form *form, const pia_audit *a, int n, pia_history_group **out);
void pia_history_groups_free(pia_history_group *g, int n);

#endif
