/*
 * db.c — the database layer of the store: SQLite errors mapped to
 * messages that name the database and the cause, statements prepared once
 * and cached, and nested transactions (store_internal.h).
 */
#include "store_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
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

int pia_store_fail(pia_store *st, pia_err *err, int rc, const char *what)
{
    const char *msg = sqlite3_errmsg(st->db);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return pia_fail(err, PIA_EBUSY, "%s: データベースがロックされています（%.1f 秒待ちました）。"
                        "ほかの利用者が書き込み中です。入力は保たれています。しばらくして再度お試しください",
                        st->path, st->busy_ms / 1000.0);
    case SQLITE_FULL:
        return pia_fail(err, PIA_EFULL, "%s: ディスクがいっぱいで書き込めません（%s）", st->path, what);
    case SQLITE_IOERR: {
        /* A file-size limit or quota surfaces as an I/O error, not FULL. */
        int e = sqlite3_system_errno(st->db);
        if (e == ENOSPC || e == EFBIG || e == EDQUOT)
            return pia_fail(err, PIA_EFULL, "%s: ディスクがいっぱいで書き込めません（%s）", st->path,
                            strerror(e));
        return pia_fail(err, PIA_EIO, "%s: %s に失敗しました（%s）", st->path, what, msg);
    }
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return pia_fail(err, PIA_ERDONLY, "%s: 読み取り専用のため書き込めません（%s）", st->path, what);
    case SQLITE_NOTADB:
        return pia_fail(err, PIA_ECORRUPT, "%s: pia のデータベースではないか、壊れています（%s）",
                        st->path, msg);
    case SQLITE_CORRUPT:
        return pia_fail(err, PIA_ECORRUPT, "%s: データベースが壊れています（%s）。ファイルには書き込みません。"
                        "pia backup の控えがあれば pia restore で戻せます", st->path, msg);
    case SQLITE_CANTOPEN:
        if (dir_readonly(st->path))
            return pia_fail(err, PIA_ERDONLY, "%s: 読み取り専用のディレクトリにあるため開けません"
                            "（WAL の作業ファイルを作れません）", st->path);
        return pia_fail(err, PIA_EIO, "%s: 開けません（%s）", st->path, msg);
    default:
        return pia_fail(err, PIA_EIO, "%s: %s に失敗しました（%s）", st->path, what, msg);
    }
}

/* ---- statements and transactions -------------------------------------- */

sqlite3_stmt *pia_db_query(pia_store *st, int q, pia_err *err)
{
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
    if (pia_db_begin(st, err))
        return -1;
    return pia_db_end(st, fn(st, ctx), err);
}

/* Inside a write transaction the snapshot is that transaction.  Writes
 * inside a snapshot are not what it is for: they join its (deferred)
 * transaction and may fail busy where a write of their own would wait. */
int pia_store_snapshot(pia_store *st, int (*fn)(pia_store *, void *), void *ctx, pia_err *err)
{
    if (st->depth > 0)
        return fn(st, ctx);
    if (pia_db_exec(st, "BEGIN", err))
        return -1;
    st->depth++;            /* loads inside join this transaction */
    int rc = fn(st, ctx);
    st->depth--;
    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}
