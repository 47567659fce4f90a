/*
 * rows.h — the form's printed rows, in order, as the matcher needs them.
 *
 * This is the importer's one view of the template: a flat list of rows
 * (sections, headings, items) with the 特定個人情報ファイル copy and the
 * instance of a repeated group each is printed under.  Since the source's
 * numbers of files and instances are not known before matching, the list
 * is built for upper bounds (files × instances); rows no source text
 * matches are simply left out by the alignment.  Today the rows come from
 * model/walk.h; a richer print model can replace rows.c alone.
 */
#ifndef PIA_IMPORT_ROWS_H
#define PIA_IMPORT_ROWS_H

#include "model/form.h"

typedef struct imp_row {
    const pia_node *node;
    int file;      /* the file copy printed (0 for sections answered once) */
    int afile;     /* the file its answer belongs to (0 = once per assessment) */
    int inst;      /* instance of the enclosing repeated group, 0 if none */
    int depth;     /* 0 for sections */
    int parent;    /* row of the parent heading, -1 for sections */
} imp_row;

/* Rows for `files` copies of per-file sections and, for each repeated
 * group, insts[node->index] instances (at least 1). */
int imp_rows_build(const pia_form *form, int files, const int *insts, imp_row **out, int *n);

#endif
