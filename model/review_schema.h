/*
 * review_schema.h — the tables of versions, comments and review states.
 *
 * store.c runs this script as one of its forward migrations, so the tables
 * exist in every database; the modules that use them (version.c,
 * review.c) also apply it on first write, which is harmless (every
 * statement is IF NOT EXISTS) and keeps them working on a database that a
 * read-only open has not migrated.
 */
#ifndef PIA_REVIEW_SCHEMA_H
#define PIA_REVIEW_SCHEMA_H

#include "err.h"

struct sqlite3;

/* One SQL script (several statements). */
extern const char pia_review_schema_sql[];

/* Run the script; fails with the SQLite error class. */
int pia_review_schema_apply(struct sqlite3 *db, pia_err *err);

#endif
