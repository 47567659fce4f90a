/*
 * yearly_review.c — recording and reading yearly reviews (see
 * yearly_review.h).  The row and its audit row are written in one
 * transaction, so neither exists without the other.
 */
#include "yearly_review.h"
#include "db.h"
#include "due_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rec {
    long id;
    pia_date day;
    const char *note;
    pia_err *err;
} rec;

static int last_day(sqlite3 *db, long id, int *have, pia_date *day, pia_err *err)
{
    *have = 0;
    if (!pia_due_schema_present(db))
        return 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT max(day) FROM yearly_review WHERE assessment = ?", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "見直しの記録の読み込み");
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    const unsigned char *t = rc == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
    if (t && sscanf((const char *)t, "%d-%d-%d", &day->y, &day->m, &day->d) == 3)
        *have = 1;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : pia_db_fail(err, db, "見直しの記録の読み込み");
}

static int insert(pia_store *st, const rec *r)
{
    sqlite3 *db = pia_store_db(st);
    char now[32], day[16];
    pia_db_now(now);
    pia_date_iso(r->day, day);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "INSERT INTO yearly_review (assessment, day, who, at, note)"
                           " VALUES (?, ?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(r->err, db, "見直しの記録");
    sqlite3_bind_int64(s, 1, r->id);
    sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, pia_store_user(st), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, r->note ? r->note : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : pia_db_fail(r->err, db, "見直しの記録");
}

static int record_tx(pia_store *st, void *ctx)
{
    rec *r = ctx;
    int had = 0;
    pia_date prev;
    char old[16], day[16];
    /* The audit row first: it also fails cleanly when id does not exist,
     * before the foreign key would with a less helpful message. */
    if (pia_due_schema_apply(pia_store_db(st), r->err) || last_day(pia_store_db(st), r->id, &had, &prev, r->err))
        return -1;
    if (had)
        pia_date_iso(prev, old);
    pia_date_iso(r->day, day);
    char *new = r->note && *r->note ? pia_xasprintf("%s（%s）", day, r->note) : pia_xstrdup(day);
    int rc = pia_store_audit_add(st, r->id, "reviewed", NULL, had ? old : NULL, new, r->err);
    free(new);
    return rc ? rc : insert(st, r);
}

int pia_yearly_record(pia_store *st, long id, pia_date day, const char *note, pia_err *err)
{
    char iso[16], today[16];
    pia_date now = pia_date_today();
    if (!pia_date_valid(day.y, day.m, day.d))
        return pia_fail(err, PIA_EINVAL, "見直しの日付が正しくありません");
    if (pia_date_cmp(day, now) > 0) {
        pia_date_iso(day, iso);
        pia_date_iso(now, today);
        return pia_fail(err, PIA_EINVAL, "見直しの日付 %s は今日（%s）より後です", iso, today);
    }
    rec r = { id, day, note, err };
    return pia_store_tx(st, record_tx, &r, err);
}

int pia_yearly_last(pia_store *st, long id, int *have, pia_date *day, pia_err *err)
{
    return last_day(pia_store_db(st), id, have, day, err);
}
