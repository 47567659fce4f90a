/*
 * changes.h — （別添3）変更箇所 rows from a comparison.
 *
 * Each revision of an assessment lists its changes in 別添3: 変更日, 項目,
 * 変更前の記載, 変更後の記載, 提出時期, 提出時期に係る説明.  The rows are
 * proposed from the comparison of the last submitted version with the
 * draft and appended to the template's own 別添3 table (a repeated group),
 * so staff edit them like any answer (提出時期 and its explanation are
 * judgements) and every export prints them with the sheet.
 *
 * Finding the table (a rule on data, no id in C): the repeated group whose
 * fields include ones labelled 変更前の記載 and 変更後の記載; its columns
 * are the fields labelled 変更日, 項目, 変更前の記載, 変更後の記載, 提出時期
 * and 提出時期に係る説明 (any may be missing except the two above).
 */
#ifndef PIA_CHANGES_H
#define PIA_CHANGES_H

#include "compare.h"
#include "store.h"

typedef struct pia_changes_table {
    const pia_node *group;
    const pia_node *date, *item, *before, *after, *timing, *reason;
} pia_changes_table;

typedef struct pia_change_row {
    char *date;     /* 変更日 */
    char *item;     /* 項目: "Ⅲ 2. リスク1 …" */
    char *before;   /* 変更前の記載 */
    char *after;    /* 変更後の記載 */
    char *timing;   /* 提出時期: one of the column's choices, or "" */
    char *reason;   /* 提出時期に係る説明 */
} pia_change_row;

/* PIA_ENOTFOUND when the form has no such table. */
int pia_changes_table_find(const pia_form *form, pia_changes_table *t, pia_err *err);

/* One row per change: a changed answer; a file or an instance of a
 * repeated group added or removed (one row, its answers summarised).
 * Changes to the 別添3 table itself are left out.  date and timing fill
 * every row (either may be "" or NULL). */
void pia_changes_rows(const pia_cmp *c, const pia_changes_table *t, const char *date,
                      const char *timing, pia_change_row **rows, int *n);
void pia_change_rows_free(pia_change_row *rows, int n);

/* The item as reviewers write it for node in instance inst (the 項目 column):
 * is_item, an answer ("Ⅰ 2. システム1 ①システムの名称"); otherwise a whole
 * instance or file, named by its printed numbers ("Ⅰ 2. システム2").  Caller frees. */
char *pia_changes_title(const pia_node *node, int is_item, int inst);

/* The same without naming a box by its group or a text by the choice it
 * explains: how rows written before those names spelled the item. */
char *pia_changes_title_plain(const pia_node *node, int is_item, int inst);

/* The form's own spellings of 項目 (changes_names.c), for instance numbers
 * 1..max_inst: text read back from a PDF or a workbook loses or gains
 * spaces where a line wrapped ("Ⅰ 2. システム1①システムの名称"). */
typedef struct pia_item_names pia_item_names;
pia_item_names *pia_item_names_new(const pia_form *form, int max_inst);
void pia_item_names_free(pia_item_names *names);
/* The form's spelling of text when the two are equal once both are folded
 * (fold.h: spaces and line breaks dropped, widths and brackets unified);
 * with several files, the file name in （ ） after the section number is
 * kept as the text has it.  NULL when text names no item.  Caller frees. */
char *pia_item_names_canon(const pia_item_names *names, const char *text);

/* How many rows the draft `live`'s 別添3 holds already (same 項目 and
 * 変更後の記載): proposing twice appends twice, so both the TUI and the
 * command say so.  there (may be NULL) gets 1 per such row. */
int pia_changes_present(const pia_doc *live, const pia_changes_table *t, const pia_change_row *rows,
                        int n, char *there);

/* Append rows as new instances of the table in the live draft of `id`,
 * in one transaction; *first (may be NULL) gets the first new instance. */
int pia_changes_append(pia_store *st, long id, const pia_changes_table *t,
                       const pia_change_row *rows, int n, int *first, pia_err *err);

/* A date as the form prints it: "2025-04-01" -> "令和7年4月1日" (dates
 * before 令和 and anything else are returned as given).  Caller frees. */
char *pia_changes_wareki(const char *iso_date);
/* Today (local time) as the form prints it, the default 変更日.  Caller frees. */
char *pia_changes_today(void);

#endif
