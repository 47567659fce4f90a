/*
 * removal.c — what removing an assessment, a 特定個人情報ファイル or an
 * instance of a repeated group would lose (store.h: pia_store_removal), for
 * the question asked before it and for the audit row that records it.
 * Read-only queries by position, as callers address files and instances.
 */
#include "store.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

#define ANSWERED "(a.value<>'' OR a.detail<>'')"
/* The file's row id, 0 for items answered once per assessment. */
#define FILE_ROW "ifnull((SELECT id FROM file WHERE assessment_id=?1 AND position=?2),0)"

static const char *const SQL_ASSESSMENT =
    "SELECT title, (SELECT count(*) FROM file WHERE assessment_id=?1),"
    " (SELECT count(*) FROM answer a WHERE a.assessment_id=?1 AND " ANSWERED ")"
    " FROM assessment WHERE id=?1";
static const char *const SQL_FILE =
    "SELECT f.name, 0, (SELECT count(*) FROM answer a WHERE a.file_id=f.id AND " ANSWERED ")"
    " FROM file f WHERE f.assessment_id=?1 AND f.position=?2";
static const char *const SQL_INSTANCE =
    "SELECT NULL, 0, (SELECT count(*) FROM answer a WHERE a.instance_id=i.id AND " ANSWERED ")"
    " FROM instance i WHERE i.assessment_id=?1 AND ifnull(i.file_id,0)=" FILE_ROW
    " AND i.group_id=?3 AND i.position=?4";

static int not_found(pia_store *st, long id, int file, const char *group, int inst, pia_err *err)
{
    if (group)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld に %s の %d 番目はありません",
                        pia_store_path(st), id, group, inst);
    if (file)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld に特定個人情報ファイル %d はありません",
                        pia_store_path(st), id, file);
    return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", pia_store_path(st), id);
}

int pia_store_removal(pia_store *st, long id, int file, const char *group, int inst,
                      pia_removal *out, pia_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3 *db = pia_store_db(st);
    sqlite3_stmt *s;
    const char *sql = group ? SQL_INSTANCE : file ? SQL_FILE : SQL_ASSESSMENT;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "件数");
    sqlite3_bind_int64(s, 1, id);
    if (file || group)
        sqlite3_bind_int(s, 2, file);
    if (group) {
        sqlite3_bind_text(s, 3, group, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(s, 4, inst);
    }
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->name = pia_db_text_or_null(s, 0);
        out->files = group || file ? -1 : sqlite3_column_int(s, 1);
        out->answers = sqlite3_column_int(s, 2);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc == SQLITE_DONE)
        return not_found(st, id, file, group, inst, err);
    return pia_db_fail(err, db, "件数");
}

void pia_removal_clear(pia_removal *r)
{
    free(r->name);
    memset(r, 0, sizeof *r);
}
