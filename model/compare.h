/*
 * compare.h — what changed between two versions of one assessment.
 *
 * Items are aligned by their stable template id, per 特定個人情報ファイル
 * and per instance of a repeated group, in the form's printed order:
 *   files      matched by name; an unmatched pair at the same position is
 *              a renamed file; the rest were added or removed;
 *   instances  matched by identical content (longest common subsequence),
 *              then, between those anchors, by equal first answer (the
 *              system's or contractor's name), then in order;
 *   answers    text character by character (textdiff.h); choices and check
 *              boxes as values.
 * The result is a flat list of entries that the diff exports, the 別添3
 * rows and the TUI all read.
 */
#ifndef PIA_COMPARE_H
#define PIA_COMPARE_H

#include "form.h"
#include "doc.h"
#include "textdiff.h"

typedef enum pia_cmp_kind {
    PIA_CMP_SAME = 0,
    PIA_CMP_CHANGED,
    PIA_CMP_ADDED,      /* only in the newer side (B) */
    PIA_CMP_REMOVED     /* only in the older side (A) */
} pia_cmp_kind;

typedef enum pia_cmp_what {
    PIA_CMPW_ITEM = 0,  /* one answer */
    PIA_CMPW_FILE,      /* a whole 特定個人情報ファイル (added, removed, renamed) */
    PIA_CMPW_INSTANCE   /* a whole instance of a repeated group (added, removed) */
} pia_cmp_what;

typedef struct pia_cmp_entry {
    pia_cmp_kind kind;
    pia_cmp_what what;
    const pia_node *node;    /* field; repeated group (INSTANCE); section (FILE) */
    int file_a, file_b;      /* 1-based positions in A and B; 0 = absent / not per file */
    int inst_a, inst_b;      /* instance numbers, 0 outside repeated groups */
    int inside;              /* inside an added or removed file/instance */
    char *where;             /* printed numbers: "Ⅲ 2. リスク1", "Ⅱ 4. 委託事項1 ①";
                                a field without a number ends with its label */
    char *heading;           /* the node's printed heading */
    const char *file_name;   /* name of the 特定個人情報ファイル (B's, else A's); NULL
                                for items answered once per assessment */
    char *before, *after;    /* answers as printed; "" when unanswered */
    pia_tdiff_list diff;     /* before -> after, whole or per character */
} pia_cmp_entry;

typedef struct pia_cmp {
    const pia_form *form;
    const pia_doc *a, *b;
    pia_cmp_entry *v;
    int n, cap;
    int nchanged;            /* entries that are not SAME */
    int approx;              /* some text diff hit its work bound */
    int multi_file;          /* either side has more than one file */
} pia_cmp;

enum { PIA_CMP_WITH_SAME = 1 };  /* keep unchanged items in the list */

/* Compare a (older) with b (newer); both follow `form`.  The docs must
 * outlive the result (entries point at file names).  Never fails. */
pia_cmp *pia_compare(const pia_form *form, const pia_doc *a, const pia_doc *b, int flags);
void pia_cmp_free(pia_cmp *c);

/* "Ⅲ 2. リスク1" for node as printed in instance inst (see `where`). */
char *pia_cmp_where(const pia_node *node, int inst);

/* The item as people name it: the parent's numbers, then the node's
 * printed heading: "Ⅲ 2. リスク1 リスクへの対策は十分か", "Ⅰ 1. ②事務の内容". */
char *pia_cmp_title(const pia_node *node, int inst);

/* An answer as the comparison shows it: text as typed, a choice as its
 * value, a check box as "[○] label" / "[ ] label", each with its
 * parenthetical detail.  Returns "" (malloc'd) when unanswered. */
char *pia_cmp_answer_text(const pia_node *node, const pia_value *v);

/* For a field without a number whose label its siblings share ("具体的な
 * 管理方法" after each of three choices in Ⅲ 3. リスク2), the field it
 * explains: the nearest one before it with a label of its own.  Names
 * put that label first, so each names one item.  NULL otherwise. */
const pia_node *pia_cmp_qualifier(const pia_node *node);

const char *pia_cmp_kind_label(pia_cmp_kind k);  /* 変更 / 追加 / 削除 / 同じ */

#endif
