/*
 * import_notes.c — the import record and its notes (see import_notes.h).
 *
 * The tables are created with IF NOT EXISTS when an import is first
 * stored, so store.c needs no migration for them; reading a database that
 * never had an import finds no table and returns nothing.
 */
#include "import_notes.h"
#include "db.h"

#include <stdlib.h>
#include <string.h>

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS import_source ("
    " assessment INTEGER PRIMARY KEY REFERENCES assessment(id) ON DELETE CASCADE,"
    " source TEXT NOT NULL, format TEXT NOT NULL, edition TEXT NOT NULL,"
    " at TEXT NOT NULL, who TEXT NOT NULL, report TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS import_note ("
    " assessment INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL, kind INTEGER NOT NULL, file INTEGER NOT NULL, inst INTEGER NOT NULL,"
    " item TEXT NOT NULL, place TEXT NOT NULL, text TEXT NOT NULL,"
    " PRIMARY KEY (assessment, seq));";

const char *pia_note_kind_label(pia_note_kind k)
{
    switch (k) {
    case PIA_NOTE_MISSING: return "見つからない";
    case PIA_NOTE_GUESS: return "推定";
    default: return "未配置";
    }
}

static int step_done(sqlite3 *db, sqlite3_stmt *s, const char *what, pia_err *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return pia_db_fail(err, db, what);
    return 0;
}

static int save_head(sqlite3 *db, long id, const pia_import_info *info, const char *who, pia_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "INSERT INTO import_source(assessment,source,format,edition,at,who,report)"
                               " VALUES(?,?,?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "取り込みの記録の書き込み");
    char now[32];
    pia_db_now(now);
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, info->source ? info->source : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, info->format ? info->format : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, info->edition ? info->edition : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, who ? who : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, info->report ? info->report : "", -1, SQLITE_STATIC);
    int rc = step_done(db, s, "取り込みの記録の書き込み", err);
    sqlite3_finalize(s);
    return rc;
}

int pia_import_notes_save(pia_store *st, long id, const pia_import_info *info, pia_err *err)
{
    sqlite3 *db = pia_store_db(st);
    if (sqlite3_exec(db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "取り込みの記録用の表の作成");
    if (save_head(db, id, info, pia_store_user(st), err))
        return -1;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "INSERT INTO import_note(assessment,seq,kind,file,inst,item,place,text)"
                               " VALUES(?,?,?,?,?,?,?,?)", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "取り込みのメモの書き込み");
    int rc = 0;
    for (int i = 0; i < info->nnotes && !rc; i++) {
        const pia_import_note *n = &info->notes[i];
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int(s, 2, i + 1);
        sqlite3_bind_int(s, 3, (int)n->kind);
        sqlite3_bind_int(s, 4, n->file);
        sqlite3_bind_int(s, 5, n->inst);
        sqlite3_bind_text(s, 6, n->item ? n->item : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 7, n->place ? n->place : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 8, n->text ? n->text : "", -1, SQLITE_STATIC);
        rc = step_done(db, s, "取り込みのメモの書き込み", err);
    }
    sqlite3_finalize(s);
    return rc;
}

static int has_tables(sqlite3 *db)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type='table'"
                               " AND name IN ('import_source','import_note')", -1, &s, NULL) != SQLITE_OK)
        return 0;
    int n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return n == 2;
}

static int load_notes(sqlite3 *db, long id, pia_import_info *info, pia_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT kind,file,inst,item,place,text FROM import_note"
                               " WHERE assessment=? ORDER BY seq", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "取り込みのメモの読み込み");
    sqlite3_bind_int64(s, 1, id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        info->notes = pia_xrealloc(info->notes, (size_t)(info->nnotes + 1) * sizeof *info->notes);
        pia_import_note *n = &info->notes[info->nnotes++];
        n->kind = (pia_note_kind)sqlite3_column_int(s, 0);
        n->file = sqlite3_column_int(s, 1);
        n->inst = sqlite3_column_int(s, 2);
        n->item = pia_db_text(s, 3);
        n->place = pia_db_text(s, 4);
        n->text = pia_db_text(s, 5);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : pia_db_fail(err, db, "取り込みのメモの読み込み");
}

int pia_import_notes_load(pia_store *st, long id, pia_import_info **out, pia_err *err)
{
    *out = NULL;
    sqlite3 *db = pia_store_db(st);
    if (!has_tables(db))
        return 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT source,format,edition,at,who,report FROM import_source"
                               " WHERE assessment=?", -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "取り込みの記録の読み込み");
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(s);
        return rc == SQLITE_DONE ? 0 : pia_db_fail(err, db, "取り込みの記録の読み込み");
    }
    pia_import_info *info = pia_xcalloc(1, sizeof *info);
    info->source = pia_db_text(s, 0);
    info->format = pia_db_text(s, 1);
    info->edition = pia_db_text(s, 2);
    info->at = pia_db_text(s, 3);
    info->who = pia_db_text(s, 4);
    info->report = pia_db_text(s, 5);
    sqlite3_finalize(s);
    if (load_notes(db, id, info, err)) {
        pia_import_info_free(info);
        return -1;
    }
    *out = info;
    return 0;
}

void pia_import_info_free(pia_import_info *info)
{
    if (!info)
        return;
    for (int i = 0; i < info->nnotes; i++) {
        free(info->notes[i].item);
        free(info->notes[i].place);
        free(info->notes[i].text);
    }
    free(info->notes);
    free(info->source);
    free(info->format);
    free(info->edition);
    free(info->at);
    free(info->who);
    free(info->report);
    free(info);
}
