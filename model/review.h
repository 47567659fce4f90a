/*
 * review.h — reviewers' comments on items and a review state per section.
 *
 * Reviewers (the department head, the information-policy section, the
 * third-party reviewer) leave comments on an item of the live draft; each
 * has an author, a time, a text and is resolved or not.  Each section of
 * the form carries a review state.  None of this is part of the statutory
 * sheet: it lives in its own tables and has its own report.
 * Comments are addressed like answers: (file, inst, item); item may be ""
 * for a comment on the assessment as a whole.
 */
#ifndef PIA_REVIEW_H
#define PIA_REVIEW_H

#include "err.h"
#include "store.h"

typedef struct pia_comment {
    long id;
    int file, inst;
    char *item;          /* node id, "" for the whole assessment */
    char *author;
    char *at;            /* ISO 8601 UTC */
    char *text;
    int resolved;
    char *resolved_by;   /* NULL while open */
    char *resolved_at;
} pia_comment;

typedef enum pia_review_state {
    PIA_REVIEW_NONE = 0,     /* 未確認 */
    PIA_REVIEW_REVIEWING,    /* 確認中 */
    PIA_REVIEW_CHANGES,      /* 要修正 */
    PIA_REVIEW_APPROVED      /* 確認済 */
} pia_review_state;

typedef struct pia_section_review {
    char *section;       /* section node id */
    pia_review_state state;
    char *who, *at;
    char *note;          /* "" when none */
} pia_section_review;

typedef struct pia_review {
    pia_comment *comments;      /* oldest first */
    int ncomments;
    pia_section_review *states; /* only sections whose state was ever set */
    int nstates;
} pia_review;

/* The tables behind this module (see store.c's migrations). */
int pia_review_migrate(struct sqlite3 *db, pia_err *err);

int pia_review_load(pia_store *st, long id, pia_review **out, pia_err *err);
void pia_review_free(pia_review *r);

/* Add a comment by the store's user; *cid (may be NULL) gets its id. */
int pia_comment_add(pia_store *st, long id, int file, int inst, const char *item,
                    const char *text, long *cid, pia_err *err);
/* Mark a comment resolved (or open again). */
int pia_comment_resolve(pia_store *st, long id, long cid, int resolved, pia_err *err);

int pia_review_set_state(pia_store *st, long id, const char *section,
                         pia_review_state state, const char *note, pia_err *err);

/* 未確認 / 確認中 / 要修正 / 確認済, and the ASCII names none / reviewing /
 * changes / approved; parse accepts either, returns -1 when unknown. */
const char *pia_review_state_label(pia_review_state s);
const char *pia_review_state_name(pia_review_state s);
int pia_review_state_parse(const char *s);

/* State of a section ("" / NONE when never set). */
pia_review_state pia_review_state_of(const pia_review *r, const char *section);
/* Open (unresolved) comments on one item, for a marker beside it. */
int pia_review_open_count(const pia_review *r, int file, int inst, const char *item);

#endif
