/*
 * compare_internal.h — the compare view's state, shared by compare_view.c
 * (the list and the diff) and compare_changes.c (the 別添3 proposal).
 */
#ifndef PIA_TUI_COMPARE_INTERNAL_H
#define PIA_TUI_COMPARE_INTERNAL_H

#include "compare_view.h"
#include "textpane.h"
#include "model/compare.h"
#include "model/version.h"

typedef struct cv_side {
    pia_doc *doc;
    pia_version v;
    char *name;              /* "12@1「提出版」", "12（作業中）" */
    int version;             /* 0: the live draft */
} cv_side;

typedef struct cv_row {
    int entry;               /* index into the comparison; -1: a section heading */
    const pia_node *section;
} cv_row;

typedef struct cview {
    tui_app *a;
    const pia_form *form;
    long id;
    int writable;            /* the live draft may take the 別添3 rows */
    cv_side sa, sb;          /* older, newer */
    pia_cmp *c;
    cv_row *rows;
    int nrows, cap, cur, top;
    tui_textpane pane;
    int pane_for;            /* the row the pane was built for; -1: none */
} cview;

#endif
