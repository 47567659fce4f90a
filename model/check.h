/*
 * check.h — what is still open in an assessment: unanswered items, a
 * choice of 課題が残されている (the template's `concern`) whose measures are
 * empty, a part switched off by its check box that still has answers, and
 * every broken consistency rule of the template (rules.h).
 * Shared by `pia check` and the TUI's check view.
 */
#ifndef PIA_CHECK_H
#define PIA_CHECK_H

#include "form.h"
#include "doc.h"

typedef enum pia_finding_kind {
    PIA_FIND_UNANSWERED,
    PIA_FIND_CONCERN,
    PIA_FIND_NA_ANSWERED,
    PIA_FIND_THRESHOLD,   /* Ⅰ1③対象人数 against Ⅵ1②しきい値判断結果 (threshold.h) */
    PIA_FIND_RULE         /* a consistency rule of the template (rules.h) is broken */
} pia_finding_kind;

typedef struct pia_finding {
    pia_finding_kind kind;
    const pia_node *node;
    int file, inst;       /* where it is printed (file 0: once) */
    char *where;          /* "Ⅲ(1) 2. リスク1 …" */
    char *what;           /* the finding, in Japanese */
} pia_finding;

int pia_check_doc(const pia_form *form, const pia_doc *doc, pia_finding **out, int *n);
void pia_findings_free(pia_finding *f, int n);

/* "Ⅲ(1) 2. リスク1 リスクへの対策は十分か": the printed numbers of the path. */
char *pia_location(const pia_node *node, int file, int inst);

#endif
