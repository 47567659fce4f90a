/*
 * exists.c — one row looked up by its key: opening a big assessment must
 * not read its answers twice (see exists.h).
 */
#include "exists.h"
#include "dbutil.h"

int pia_store_exists(pia_store *st, long id, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM assessment WHERE id=?", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "評価書の確認");
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s);
    int rc = step == SQLITE_ROW ? 0
           : step == SQLITE_DONE ? pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", pia_store_path(st), id)
           : pia_db_fail(err, db, "評価書の確認");
    sqlite3_finalize(s);
    return rc;
}
