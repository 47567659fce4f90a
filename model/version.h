/*
 * version.h — immutable, labelled snapshots of an assessment's answers.
 *
 * An assessment lives for years: it is re-assessed after a 重要な変更 and
 * at least every five years.  `pia version ID --label 提出版` freezes the
 * current answers, files and instance counts as version N (1, 2, …) with
 * who and when; nothing can change a version afterwards (the database
 * refuses it with triggers).  One flag per version may change: whether it
 * was the one submitted to the 個人情報保護委員会, which decides what the
 * next （別添3）変更箇所 is computed from.
 *
 * References used wherever an assessment is named on the command line:
 *   12          the live draft of assessment 12
 *   12@3        its version 3
 *   12@提出版    its version labelled 提出版 (labels are unique and never
 *              all digits, so the two forms cannot collide)
 */
#ifndef PIA_VERSION_H
#define PIA_VERSION_H

#include "err.h"
#include "doc.h"
#include "form.h"
#include "store.h"

typedef struct pia_version {
    long assessment;
    int n;              /* 1, 2, … within the assessment */
    char *label;
    char *created;      /* ISO 8601 UTC */
    char *created_by;
    int submitted;      /* the version submitted to the PPC */
    int nanswers;
} pia_version;

/* The tables behind this module (see store.c's migrations). */
int pia_version_migrate(struct sqlite3 *db, pia_err *err);

/* Freeze the live answers of `id` as a new version; *n (may be NULL)
 * receives its number.  The label must be non-empty, not all digits and
 * unused in this assessment. */
int pia_version_create(pia_store *st, const pia_form *form, long id, const char *label,
                       int submitted, int *n, pia_err *err);

/* Versions of an assessment, oldest first. */
int pia_version_list(pia_store *st, long id, pia_version **out, int *count, pia_err *err);
void pia_versions_free(pia_version *v, int count);
void pia_version_clear(pia_version *v);

/* Find a version by number ("3") or label; PIA_ENOTFOUND when absent. */
int pia_version_find(pia_store *st, long id, const char *spec, pia_version *out, pia_err *err);

/* The snapshot as a doc (doc->id is the assessment's id). */
int pia_version_load(pia_store *st, long id, int n, pia_doc **out, pia_err *err);

/* Set or clear the submitted flag of version n. */
int pia_version_set_submitted(pia_store *st, long id, int n, int submitted, pia_err *err);
/* The most recent submitted version; PIA_ENOTFOUND when none. */
int pia_version_last_submitted(pia_store *st, long id, pia_version *out, pia_err *err);

/*
 * A reference "ID", "ID@N" or "ID@LABEL" split up: *id, and *spec the part
 * after '@' (NULL for the live draft).  Returns -1 when malformed.
 */
int pia_ref_parse(const char *ref, long *id, const char **spec);

/* Resolve a reference to a doc: the live draft or a snapshot.  info (may
 * be NULL) receives the version (n == 0 for the live draft).  Errors are
 * PIA_EINVAL (malformed) or PIA_ENOTFOUND with a message naming the ref. */
int pia_ref_load(pia_store *st, const char *ref, pia_doc **doc, pia_version *info,
                 pia_err *err);

/* How a side is named to people: "12（作業中）", "12@2「提出版」". */
char *pia_ref_describe(long id, const pia_version *v);

#endif
