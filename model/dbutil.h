/*
 * dbutil.h — small SQLite helpers shared by the modules that keep their
 * own tables beside the store's (versions, comments, 別添3 rows):
 * translating SQLite result codes into pia errors, the current time as
 * the store writes it, and column reads that never return NULL.
 * Internal to model/.
 */
#ifndef PIA_DBUTIL_H
#define PIA_DBUTIL_H

#include "err.h"

#include <sqlite3.h>
#include <time.h>

/* Fail with a class matching the SQLite error (busy, full, read-only…). */
static inline int pia_db_fail(pia_err *err, sqlite3 *db, const char *what)
{
    int rc = sqlite3_extended_errcode(db);
    pia_errcode code = PIA_EIO;
    switch (rc & 0xff) {
    case SQLITE_BUSY: case SQLITE_LOCKED: code = PIA_EBUSY; break;
    case SQLITE_FULL: code = PIA_EFULL; break;
    case SQLITE_READONLY: case SQLITE_PERM: code = PIA_ERDONLY; break;
    case SQLITE_CORRUPT: case SQLITE_NOTADB: code = PIA_ECORRUPT; break;
    case SQLITE_NOMEM: code = PIA_ENOMEM; break;
    case SQLITE_CONSTRAINT: code = PIA_EINVAL; break;
    default: break;
    }
    return pia_fail(err, code, "%s: %s: %s", sqlite3_db_filename(db, "main"), what,
                    sqlite3_errmsg(db));
}

/* ISO 8601 UTC, second precision: "2025-01-31T09:00:00Z". */
static inline void pia_db_now(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static inline char *pia_db_text(sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    return pia_xstrdup(t ? (const char *)t : "");
}

/* NULL stays NULL (optional columns). */
static inline char *pia_db_text_or_null(sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    return t ? pia_xstrdup((const char *)t) : NULL;
}

#endif
