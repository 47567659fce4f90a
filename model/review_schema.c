/*
 * review_schema.c — the tables of versions, comments and review states
 * (see review_schema.h).
 *
 * Versions: a head row per version, then its files, instance counts and
 * answers.  A version is written unsealed and sealed in the same
 * transaction; from then on triggers refuse any update, insert or delete
 * below it.  The head row itself can only go when its assessment goes
 * (ON DELETE CASCADE runs after the assessment row is gone, so the
 * trigger lets it through).  Only `submitted` stays writable: it is a fact
 * about the version, not part of its content.
 */
#include "review_schema.h"
#include "db.h"

#define FROZEN_ROWS(T) \
    "CREATE TRIGGER IF NOT EXISTS " T "_no_update BEFORE UPDATE ON " T \
    " WHEN (SELECT sealed FROM version WHERE assessment = OLD.assessment AND n = OLD.n) = 1" \
    " BEGIN SELECT RAISE(ABORT, '版は変更できません'); END;" \
    "CREATE TRIGGER IF NOT EXISTS " T "_no_insert BEFORE INSERT ON " T \
    " WHEN (SELECT sealed FROM version WHERE assessment = NEW.assessment AND n = NEW.n) = 1" \
    " BEGIN SELECT RAISE(ABORT, '版は変更できません'); END;" \
    "CREATE TRIGGER IF NOT EXISTS " T "_no_delete BEFORE DELETE ON " T \
    " WHEN (SELECT sealed FROM version WHERE assessment = OLD.assessment AND n = OLD.n) = 1" \
    " BEGIN SELECT RAISE(ABORT, '版は変更できません'); END;"

const char pia_review_schema_sql[] =
    "CREATE TABLE IF NOT EXISTS version ("
    " assessment INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " n INTEGER NOT NULL, label TEXT NOT NULL,"
    " created TEXT NOT NULL, created_by TEXT NOT NULL, template TEXT NOT NULL,"
    " title TEXT NOT NULL, org TEXT NOT NULL,"
    " submitted INTEGER NOT NULL DEFAULT 0, sealed INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (assessment, n), UNIQUE (assessment, label));"
    "CREATE TABLE IF NOT EXISTS version_file ("
    " assessment INTEGER NOT NULL, n INTEGER NOT NULL, pos INTEGER NOT NULL, name TEXT NOT NULL,"
    " PRIMARY KEY (assessment, n, pos),"
    " FOREIGN KEY (assessment, n) REFERENCES version (assessment, n) ON DELETE CASCADE);"
    "CREATE TABLE IF NOT EXISTS version_count ("
    " assessment INTEGER NOT NULL, n INTEGER NOT NULL, file INTEGER NOT NULL,"
    " grp TEXT NOT NULL, count INTEGER NOT NULL,"
    " PRIMARY KEY (assessment, n, file, grp),"
    " FOREIGN KEY (assessment, n) REFERENCES version (assessment, n) ON DELETE CASCADE);"
    "CREATE TABLE IF NOT EXISTS version_answer ("
    " assessment INTEGER NOT NULL, n INTEGER NOT NULL, file INTEGER NOT NULL,"
    " inst INTEGER NOT NULL, item TEXT NOT NULL, value TEXT NOT NULL, detail TEXT NOT NULL,"
    " updated TEXT, updated_by TEXT,"
    " PRIMARY KEY (assessment, n, file, inst, item),"
    " FOREIGN KEY (assessment, n) REFERENCES version (assessment, n) ON DELETE CASCADE"
    ") WITHOUT ROWID;"
    "CREATE TRIGGER IF NOT EXISTS version_frozen BEFORE UPDATE OF"
    " assessment, n, label, created, created_by, template, title, org, sealed ON version"
    " WHEN OLD.sealed = 1"
    " BEGIN SELECT RAISE(ABORT, '版は変更できません'); END;"
    "CREATE TRIGGER IF NOT EXISTS version_kept BEFORE DELETE ON version"
    " WHEN OLD.sealed = 1 AND EXISTS (SELECT 1 FROM assessment WHERE id = OLD.assessment)"
    " BEGIN SELECT RAISE(ABORT, '版は削除できません'); END;"
    FROZEN_ROWS("version_file")
    FROZEN_ROWS("version_count")
    FROZEN_ROWS("version_answer")
    "CREATE TABLE IF NOT EXISTS review_comment ("
    " id INTEGER PRIMARY KEY,"
    " assessment INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " file INTEGER NOT NULL DEFAULT 0, inst INTEGER NOT NULL DEFAULT 0,"
    " item TEXT NOT NULL DEFAULT '', author TEXT NOT NULL, at TEXT NOT NULL,"
    " text TEXT NOT NULL, resolved INTEGER NOT NULL DEFAULT 0,"
    " resolved_by TEXT, resolved_at TEXT);"
    "CREATE INDEX IF NOT EXISTS review_comment_by_assessment ON review_comment (assessment);"
    "CREATE TABLE IF NOT EXISTS review_state ("
    " assessment INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " section TEXT NOT NULL, state INTEGER NOT NULL,"
    " who TEXT NOT NULL, at TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY (assessment, section));";

int pia_review_schema_apply(sqlite3 *db, pia_err *err)
{
    if (sqlite3_exec(db, pia_review_schema_sql, NULL, NULL, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "版・確認用の表の作成");
    return 0;
}
