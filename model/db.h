/*
 * db.h — the one SQLite layer of model/: the mapping of SQLite result
 * codes to pia errors with messages that name the database first and say
 * the cause in Japanese (locked, full, read-only, damaged…), the busy
 * timeout, the one timestamp format of the database, and column reads that
 * never return NULL.  The store (store_internal.h) and the modules that
 * keep tables of their own beside it (versions, comments, imports, yearly
 * reviews) all fail through pia_db_error, so a locked database reads the
 * same whichever table was being written.  Internal to model/.
 */
#ifndef PIA_DB_H
#define PIA_DB_H

#include "doc.h"
#include "err.h"

#include <sqlite3.h>

/* Fill err from SQLite result code rc (extended or primary) on db, and
 * return -1.  path names the database as the person gave it; NULL uses
 * SQLite's name of the main database.  what is a noun phrase for the
 * operation ("回答の保存"), used where the cause alone says too little. */
int pia_db_error(pia_err *err, sqlite3 *db, const char *path, int rc, const char *what);

/* The same with the connection's last result code. */
int pia_db_fail(pia_err *err, sqlite3 *db, const char *what);

/* The busy timeout in milliseconds: $PIA_BUSY_TIMEOUT_MS, else 5000. */
int pia_db_busy_ms(void);

/* The one timestamp format of the database: UTC with milliseconds,
 * "2025-01-31T09:00:00.123Z" (sorts as text, julianday() reads it).  SQL
 * writes it through pia_now(), which pia_db_register adds to a connection. */
#define PIA_DB_TIME_LEN 32
void pia_db_now(char buf[PIA_DB_TIME_LEN]);
int pia_db_register(sqlite3 *db);

/* A text column as a new string: "" for NULL, or NULL kept (or_null). */
char *pia_db_text(sqlite3_stmt *s, int col);
char *pia_db_text_or_null(sqlite3_stmt *s, int col);

/* 1 when db has a table of that name, 0 when not, -1 (err filled) when
 * the schema cannot be read: a locked or damaged file is not "an older
 * database without the table". */
int pia_db_has_table(sqlite3 *db, const char *name, pia_err *err);

/* A new doc holding the head of the row s is on: columns template, title,
 * org, created, updated, template_sha (NULL: unknown).  The one reader of
 * a doc's head, for a live assessment and a version alike. */
pia_doc *pia_db_doc_head(sqlite3_stmt *s, long id);

#endif
