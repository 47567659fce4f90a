/*
 * store.h — the SQLite store: assessments, their 特定個人情報ファイル,
 * instances of repeated groups, answers and the audit trail.
 *
 * One database file per organisation.  WAL journal, foreign keys, a busy
 * timeout; schema versioned by PRAGMA user_version with forward migrations;
 * every write in its own transaction; the file created with mode 0600.
 * The store knows SQLite and the form tree, nothing of terminals.
 */
#ifndef PIA_STORE_H
#define PIA_STORE_H

#include "err.h"
#include "doc.h"
#include "form.h"

typedef struct pia_store pia_store;

enum {
    PIA_STORE_READONLY = 1,  /* open read-only, never create */
    PIA_STORE_NOCREATE = 2,  /* fail if the file does not exist */
    PIA_STORE_CREATE = 4     /* for callers' policy (cli/common.c): this
                              * command may create a missing database */
};

/* A path that exists and is not a regular file (FIFO, device, socket,
 * folder) is refused before anything opens it, so a FIFO cannot hang pia
 * and a device is never written. */
int pia_store_open(const char *path, int flags, pia_store **out, pia_err *err);
void pia_store_close(pia_store *st);
const char *pia_store_path(const pia_store *st);
/* The template the caller writes with: from now on every write to an
 * assessment records its SHA-256 as the one the answers were written with
 * (pia_doc.template_sha).  NULL forgets it. */
void pia_store_writing_with(pia_store *st, const pia_form *form);
/* Name recorded in the audit trail: $PIA_USER, else the login name. */
void pia_store_set_user(pia_store *st, const char *who);
const char *pia_store_user(const pia_store *st);

/* $XDG_DATA_HOME/pia/pia.db (or ~/.local/share/pia/pia.db); the directory
 * is created with mode 0700. */
int pia_store_default_path(char *buf, size_t n, pia_err *err);

typedef struct pia_summary {
    long id;
    char *template_name;
    char *title;
    char *org;
    char *created;
    char *updated;
    int nfiles;
    int nanswers;
} pia_summary;

/* All assessments, most recently updated first. */
int pia_store_list(pia_store *st, pia_summary **out, int *n, pia_err *err);
void pia_summaries_free(pia_summary *s, int n);

int pia_store_new(pia_store *st, const char *template_name, const char *title,
                  const char *org, long *id, pia_err *err);
int pia_store_set_meta(pia_store *st, long id, const char *title,
                       const char *org, pia_err *err);
int pia_store_delete(pia_store *st, long id, pia_err *err);

/* What a removal would lose, for the question asked before it: the whole
 * assessment (file 0, group NULL: name = title), one 特定個人情報ファイル
 * (file N, group NULL: name = its name) or one instance of a repeated group
 * (group and inst given: name NULL).  Answers counts non-empty ones.  The
 * audit rows of the removals name the same (the file or title, and the
 * number of answers removed). */
typedef struct pia_removal {
    char *name;
    int files, answers;
} pia_removal;
int pia_store_removal(pia_store *st, long id, int file, const char *group, int inst,
                      pia_removal *out, pia_err *err);
void pia_removal_clear(pia_removal *r);
int pia_store_duplicate(pia_store *st, long id, const char *title,
                        long *new_id, pia_err *err);

/* 特定個人情報ファイル, addressed by 1-based position. */
/* Their names in order (*out: malloc'd array of malloc'd strings, NULL
 * when there are none), without loading the assessment's answers;
 * PIA_ENOTFOUND when there is no such assessment. */
int pia_store_file_names(pia_store *st, long id, char ***out, int *n, pia_err *err);
void pia_store_names_free(char **names, int n);
int pia_store_file_add(pia_store *st, long id, const char *name, int *pos, pia_err *err);
int pia_store_file_rename(pia_store *st, long id, int pos, const char *name, pia_err *err);
int pia_store_file_move(pia_store *st, long id, int pos, int new_pos, pia_err *err);
int pia_store_file_remove(pia_store *st, long id, int pos, pia_err *err);

/* Instances of a repeated group (group = node id), 1-based positions;
 * file is 0 for groups answered once per assessment. Removing renumbers. */
int pia_store_inst_add(pia_store *st, long id, int file, const char *group,
                       int *pos, pia_err *err);
int pia_store_inst_remove(pia_store *st, long id, int file, const char *group,
                          int pos, pia_err *err);

/*
 * Set one answer.  group is the enclosing repeated group's id when inst > 0
 * (instances up to inst are created as needed), NULL otherwise.  value ""
 * and detail "" remove the answer.  expect_rev >= 0 asks for conflict
 * detection: if the stored revision differs, nothing is written and the
 * call fails with PIA_ECONFLICT.  *new_rev (may be NULL) receives the
 * revision written.  An audit row records who, when, old and new.
 */
int pia_store_set(pia_store *st, long id, int file, const char *group, int inst,
                  const char *item, const char *value, const char *detail,
                  long expect_rev, long *new_rev, pia_err *err);

/*
 * Answers by place: the ids of the rows of their file and instance, not
 * positions.  An editor holds a place, so a file removed or moved, or an
 * instance removed, while it is open cannot make its save land in
 * whichever file or instance now has that position: the save fails with
 * PIA_EGONE and writes nothing.
 */
typedef struct pia_place {
    long file;          /* file row id; 0 for items answered once per assessment */
    const char *group;  /* the repeated group's id (borrowed), NULL outside one */
    long inst;          /* instance row id; 0 while the instance does not exist yet */
    int inst_pos;       /* inst 0: the position the first save creates it at */
} pia_place;

/* The place that (file position, group, instance position) names now. */
int pia_store_place(pia_store *st, long id, int file, const char *group, int inst,
                    pia_place *out, pia_err *err);
/* Its positions now (file 0 / inst 0 where not applicable, inst_pos for
 * an instance not created yet); PIA_EGONE when its file or instance was
 * removed. */
int pia_store_place_where(pia_store *st, long id, const pia_place *pl, int *file, int *inst,
                          pia_err *err);
/* pia_store_get / pia_store_set by place.  set_at fills pl->inst when its
 * save created the instance. */
int pia_store_get_at(pia_store *st, long id, const pia_place *pl, const char *item,
                     pia_value *out, pia_err *err);
int pia_store_set_at(pia_store *st, long id, pia_place *pl, const char *item,
                     const char *value, const char *detail, long expect_rev, long *new_rev,
                     pia_err *err);

/* The row ids of an assessment's files and instances at one moment, so a
 * view loaded with pia_store_load can turn what it shows into places. */
typedef struct pia_ids pia_ids;
int pia_store_ids(pia_store *st, long id, pia_ids **out, pia_err *err);
void pia_ids_free(pia_ids *ids);
/* The place of (file position, group, instance position) in that moment's
 * numbering. */
void pia_ids_place(const pia_ids *ids, int file, const char *group, int inst, pia_place *out);

/* The items answered in assessment `id` (text or detail not empty) that
 * `form` has no item for: a template edited or replaced after they were
 * written.  Such answers stay stored, untouched, but no view, check or
 * export shows them.  *n gets their number, *first (malloc'd) up to three
 * of their ids joined by "、" ("" when none). */
int pia_store_stray_items(pia_store *st, long id, const pia_form *form, int *n, char **first,
                          pia_err *err);

/* Read one answer (value NULL-filled when absent); caller frees fields. */
int pia_store_get(pia_store *st, long id, int file, int inst, const char *item,
                  pia_value *out, pia_err *err);

/* The whole assessment. */
int pia_store_load(pia_store *st, long id, pia_doc **out, pia_err *err);
/* What the form view shows: the answers and instance counts of the items
 * answered once and of file `file` (its position) alone, with every
 * file's name; (*out)->loaded_file says which (doc.h), clamped to
 * 1..nfiles (1 when there is none).  Answers carry no updated/updated_by.
 * With ids, the row ids of every file and of those instances, from the
 * same snapshot.  Exports, checks, comparisons and the CLI use
 * pia_store_load: they need the whole. */
int pia_store_load_file(pia_store *st, long id, int file, pia_doc **out, pia_ids **ids,
                        pia_err *err);
/* Store a whole doc as a new assessment, in one transaction. */
int pia_store_import(pia_store *st, const pia_doc *doc, long *id, pia_err *err);

/* Audit trail of an assessment, oldest first.  Saves of one item by one
 * person in a row share a row: `at` is the first, `last_at` the latest
 * (NULL when there was one save), old_value before the first, new_value
 * after the latest.  A deleted assessment keeps its rows without texts. */
typedef struct pia_audit {
    long seq;
    char *at, *who, *action, *item, *old_value, *new_value;
    char *last_at;
    int file, inst;
} pia_audit;
int pia_store_audit(pia_store *st, long id, pia_audit **out, int *n, pia_err *err);
void pia_audit_free(pia_audit *a, int n);

/* One audit row (action, item, old → new) on an existing assessment, for
 * modules that keep tables of their own; joins the caller's transaction. */
int pia_store_audit_add(pia_store *st, long id, const char *action, const char *item,
                        const char *old, const char *new, pia_err *err);

/* Run fn inside one transaction (BEGIN IMMEDIATE … COMMIT, or ROLLBACK
 * when fn fails).  Calls of pia_store_* inside fn join it. */
int pia_store_tx(pia_store *st, int (*fn)(pia_store *, void *), void *ctx, pia_err *err);

/* Run fn inside one read transaction: every pia_store_load inside sees the
 * same snapshot of the database, whatever other processes write meanwhile. */
int pia_store_snapshot(pia_store *st, int (*fn)(pia_store *, void *), void *ctx, pia_err *err);

/* For modules that extend the schema (versions, comments): the raw handle. */
struct sqlite3 *pia_store_db(pia_store *st);

#endif
