/*
 * title.h — an assessment's title and organisation are its 表紙 answers
 * 評価書名 (cover.title) and 評価実施機関名 (cover.org): one value each.
 *
 * The assessment row keeps a copy of both (the list of ten thousand
 * assessments reads no answers); triggers in the database keep that copy
 * equal to the answers whatever writes them (pia set, the TUI's 表紙,
 * import, duplicate, revert), so the list, exports, bundle names and the
 * index all show the same text.
 */
#ifndef PIA_TITLE_H
#define PIA_TITLE_H

#include "store.h"

#define PIA_TITLE_ITEM "cover.title"
#define PIA_ORG_ITEM "cover.org"

/* The migration that adds the triggers and brings existing assessments
 * into step (store.c runs it once; one SQL script). */
extern const char pia_title_schema_sql[];

/* Set the title and/or organisation (NULL: leave it) of assessment id:
 * through the 表紙 answers (audited like any save) when `form` has them,
 * else on the assessment row.  Joins the caller's transaction. */
int pia_title_set(pia_store *st, const pia_form *form, long id, const char *title,
                  const char *org, pia_err *err);

/* pia_store_new, then the 表紙 answers set to title and org, in one
 * transaction. */
int pia_title_new(pia_store *st, const pia_form *form, const char *template_name,
                  const char *title, const char *org, long *id, pia_err *err);

/* pia_store_duplicate under a new title (NULL: the same), in one
 * transaction. */
int pia_title_duplicate(pia_store *st, const pia_form *form, long id, const char *title,
                        long *new_id, pia_err *err);

#endif
