/*
 * due.h — when an assessment is due again: re-assessment within 5 years of
 * its 公表日 and a review at least once a year (both effort obligations
 * under the 特定個人情報保護評価指針).  The periods, what each counts from
 * and which item holds the 公表日 are data (templates/tables/due.yaml).
 */
#ifndef PIA_DUE_H
#define PIA_DUE_H

#include "err.h"
#include "jdate.h"
#include "store.h"

typedef struct pia_due_table pia_due_table;

typedef struct pia_due_entry {
    long id;
    char *title, *org;
    const char *label;        /* 再評価 / 年次の見直し */
    const char *kind;         /* 努力義務 */
    int years;
    int has_due;              /* 0: nothing to compute (see problem) */
    pia_date due, from;       /* due = from + years */
    const char *from_what;    /* 公表日 / 前回の見直し */
    long days_left;           /* due - today: negative when overdue */
    char *problem;            /* why there is no due date; NULL when has_due */
    int bad_date;             /* the problem is a 公表日 that is not a date */
} pia_due_entry;

/* path NULL: tables/due.yaml on the template path. */
int pia_due_load(const char *path, pia_due_table **out, pia_err *err);
void pia_due_free(pia_due_table *t);
const char *pia_due_source(const pia_due_table *t);

/* The entries of one assessment (one per obligation), given its template
 * name, its 公表日 answer (NULL or "" when unanswered) and the day of its
 * latest yearly review (NULL when none). */
void pia_due_of(const pia_due_table *t, long id, const char *template_name,
                const char *published, const pia_date *last_review, pia_date today,
                pia_due_entry **out, int *n);

/* The item that holds the 公表日 in a template, or NULL. */
const char *pia_due_published_item(const pia_due_table *t, const char *template_name);

/* Every assessment of the store: entries with a due date first, soonest
 * first (then by id), then those without one. */
int pia_due_list(pia_store *st, const pia_due_table *t, pia_date today,
                 pia_due_entry **out, int *n, pia_err *err);

/* The entries of one stored assessment (for the TUI's list). */
int pia_due_assessment(pia_store *st, const pia_due_table *t, long id, const char *template_name,
                       pia_date today, pia_due_entry **out, int *n, pia_err *err);

void pia_due_entries_free(pia_due_entry *e, int n);

#endif
