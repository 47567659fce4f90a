/*
 * copy.h — copying answers from one 特定個人情報ファイル, assessment or
 * version to another (`pia copy`, the TUI's file menu), and the same
 * item's answers elsewhere in the database (the TUI's 他の回答).
 *
 * A copy never overwrites an answered item unless asked: the plan lists
 * what would be skipped, so callers show it first.  Every answer written
 * is audited twice over: the ordinary `set` row (old → new) and a `copy`
 * row naming the source.
 */
#ifndef PIA_COPY_H
#define PIA_COPY_H

#include "doc.h"
#include "form.h"
#include "store.h"

typedef struct pia_copy_opts {
    int from_file, to_file;       /* 1-based; 0 means file 1 */
    const char *const *items;     /* id prefixes or section numbers (Ⅲ, 別添2); none: all */
    int nitems;
    int overwrite;
} pia_copy_opts;

typedef enum pia_copy_what {
    PIA_COPY_NEW,       /* the destination is empty: copied */
    PIA_COPY_SAME,      /* the destination already holds the same answer */
    PIA_COPY_SKIP,      /* the destination holds another answer: kept */
    PIA_COPY_REPLACE    /* …and --overwrite replaces it */
} pia_copy_what;

typedef struct pia_copy_item {
    const pia_node *node;
    int src_file, dst_file, inst; /* answer files (0: answered once) */
    pia_copy_what what;
    const pia_value *value;       /* the source's answer (borrowed from src) */
    const pia_value *old;         /* the destination's answer, or NULL */
    char *where;                  /* printed location in the destination */
} pia_copy_item;

typedef struct pia_copy_plan {
    pia_copy_item *item;
    int n;
    int ncopy, nsame, nskip;      /* ncopy counts NEW and REPLACE */
} pia_copy_plan;

/* What copying src into dst would do (nothing is written).  Errors:
 * another template, a file that does not exist, a prefix that names no
 * item, src and dst the same place. */
int pia_copy_plan_make(const pia_form *form, const pia_doc *src, const pia_doc *dst,
                       const pia_copy_opts *o, pia_copy_plan **out, pia_err *err);
void pia_copy_plan_free(pia_copy_plan *p);

/* Write the plan's NEW and REPLACE items into assessment dst_id in one
 * transaction; `source` ("評価書 3@2 ファイル(1)") goes into each copy's
 * audit row. */
int pia_copy_apply(pia_store *st, long dst_id, const pia_copy_plan *p, const char *source,
                   pia_err *err);

#endif
