/*
 * print.h — the form as printed: one row per printed line of the 様式.
 *
 * Built on the walk (walk.h), which decides what is answered and what is
 * not applicable; this layer decides how each row reads on paper:
 *   - a section's band (Ⅰ 基本情報), with the 特定個人情報ファイル for
 *     per-file copies;
 *   - headings (1. …, リスク1： …, システム1) that stay with what follows;
 *   - a text or a choice with its answer as printed (control characters
 *     made visible, the file name for auto-filled items);
 *   - check boxes inline on their group's own row, `[ ○ ] 個人番号  [ ] …`,
 *     sub-lists captioned (・識別情報) — the group's leading boxes in the
 *     form's order, so `4. … [ ] 委託しない` reads as one row;
 *   - a part switched off by its box: （該当なし） once, on the part's first
 *     row, and no answers printed underneath.
 * Text, XLSX (and so PDF), the TUI's counts and `pia check` read these rows.
 */
#ifndef PIA_PRINT_H
#define PIA_PRINT_H

#include "walk.h"

typedef enum pia_pkind {
    PIA_P_SECTION,   /* a section's band */
    PIA_P_HEADING,   /* a group: nothing to answer on its own row */
    PIA_P_TEXT,
    PIA_P_CHOICE,
    PIA_P_BOXES      /* check boxes printed inline on this row */
} pia_pkind;

typedef struct pia_pbox {
    const pia_node *node;
    const char *caption;    /* first box of a captioned sub-list ("・識別情報"), else NULL */
    int checked;
    char *text;             /* "[ ○ ] 個人番号", "[ ] その他（ 住基 ）" */
} pia_pbox;

typedef struct pia_prow {
    pia_pkind kind;
    const pia_node *node;   /* the node printed (a box row: the group, or the first box) */
    int file, afile, inst, ninst;
    int depth;              /* 0 for sections */
    char *heading;          /* "③対象となる本人の範囲 ※", "システム1"; "" for a bare box row */
    char *answer;           /* as printed; "" when nothing is printed */
    char *options;          /* choice: "<選択肢> 1) … 2) …"; NULL otherwise */
    char *chosen;           /* choice: the chosen option alone, as printed ("" when none) */
    pia_pbox *boxes;
    int nboxes;
    char **captions;        /* owned caption strings of the sub-lists */
    int ncaptions;
    char *file_name;        /* a per-file section band: its file's name as printed, else NULL */
    pia_state state;        /* of the row's own answer; a box row: ANSWERED when a box is ticked */
    int na_head;            /* （該当なし） is printed on this row */
    const pia_node *na_by;  /* the box that switched the part off */
    int na;                 /* inside a switched-off part */
    int counted;            /* counts towards completion */
    int keep_next;          /* never the last row of a page */
    int stored;             /* something stored (for answers left in a switched-off part) */
    const pia_value *value;
} pia_prow;

typedef struct pia_print {
    const pia_form *form;
    const pia_doc *doc;
    pia_prow *rows;
    int n, cap;
    int answered, total;    /* completion over counted rows */
} pia_print;

#define PIA_NA_TEXT "（該当なし）"

/* Build the printed rows of `doc`; never fails (memory aside). */
void pia_print_build(const pia_form *form, const pia_doc *doc, pia_print *out);
void pia_print_free(pia_print *p);

/* The boxes of a row laid out `width` half-width units wide (0: no limit):
 * several to a line, two spaces apart, a caption on a line of its own.
 * Caller frees. */
char *pia_print_boxes(const pia_prow *row, int width);

/* Text shown for an auto-filled item: this file's name, or every file's
 * when printed once per assessment.  Caller frees. */
char *pia_print_autofill(const pia_doc *doc, int file);

/* The heading a row carries for node as printed (repeated groups get
 * their instance number: "システム1").  Caller frees. */
char *pia_print_heading(const pia_node *node, int inst);

/* Whole sections laid out otherwise than row by row (the template's
 * `layout:`), decided here for the sheet and for the importer alike. */

/* The repeated group a `layout: table` section prints as its table, one
 * row per instance, one column per item (the first PIA_TABLE_MAX_COLS),
 * the items' labels once as the column headings and the instance headings
 * not at all: the section's first repeated child, or NULL when the section
 * is not such a table (then it prints row by row). */
#define PIA_TABLE_MAX_COLS 6
const pia_node *pia_print_table_group(const pia_node *section);

/* A `layout: cover` section prints its first two items as a small table,
 * the two labels on one line and the two answers under them (評価書番号 |
 * 評価書名), when both are one-line items: returns 1 and fills pair. */
int pia_print_cover_pair(const pia_node *section, const pia_node *pair[2]);

#endif
