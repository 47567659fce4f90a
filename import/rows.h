/*
 * rows.h — the form's printed rows, in order, as the matcher needs them.
 *
 * This is the importer's one view of the template: a flat list with one
 * row per node (sections, headings, items) in the order the form prints
 * them, with the 特定個人情報ファイル copy and the instance of a repeated
 * group each is printed under.  Since the source's numbers of files and
 * instances are not known before matching, the list is built for upper
 * bounds (files × instances); rows no source text matches are simply left
 * out by the alignment.
 *
 * How each node appears on paper comes from the print model (model/print.h)
 * and its section layouts: which printed row it is on (a group's boxes and
 * captions share the group's row, a name printed after its instance
 * heading shares the heading's), and which labels the printed form does
 * not show where a row-by-row layout would (the cover's section name, a
 * table's instance headings, column headings printed once).  Older
 * layouts and pia's own text export print some of those labels anyway, so
 * every row is still looked for; the flags say what its absence means.
 */
#ifndef PIA_IMPORT_ROWS_H
#define PIA_IMPORT_ROWS_H

#include "model/form.h"

enum {
    IMP_ROW_UNPRINTED = 1, /* the form prints no label for it (the cover's 表紙, 別添3's 変更箇所1) */
    IMP_ROW_INLINE = 2,    /* its answer is printed on its group's row, without a label (委託事項1 ○○業務) */
    IMP_ROW_CAPTION = 4,   /* a caption among its group's boxes (・識別情報), printed where answers are */
    IMP_ROW_COLUMN = 8,    /* its label heads a column, printed once above the values (別添3, 評価書番号 | 評価書名) */
    IMP_ROW_PLACED = 16    /* on a page laid out freely (the cover): its label need not be in a label column */
};

typedef struct imp_row {
    const pia_node *node;
    int file;      /* the file copy printed (0 for sections answered once) */
    int afile;     /* the file its answer belongs to (0 = once per assessment) */
    int inst;      /* instance of the enclosing repeated group, 0 if none */
    int depth;     /* 0 for sections */
    int parent;    /* row of the parent heading, -1 for sections */
    int prow;      /* the printed row it is on (rows sharing one count once) */
    unsigned flags;/* IMP_ROW_* */
} imp_row;

/* Rows for `files` copies of per-file sections and, for each repeated
 * group, insts[node->index] instances (at least 1). */
int imp_rows_build(const pia_form *form, int files, const int *insts, imp_row **out, int *n);

#endif
