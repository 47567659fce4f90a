/*
 * due_schema.h — the table of yearly reviews (`pia reviewed`).
 *
 * Not one of store.c's migrations: the table is created on the first
 * review recorded (every statement is IF NOT EXISTS), and a database
 * without it reads as one where no review was ever recorded.  Older pia
 * versions ignore the table; deleting an assessment deletes its reviews
 * (the foreign key cascades).
 */
#ifndef PIA_DUE_SCHEMA_H
#define PIA_DUE_SCHEMA_H

#include "err.h"

struct sqlite3;

extern const char pia_due_schema_sql[];

/* Create the table if missing. */
int pia_due_schema_apply(struct sqlite3 *db, pia_err *err);
/* Whether the table exists (0 on a database never given a review). */
int pia_due_schema_present(struct sqlite3 *db);

#endif
