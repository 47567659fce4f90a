/*
 * due_schema.c — the table of yearly reviews (see due_schema.h).
 *
 * One row per review: the day it was done (stored as ISO, whether it was
 * typed in 和暦 or ISO), who recorded it and when, and a note.
 * Rows are only ever added; the audit trail has a row for each as well.
 */
#include "due_schema.h"
#include "db.h"

const char pia_due_schema_sql[] =
    "CREATE TABLE IF NOT EXISTS yearly_review ("
    " id INTEGER PRIMARY KEY,"
    " assessment INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),"
    " who TEXT NOT NULL, at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX IF NOT EXISTS yearly_review_by_assessment ON yearly_review (assessment, day);";

int pia_due_schema_apply(sqlite3 *db, pia_err *err)
{
    if (sqlite3_exec(db, pia_due_schema_sql, NULL, NULL, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "見直しの記録の表の作成");
    return 0;
}

int pia_due_schema_present(sqlite3 *db)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
                           " AND name = 'yearly_review'", -1, &s, NULL) != SQLITE_OK)
        return 0;
    int yes = sqlite3_step(s) == SQLITE_ROW;
    sqlite3_finalize(s);
    return yes;
}
