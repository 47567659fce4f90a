/*
 * db.c — the one database layer of model/ (db.h, store_internal.h):
 * SQLite errors mapped to messages that name the database and the cause,
 * the one timestamp format, statements prepared once and cached, and
 * nested transactions.
 */
#include "store_internal.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- errors ------------------------------------------------------------ */

/* SQLite says only CANTOPEN when it cannot create -wal/-shm beside the
 * database; a directory we may not write to is the usual reason, and the
 * person needs to hear "read-only", not "I/O error". */
static int dir_readonly(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return access(".", W_OK) != 0;
    char *dir = slash == path ? pia_xstrdup("/") : pia_xstrndup(path, (size_t)(slash - path));
    int ro = access(dir, W_OK) != 0;
    free(dir);
    return ro;
}

int pia_db_busy_ms(void)
{
    const char *ms = getenv("PIA_BUSY_TIMEOUT_MS");
    return ms && atoi(ms) > 0 ? atoi(ms) : 5000;
}

/* The connection's own busy timeout (the message says how long it
 * waited); asked only after the error text is no longer needed. */
static int busy_ms_of(sqlite3 *db)
{
    sqlite3_stmt *s;
    int ms = pia_db_busy_ms();
    if (db && sqlite3_prepare_v2(db, "PRAGMA busy_timeout", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            ms = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return ms;
}

int pia_db_error(pia_err *err, sqlite3 *db, const char *path, int rc, const char *what)
{
    const char *msg = sqlite3_errmsg(db);
    if (!path || !*path)
        path = db ? sqlite3_db_filename(db, "main") : NULL;
    if (!path)
        path = "(データベース)";
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return pia_fail(err, PIA_EBUSY, "%s: データベースがロックされています（%.1f 秒待ちました）。"
                        "ほかの利用者が書き込み中です。入力は保たれています。しばらくして再度お試しください",
                        path, busy_ms_of(db) / 1000.0);
    case SQLITE_FULL:
        return pia_fail(err, PIA_EFULL, "%s: ディスクがいっぱいで書き込めません（%s）", path, what);
    case SQLITE_IOERR: {
        /* A file-size limit or quota surfaces as an I/O error, not FULL. */
        int e = db ? sqlite3_system_errno(db) : 0;
        if (e == ENOSPC || e == EFBIG || e == EDQUOT)
            return pia_fail(err, PIA_EFULL, "%s: ディスクがいっぱいで書き込めません（%s）", path,
                            pia_errno_ja(e));
        return pia_fail(err, PIA_EIO, "%s: %s に失敗しました（%s）", path, what, e ? pia_errno_ja(e) : msg);
    }
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return pia_fail(err, PIA_ERDONLY, "%s: 読み取り専用のため書き込めません（%s）", path, what);
    case SQLITE_NOTADB:
        return pia_fail(err, PIA_ECORRUPT, "%s: pia のデータベースではないか、壊れています（%s）",
                        path, msg);
    case SQLITE_CORRUPT:
        return pia_fail(err, PIA_ECORRUPT, "%s: データベースが壊れています（%s）。ファイルには書き込みません。"
                        "pia backup の控えがあれば pia restore で戻せます", path, msg);
    case SQLITE_CANTOPEN:
        if (dir_readonly(path))
            return pia_fail(err, PIA_ERDONLY, "%s: 読み取り専用のディレクトリにあるため開けません"
                            "（WAL の作業ファイルを作れません）", path);
        return pia_fail(err, PIA_EIO, "%s: 開けません（%s）", path, msg);
    case SQLITE_NOMEM:
        return pia_fail(err, PIA_ENOMEM, "%s: メモリが足りません（%s）", path, what);
    case SQLITE_CONSTRAINT:
        return pia_fail(err, PIA_EINVAL, "%s: %s に失敗しました（%s）", path, what, msg);
    default:
        return pia_fail(err, PIA_EIO, "%s: %s に失敗しました（%s）", path, what, msg);
    }
}

int pia_db_fail(pia_err *err, sqlite3 *db, const char *what)
{
    return pia_db_error(err, db, NULL, sqlite3_extended_errcode(db), what);
}

int pia_store_fail(pia_store *st, pia_err *err, int rc, const char *what)
{
    return pia_db_error(err, st->db, st->path, rc, what);
}

/* ---- timestamps and columns -------------------------------------------- */

void pia_db_now(char buf[PIA_DB_TIME_LEN])
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    size_t n = strftime(buf, PIA_DB_TIME_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, PIA_DB_TIME_LEN - n, ".%03ldZ", ts.tv_nsec / 1000000);
}

static void sql_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    char now[PIA_DB_TIME_LEN];
    pia_db_now(now);
    sqlite3_result_text(ctx, now, -1, SQLITE_TRANSIENT);
}

int pia_db_register(sqlite3 *db)
{
    return sqlite3_create_function(db, "pia_now", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
                                   sql_now, NULL, NULL);
}

int pia_db_has_table(sqlite3 *db, const char *name, pia_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                           -1, &s, NULL) != SQLITE_OK)
        return pia_db_fail(err, db, "表の確認");
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc == SQLITE_ROW;
    return pia_db_error(err, db, NULL, rc, "表の確認");
}

pia_doc *pia_db_doc_head(sqlite3_stmt *s, long id)
{
    pia_doc *d = pia_doc_new((const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
                             (const char *)sqlite3_column_text(s, 2));
    d->id = id;
    d->created = pia_db_text(s, 3);
    d->updated = pia_db_text(s, 4);
    d->template_sha = pia_db_text_or_null(s, 5);
    return d;
}

char *pia_db_text(sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    return pia_xstrdup(t ? (const char *)t : "");
}

char *pia_db_text_or_null(sqlite3_stmt *s, int col)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    return t ? pia_xstrdup((const char *)t) : NULL;
}

/* ---- statements and transactions -------------------------------------- */

sqlite3_stmt *pia_db_query(pia_store *st, int q, pia_err *err)
{
    assert(st && q >= 0 && q < Q_COUNT);
    if (!st->q[q]) {
        int rc = sqlite3_prepare_v3(st->db, pia_store_queries[q], -1, SQLITE_PREPARE_PERSISTENT, &st->q[q], NULL);
        if (rc != SQLITE_OK) {
            pia_store_fail(st, err, rc, "問い合わせの準備");
            return NULL;
        }
    }
    sqlite3_reset(st->q[q]);
    sqlite3_clear_bindings(st->q[q]);
    return st->q[q];
}

/* Prepare a one-off statement (rarely used paths). */
sqlite3_stmt *pia_db_prepare(pia_store *st, const char *sql, pia_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) {
        pia_store_fail(st, err, rc, "問い合わせの準備");
        return NULL;
    }
    return s;
}

void pia_db_bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

/* Step a statement expected to finish (INSERT/UPDATE/DELETE). */
int pia_db_run(pia_store *st, sqlite3_stmt *s, const char *what, pia_err *err)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        pia_store_fail(st, err, rc, what);
        sqlite3_reset(s);
        return -1;
    }
    sqlite3_reset(s);
    return 0;
}

/* Step a statement that reads at most one row.  With the row (1) its
 * columns are readable until the caller resets it; without (0) or on an
 * error (-1, err filled) it is reset here, so no read stays open. */
int pia_db_row(pia_store *st, sqlite3_stmt *s, const char *what, pia_err *err)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        return 1;
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : pia_store_fail(st, err, rc, what);
}

int pia_db_exec(pia_store *st, const char *sql, pia_err *err)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : pia_store_fail(st, err, rc, sql);
}

/* Run one of the cached BEGIN/COMMIT/ROLLBACK statements. */
static int tx_step(pia_store *st, int q, const char *what, pia_err *err)
{
    sqlite3_stmt *s = pia_db_query(st, q, err);
    return s ? pia_db_run(st, s, what, err) : -1;
}

static void rollback(pia_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        tx_step(st, Q_ROLLBACK, "取り消し", NULL);
}

/* BEGIN IMMEDIATE takes the write lock up front, so a second writer waits
 * for the busy timeout here instead of deadlocking on a lock upgrade. */
int pia_db_begin(pia_store *st, pia_err *err)
{
    if (st->depth++ > 0)
        return 0;
    st->failed = 0;
    if (tx_step(st, Q_BEGIN, "書き込みの開始", err)) {
        st->depth = 0;
        return -1;
    }
    return 0;
}

/* End one level; the outermost commits, or rolls back when any level failed. */
int pia_db_end(pia_store *st, int rc, pia_err *err)
{
    assert(st->depth > 0);   /* every end has its begin */
    if (rc)
        st->failed = 1;
    if (--st->depth > 0)
        return rc;
    if (st->failed) {
        rollback(st);
        return -1;
    }
    if (tx_step(st, Q_COMMIT, "書き込みの確定", err)) {
        rollback(st);
        return -1;
    }
    return 0;
}

int pia_store_tx(pia_store *st, int (*fn)(pia_store *, void *), void *ctx, pia_err *err)
{
    assert(st && fn);
    if (pia_db_begin(st, err))
        return -1;
    return pia_db_end(st, fn(st, ctx), err);
}

/* Inside a write transaction the snapshot is that transaction.  Writes
 * inside a snapshot are not what it is for: they join its (deferred)
 * transaction and may fail busy where a write of their own would wait. */
/* A read transaction of our own: BEGIN (deferred), and its end.  A read's
 * COMMIT seldom fails, but when it does the transaction is rolled back so
 * the connection does not keep its old snapshot, and the failure becomes
 * the result if the reads themselves succeeded. */
int pia_db_read_begin(pia_store *st, pia_err *err)
{
    return pia_db_exec(st, "BEGIN", err);
}

int pia_db_read_end(pia_store *st, int rc, pia_err *err)
{
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return rc;
    if (!rc)
        pia_store_fail(st, err, sqlite3_extended_errcode(st->db), "読み込みの終了");
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int pia_store_snapshot(pia_store *st, int (*fn)(pia_store *, void *), void *ctx, pia_err *err)
{
    if (st->depth > 0)
        return fn(st, ctx);
    if (pia_db_read_begin(st, err))
        return -1;
    st->depth++;            /* loads inside join this transaction */
    int rc = fn(st, ctx);
    st->depth--;
    return pia_db_read_end(st, rc, err);
}
