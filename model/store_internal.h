/*
 * store_internal.h — what the files of the store (store_open.c, db.c,
 * store.c, store_answers.c, store_load.c) share: the handle's layout, the
 * cached statements and the helpers each file uses from the others.
 * Internal to model/; other modules reach the database through store.h.
 *
 * Invariants of struct pia_store: db is open for the handle's whole life;
 * depth counts the nested pia_db_begin levels (0 outside a transaction);
 * failed is set when an inner level failed, so the outermost rolls back;
 * q[i] is NULL until QUERIES[i] is first used, then prepared once.
 */
#ifndef PIA_STORE_INTERNAL_H
#define PIA_STORE_INTERNAL_H

#include "store.h"
#include "db.h"

#include <sqlite3.h>

#define PIA_APPLICATION_ID 0x50494131   /* "PIA1" */
#define SCHEMA_VERSION 7
#define AUDIT_MERGE_MINUTES 10
/* The one timestamp format (db.h: pia_db_now). */
#define NOW "pia_now()"

enum {
    Q_FILE_ID, Q_INST_ID, Q_INST_MAX, Q_INST_INSERT, Q_ANSWER_GET, Q_ANSWER_INSERT,
    Q_ANSWER_UPDATE, Q_AUDIT, Q_AUDIT_LAST, Q_AUDIT_EXTEND, Q_TOUCH, Q_ANSWERED, Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
    Q_LOAD_HEAD, Q_LOAD_HEAD_V3, Q_LOAD_FILES, Q_LOAD_INSTANCES, Q_LOAD_ANSWERS,
    Q_FILE_ROWS, Q_FILE_INSTANCES, Q_FILE_ANSWERS, Q_COUNT
};

/* The SQL of the cached statements (store.c). */
extern const char *const pia_store_queries[Q_COUNT];

struct pia_store {
    sqlite3 *db;
    char *path;
    char *who;
    int depth;        /* transaction nesting */
    int failed;       /* an inner step failed: the outermost level rolls back */
    int version;      /* user_version: an older file opened read-only stays old */
    char writing_with[65]; /* SHA-256 of the caller's template, "" when not said */
    sqlite3_stmt *q[Q_COUNT];
    pia_form *form;   /* template of the last assessment that needed one */
};

/* ---- the database layer (db.c) ---- */
int pia_store_fail(pia_store *st, pia_err *err, int rc, const char *what);
sqlite3_stmt *pia_db_query(pia_store *st, int q, pia_err *err);
sqlite3_stmt *pia_db_prepare(pia_store *st, const char *sql, pia_err *err);
void pia_db_bind_text(sqlite3_stmt *s, int i, const char *v);
int pia_db_run(pia_store *st, sqlite3_stmt *s, const char *what, pia_err *err);
int pia_db_row(pia_store *st, sqlite3_stmt *s, const char *what, pia_err *err);
int pia_db_exec(pia_store *st, const char *sql, pia_err *err);
int pia_db_begin(pia_store *st, pia_err *err);
int pia_db_end(pia_store *st, int rc, pia_err *err);
int pia_db_read_begin(pia_store *st, pia_err *err);
int pia_db_read_end(pia_store *st, int rc, pia_err *err);

/* ---- rows shared by the store's files (store.c) ---- */
char *pia_store_audit_text(const char *value, const char *detail);
int pia_store_audit_row(pia_store *st, long id, const char *action, int file, int inst,
                        const char *item, const char *old, const char *new, pia_err *err);
int pia_store_touch(pia_store *st, long id, pia_err *err);
int pia_store_check_text(pia_store *st, const char *what, const char *s, pia_err *err);
int pia_store_use_template(pia_store *st, const char *name, pia_err *err);
int pia_store_template_of(pia_store *st, long id, pia_err *err);
int pia_store_group_of(pia_store *st, const char *item, const char **group, pia_err *err);
int pia_store_file_row(pia_store *st, long id, int pos, sqlite3_int64 *out, pia_err *err);
int pia_store_inst_ensure(pia_store *st, long id, sqlite3_int64 fid, const char *group, int upto,
                          pia_err *err);
int pia_store_inst_row(pia_store *st, long id, sqlite3_int64 fid, const char *group, int pos,
                       sqlite3_int64 *out, pia_err *err);
int pia_store_insert_assessment(pia_store *st, const char *tmpl, const char *title,
                                const char *org, const char *sha, long *id, pia_err *err);
int pia_store_insert_file(pia_store *st, long id, int pos, const char *name, pia_err *err);
int pia_store_recount(pia_store *st, long id, pia_err *err);

/* ---- answers (store_answers.c) ---- */
typedef struct current {
    sqlite3_int64 row;   /* 0 when there is no row */
    char *value, *detail;
    long rev;
} current;
int pia_store_answer_write(pia_store *st, long id, sqlite3_int64 fid, sqlite3_int64 iid,
                           const char *item, const char *value, const char *detail,
                           const current *c, pia_err *err);
/* Building a pia_ids row by row (store_load.c reads them with a file's answers). */
pia_ids *pia_ids_new(void);
void pia_ids_add_file(pia_ids *ids, long row);
void pia_ids_add_inst(pia_ids *ids, int file, const char *group, int pos, long row);

#endif
