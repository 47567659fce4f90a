/*
 * diff.h — comparisons and reviews written out: the diff as terminal text
 * or XLSX, and the review report (comments and section states) as text or
 * XLSX.  Neither is ever mixed into the statutory sheet: they are separate
 * documents for the people who check an assessment.
 */
#ifndef PIA_EXPORT_DIFF_H
#define PIA_EXPORT_DIFF_H

#include <stdio.h>
#include "model/compare.h"
#include "model/review.h"

typedef struct pia_diff_opts {
    int color;              /* ANSI colour instead of [-…-]{+…+} markers */
    const char *label_a;    /* how the sides are named: "12@1「提出版」" */
    const char *label_b;
    /* Writes one colour change.  A terminal's guarded stream shows control
     * characters instead of obeying them, so the caller that owns it says
     * how its own colours get through; NULL writes them as text. */
    void (*style)(FILE *out, const char *sgr);
} pia_diff_opts;

/* Markers used without colour (and in tests). */
#define PIA_DEL_OPEN  "[-"
#define PIA_DEL_CLOSE "-]"
#define PIA_INS_OPEN  "{+"
#define PIA_INS_CLOSE "+}"

/* Section by section, each changed item with its printed number and
 * heading, then the answer with deletions and insertions marked. */
int pia_export_diff_text(const pia_cmp *c, const pia_diff_opts *o, FILE *out, pia_err *err);

/* One row per changed item; 変更前 with deletions struck through in red,
 * 変更後 with insertions underlined in blue (rich text). */
int pia_export_diff_xlsx(const pia_cmp *c, const pia_diff_opts *o, const char *path,
                         pia_err *err);

/* The review report: section states, then every comment by item. */
int pia_export_review_text(const pia_form *form, const pia_doc *doc,
                           const pia_review *r, FILE *out, pia_err *err);
int pia_export_review_xlsx(const pia_form *form, const pia_doc *doc,
                           const pia_review *r, const char *path, pia_err *err);

#endif
