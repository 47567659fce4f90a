/*
 * store.c — the SQLite store (see store.h).
 *
 * Schema (user_version 4; tables of versions and review: review_schema.c):
 *   assessment(id, template, title, org, created, updated, answered,
 *              template_sha)
 *   file(id, assessment_id, position, name, updated)          1-based positions
 *   instance(id, assessment_id, file_id|NULL, group_id, position)
 *   answer(id, assessment_id, file_id|NULL, instance_id|NULL, item, value,
 *          detail, updated, updated_by, rev)
 *   audit(seq, assessment_id, at, who, action, file, inst, item, old, new,
 *         last_at)
 *
 * Callers address files and instances by position; rows carry ids, so
 * renumbering after a removal moves every answer along with its row.  A
 * cleared answer keeps its row with empty text and a higher revision, so
 * conflict detection never mistakes "cleared and set again" for "unchanged".
 * The audit table has no foreign key on purpose: the trail outlives what it
 * records.  Its old/new hold an answer's value with the detail appended as
 * "value（detail）" when there is one; file.move keeps the new position in
 * inst.  Saves of one item by one person in a row, each within
 * AUDIT_MERGE_MINUTES of the last, make one row: old from the first, new
 * and last_at from the latest.  The editor saves every second while
 * someone types, and a row per save would store a long answer thousands of
 * times an hour; the trail still says who changed what, from what to what,
 * and when.  A file is ours when application_id is PIA_APPLICATION_ID and, once
 * user_version >= 1, the five tables above exist.  `answered` is kept in step with the answers so that listing ten
 * thousand assessments needs no scan of their answers.  `template_sha` is
 * the SHA-256 of the template the answers were last written with (at
 * creation, and on every write by a caller that said which form it uses:
 * pia_store_writing_with), so that opening the assessment with another
 * template can say so.
 */
#include "store.h"
#include "review_schema.h"   /* migration 2: versions, comments, review states */
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PIA_APPLICATION_ID 0x50494131   /* "PIA1" */
#define SCHEMA_VERSION 4
#define AUDIT_MERGE_MINUTES 10
#define NOW "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

enum {
    Q_FILE_ID, Q_INST_ID, Q_INST_MAX, Q_INST_INSERT, Q_ANSWER_GET, Q_ANSWER_INSERT,
    Q_ANSWER_UPDATE, Q_AUDIT, Q_AUDIT_LAST, Q_AUDIT_EXTEND, Q_TOUCH, Q_ANSWERED, Q_BEGIN, Q_COMMIT, Q_ROLLBACK,
    Q_LOAD_HEAD, Q_LOAD_HEAD_V3, Q_LOAD_FILES, Q_LOAD_INSTANCES, Q_LOAD_ANSWERS, Q_COUNT
};

struct pia_store {
    sqlite3 *db;
    char *path;
    char *who;
    int depth;        /* transaction nesting */
    int failed;       /* an inner step failed: the outermost level rolls back */
    int busy_ms;
    int version;      /* user_version: an older file opened read-only stays old */
    char writing_with[65]; /* SHA-256 of the caller's template, "" when not said */
    sqlite3_stmt *q[Q_COUNT];
    pia_form *form;   /* template of the last assessment that needed one */
};

static const char *const QUERIES[Q_COUNT] = {
    [Q_FILE_ID] = "SELECT id FROM file WHERE assessment_id=? AND position=?",
    [Q_INST_ID] = "SELECT id FROM instance WHERE assessment_id=? AND ifnull(file_id,0)=? "
                  "AND group_id=? AND position=?",
    [Q_INST_MAX] = "SELECT ifnull(max(position),0) FROM instance WHERE assessment_id=? "
                   "AND ifnull(file_id,0)=? AND group_id=?",
    [Q_INST_INSERT] = "INSERT INTO instance(assessment_id,file_id,group_id,position) "
                      "VALUES(?,nullif(?,0),?,?)",
    [Q_ANSWER_GET] = "SELECT id,value,detail,rev,updated,updated_by FROM answer WHERE assessment_id=? "
                     "AND ifnull(file_id,0)=? AND ifnull(instance_id,0)=? AND item=?",
    [Q_ANSWER_INSERT] = "INSERT INTO answer(assessment_id,file_id,instance_id,item,value,detail,"
                        "updated,updated_by,rev) VALUES(?,nullif(?,0),nullif(?,0),?,?,?," NOW ",?,?)",
    [Q_ANSWER_UPDATE] = "UPDATE answer SET value=?,detail=?,updated=" NOW ",updated_by=?,rev=? WHERE id=?",
    [Q_AUDIT] = "INSERT INTO audit(assessment_id,at,who,action,file,inst,item,old,new) "
                "VALUES(?," NOW ",?,?,?,?,?,?,?)",
    /* The assessment's latest row, if it is a save of this item by this
     * person recent enough to be extended. */
    [Q_AUDIT_LAST] = "SELECT seq FROM audit WHERE seq=(SELECT max(seq) FROM audit WHERE assessment_id=?1) "
                     "AND who=?2 AND action='set' AND ifnull(file,0)=?3 AND ifnull(inst,0)=?4 AND item=?5 "
                     "AND julianday('now') - julianday(ifnull(last_at,at)) < ?6 / 1440.0",
    [Q_AUDIT_EXTEND] = "UPDATE audit SET new=?, last_at=" NOW " WHERE seq=?",
    [Q_TOUCH] = "UPDATE assessment SET updated=" NOW ", template_sha=coalesce(?2, template_sha) WHERE id=?1",
    [Q_ANSWERED] = "UPDATE assessment SET answered=answered+? WHERE id=?",
    /* Every write is a transaction; pia_store_set runs on each debounced
     * keystroke, so even these are prepared once. */
    [Q_BEGIN] = "BEGIN IMMEDIATE",
    [Q_COMMIT] = "COMMIT",
    [Q_ROLLBACK] = "ROLLBACK",
    /* Loading a whole assessment: a bundle loads thousands in a row. */
    [Q_LOAD_HEAD] = "SELECT template,title,org,created,updated,template_sha FROM assessment WHERE id=?",
    [Q_LOAD_HEAD_V3] = "SELECT template,title,org,created,updated,NULL FROM assessment WHERE id=?",
    [Q_LOAD_FILES] = "SELECT name, updated FROM file WHERE assessment_id=? ORDER BY position",
    [Q_LOAD_INSTANCES] = "SELECT ifnull(f.position,0), i.group_id, max(i.position) "
                         "FROM instance i LEFT JOIN file f ON f.id=i.file_id "
                         "WHERE i.assessment_id=? GROUP BY 1, 2",
    [Q_LOAD_ANSWERS] = "SELECT ifnull(f.position,0), ifnull(i.position,0), a.item, a.value, a.detail, a.updated,"
                       " a.updated_by, a.rev FROM answer a LEFT JOIN file f ON f.id=a.file_id"
                       " LEFT JOIN instance i ON i.id=a.instance_id"
                       " WHERE a.assessment_id=? AND (a.value<>'' OR a.detail<>'')",
};

/* Forward migrations: step i brings user_version from i to i+1. */
static const char *const MIGRATIONS[] = {
    "CREATE TABLE assessment("
    " id INTEGER PRIMARY KEY, template TEXT NOT NULL, title TEXT NOT NULL,"
    " org TEXT NOT NULL DEFAULT '', created TEXT NOT NULL, updated TEXT NOT NULL,"
    " answered INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX assessment_by_update ON assessment(updated);"
    "CREATE TABLE file("
    " id INTEGER PRIMARY KEY,"
    " assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL, name TEXT NOT NULL, updated TEXT);"
    "CREATE INDEX file_by_assessment ON file(assessment_id, position);"
    "CREATE TABLE instance("
    " id INTEGER PRIMARY KEY,"
    " assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " file_id INTEGER REFERENCES file(id) ON DELETE CASCADE,"
    " group_id TEXT NOT NULL, position INTEGER NOT NULL);"
    "CREATE INDEX instance_by_group ON instance(assessment_id, ifnull(file_id,0), group_id, position);"
    "CREATE TABLE answer("
    " id INTEGER PRIMARY KEY,"
    " assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,"
    " file_id INTEGER REFERENCES file(id) ON DELETE CASCADE,"
    " instance_id INTEGER REFERENCES instance(id) ON DELETE CASCADE,"
    " item TEXT NOT NULL, value TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',"
    " updated TEXT NOT NULL, updated_by TEXT NOT NULL, rev INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX answer_key ON answer(assessment_id, ifnull(file_id,0), ifnull(instance_id,0), item);"
    "CREATE INDEX answer_by_file ON answer(file_id);"
    "CREATE INDEX answer_by_instance ON answer(instance_id);"
    "CREATE INDEX instance_by_file ON instance(file_id);"
    "CREATE TABLE audit("
    " seq INTEGER PRIMARY KEY, assessment_id INTEGER NOT NULL, at TEXT NOT NULL,"
    " who TEXT NOT NULL, action TEXT NOT NULL, file INTEGER, inst INTEGER,"
    " item TEXT, old TEXT, new TEXT);"
    "CREATE INDEX audit_by_assessment ON audit(assessment_id, seq);",
    /* 1 -> 2: versions, reviewers' comments and section states (review_schema.c). */
    pia_review_schema_sql,
    /* 2 -> 3: consecutive saves of one item share an audit row. */
    "ALTER TABLE audit ADD COLUMN last_at TEXT;",
    /* 3 -> 4: the template the answers were written with (its SHA-256). */
    "ALTER TABLE assessment ADD COLUMN template_sha TEXT;",
};
#define NMIGRATIONS ((int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0]))

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

static int db_fail(pia_store *st, pia_err *err, int rc, const char *what)
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

static sqlite3_stmt *query(pia_store *st, int q, pia_err *err)
{
    if (!st->q[q]) {
        int rc = sqlite3_prepare_v3(st->db, QUERIES[q], -1, SQLITE_PREPARE_PERSISTENT, &st->q[q], NULL);
        if (rc != SQLITE_OK) {
            db_fail(st, err, rc, "問い合わせの準備");
            return NULL;
        }
    }
    sqlite3_reset(st->q[q]);
    sqlite3_clear_bindings(st->q[q]);
    return st->q[q];
}

/* Prepare a one-off statement (rarely used paths). */
static sqlite3_stmt *prepare(pia_store *st, const char *sql, pia_err *err)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) {
        db_fail(st, err, rc, "問い合わせの準備");
        return NULL;
    }
    return s;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

/* Step a statement expected to finish (INSERT/UPDATE/DELETE). */
static int run(pia_store *st, sqlite3_stmt *s, const char *what, pia_err *err)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        db_fail(st, err, rc, what);
        sqlite3_reset(s);
        return -1;
    }
    sqlite3_reset(s);
    return 0;
}

static int exec(pia_store *st, const char *sql, pia_err *err)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : db_fail(st, err, rc, sql);
}

/* Run one of the cached BEGIN/COMMIT/ROLLBACK statements. */
static int tx_step(pia_store *st, int q, const char *what, pia_err *err)
{
    sqlite3_stmt *s = query(st, q, err);
    return s ? run(st, s, what, err) : -1;
}

static void rollback(pia_store *st)
{
    if (!sqlite3_get_autocommit(st->db))
        tx_step(st, Q_ROLLBACK, "取り消し", NULL);
}

/* BEGIN IMMEDIATE takes the write lock up front, so a second writer waits
 * for the busy timeout here instead of deadlocking on a lock upgrade. */
static int tx_begin(pia_store *st, pia_err *err)
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
static int tx_end(pia_store *st, int rc, pia_err *err)
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
    if (tx_begin(st, err))
        return -1;
    return tx_end(st, fn(st, ctx), err);
}

/* Inside a write transaction the snapshot is that transaction.  Writes
 * inside a snapshot are not what it is for: they join its (deferred)
 * transaction and may fail busy where a write of their own would wait. */
int pia_store_snapshot(pia_store *st, int (*fn)(pia_store *, void *), void *ctx, pia_err *err)
{
    if (st->depth > 0)
        return fn(st, ctx);
    if (exec(st, "BEGIN", err))
        return -1;
    st->depth++;            /* loads inside join this transaction */
    int rc = fn(st, ctx);
    st->depth--;
    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

/* ---- opening ----------------------------------------------------------- */

static char *login_name(void)
{
    const char *env = getenv("PIA_USER");
    if (env && *env)
        return pia_xstrdup(env);
    struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_name)
        return pia_xstrdup(pw->pw_name);
    return pia_xasprintf("uid %ld", (long)getuid());
}

/* SQLite would happily treat any file as an empty database on first write;
 * check the header so a wrong --db is refused before anything happens. */
static int check_header(const char *path, pia_err *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char head[16] = { 0 };
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n == 0)
        return 0;
    if (n < 16 || memcmp(head, "SQLite format 3", 16) != 0)
        return pia_fail(err, PIA_ECORRUPT, "%s: SQLite のデータベースではありません（pia のファイルか確認してください）", path);
    return 0;
}

static int create_file(const char *path, pia_err *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        close(fd);
        return 0;
    }
    if (errno == EEXIST)
        return 0;
    pia_errcode code = (errno == EACCES || errno == EROFS || errno == EPERM) ? PIA_ERDONLY
                     : errno == ENOSPC ? PIA_EFULL : PIA_EIO;
    return pia_fail(err, code, "%s: データベースを作成できません（%s）", path, strerror(errno));
}

static int pragma_int(pia_store *st, const char *sql, int *out, pia_err *err)
{
    sqlite3_stmt *s = prepare(st, sql, err);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(st, err, rc, sql);
}

/* Ours (application_id), not newer than this build, and with the tables
 * its version promises.  Only reads: a refused file is left as it was. */
static int check_identity(pia_store *st, int version, pia_err *err)
{
    int app = 0, tables = 0, ours = 0;
    if (pragma_int(st, "PRAGMA application_id", &app, err) ||
        pragma_int(st, "SELECT count(*) FROM sqlite_master", &tables, err))
        return -1;
    if ((version > 0 || tables > 0) && app != PIA_APPLICATION_ID)
        return pia_fail(err, PIA_ECORRUPT, "%s: pia のデータベースではありません（別のアプリケーションの SQLite ファイルです）", st->path);
    if (version > SCHEMA_VERSION)
        return pia_fail(err, PIA_ENEWER, "%s: 新しい版の pia で作られたデータベースです（形式 %d、この pia は %d まで）。"
                        "pia を更新してください。データには手を付けていません", st->path, version, SCHEMA_VERSION);
    if (version < 1)
        return 0;
    if (pragma_int(st, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                       "('assessment','file','instance','answer','audit')", &ours, err))
        return -1;
    if (ours != 5)
        return pia_fail(err, PIA_ECORRUPT, "%s: pia のデータベースが壊れています（形式 %d の表がそろっていません）",
                        st->path, version);
    return 0;
}

static int migrate(pia_store *st, int version, pia_err *err)
{
    if (version == SCHEMA_VERSION)
        return 0;
    if (tx_begin(st, err))
        return -1;
    int rc = 0;
    for (int v = version; v < SCHEMA_VERSION && !rc; v++)
        rc = exec(st, MIGRATIONS[v], err);
    if (!rc) {
        char sql[96];
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
                 PIA_APPLICATION_ID, SCHEMA_VERSION);
        rc = exec(st, sql, err);
    }
    if (!rc)
        st->version = SCHEMA_VERSION;
    return tx_end(st, rc, err);
}

static int configure(pia_store *st, int flags, pia_err *err)
{
    const char *ms = getenv("PIA_BUSY_TIMEOUT_MS");
    st->busy_ms = ms && atoi(ms) > 0 ? atoi(ms) : 5000;
    sqlite3_busy_timeout(st->db, st->busy_ms);
    sqlite3_extended_result_codes(st->db, 1);
    if (exec(st, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA synchronous=FULL", err))
        return -1;
    int version = 0;
    if (pragma_int(st, "PRAGMA user_version", &version, err) || check_identity(st, version, err))
        return -1;
    st->version = version;
    if (flags & PIA_STORE_READONLY) {
        /* An older schema is readable (what it lacks reads as absent);
         * only an empty file is not a pia database. */
        if (version < 1)
            return pia_fail(err, PIA_ECORRUPT, "%s: pia のデータベースではありません（空のファイルです）", st->path);
        return 0;
    }
    if (exec(st, "PRAGMA journal_mode=WAL", err))
        return -1;
    return migrate(st, version, err);
}

/* "file:PATH?immutable=1": a database on a read-only directory or medium
 * can still be read although SQLite cannot create its WAL files there. */
static char *immutable_uri(const char *path)
{
    char *uri = pia_xmalloc(strlen(path) * 3 + 32), *o = uri;
    o += sprintf(o, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        o += (*p == '%' || *p == '?' || *p == '#') ? sprintf(o, "%%%02X", *p) : sprintf(o, "%c", *p);
    sprintf(o, "?immutable=1");
    return uri;
}

static int open_db(pia_store *st, const char *name, int oflags, int flags, pia_err *err)
{
    int rc = sqlite3_open_v2(name, &st->db, oflags | SQLITE_OPEN_FULLMUTEX, NULL);
    if (rc != SQLITE_OK)
        return db_fail(st, err, rc, "開く");
    return configure(st, flags, err);
}

int pia_store_open(const char *path, int flags, pia_store **out, pia_err *err)
{
    *out = NULL;
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (!exists && (flags & (PIA_STORE_READONLY | PIA_STORE_NOCREATE)))
        return pia_fail(err, PIA_ENOTFOUND, "%s: データベースがありません", path);
    if (exists && S_ISDIR(sb.st_mode))
        return pia_fail(err, PIA_EINVAL, "%s: ディレクトリです（データベースのファイル名を指定してください）", path);
    if (exists && !S_ISREG(sb.st_mode))
        return pia_fail(err, PIA_EINVAL, "%s: 通常のファイルではありません（FIFO・デバイスなど）。"
                        "データベースのファイルを指定してください", path);
    if (check_header(path, err) || (!exists && create_file(path, err)))
        return -1;
    pia_store *st = pia_xcalloc(1, sizeof *st);
    st->path = pia_xstrdup(path);
    st->who = login_name();
    int ro = flags & PIA_STORE_READONLY;
    int rc = open_db(st, path, ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, flags, err);
    if (rc && ro && err && err->code == PIA_ERDONLY) {
        sqlite3_close(st->db);
        st->db = NULL;
        char *uri = immutable_uri(path);
        rc = open_db(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, flags, err);
        free(uri);
    }
    if (rc) {
        pia_store_close(st);
        return -1;
    }
    *out = st;
    return 0;
}

void pia_store_close(pia_store *st)
{
    if (!st)
        return;
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(st->q[i]);
    pia_form_free(st->form);
    sqlite3_close(st->db);
    free(st->path);
    free(st->who);
    free(st);
}

const char *pia_store_path(const pia_store *st) { return st->path; }
const char *pia_store_user(const pia_store *st) { return st->who; }
struct sqlite3 *pia_store_db(pia_store *st) { return st->db; }

void pia_store_writing_with(pia_store *st, const pia_form *form)
{
    snprintf(st->writing_with, sizeof st->writing_with, "%s", form ? form->sha256 : "");
}

void pia_store_set_user(pia_store *st, const char *who)
{
    free(st->who);
    st->who = pia_xstrdup(who);
}

static int mkdir_p(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0700);
        *p = '/';
        if (rc && errno != EEXIST)
            return -1;
    }
    return mkdir(path, 0700) && errno != EEXIST ? -1 : 0;
}

int pia_store_default_path(char *buf, size_t n, pia_err *err)
{
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    char dir[4096];
    if (xdg && *xdg == '/')
        snprintf(dir, sizeof dir, "%s/pia", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.local/share/pia", home);
    else
        return pia_fail(err, PIA_EINVAL, "HOME も XDG_DATA_HOME もありません: --db でデータベースを指定してください");
    if (mkdir_p(dir))
        return pia_fail(err, PIA_EIO, "%s: ディレクトリを作成できません（%s）", dir, strerror(errno));
    if ((size_t)snprintf(buf, n, "%s/pia.db", dir) >= n)
        return pia_fail(err, PIA_EINVAL, "%s: パスが長すぎます", dir);
    return 0;
}

/* ---- audit ------------------------------------------------------------- */

/* The audit row's text of an answer: the value, and the parenthetical
 * detail after it when there is one ("1（12）"), so that a change of the
 * detail alone ("（ 12 ）件" → "（ 13 ）件") is recorded as well.  NULL stays
 * NULL (no answer before, or none after).  Caller frees. */
static char *audit_text(const char *value, const char *detail)
{
    if (!value)
        return NULL;
    if (!detail || !*detail)
        return pia_xstrdup(value);
    return pia_xasprintf("%s（%s）", value, detail);
}

static int audit(pia_store *st, long id, const char *action, int file, int inst,
                 const char *item, const char *old, const char *new, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_AUDIT, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, st->who);
    bind_text(s, 3, action);
    sqlite3_bind_int(s, 4, file);
    sqlite3_bind_int(s, 5, inst);
    bind_text(s, 6, item);
    bind_text(s, 7, old);
    bind_text(s, 8, new);
    return run(st, s, "監査記録", err);
}

/* For modules with tables of their own (yearly reviews): one audit row on
 * an assessment that must exist, in the caller's transaction or its own. */
int pia_store_audit_add(pia_store *st, long id, const char *action, const char *item,
                        const char *old, const char *new, pia_err *err)
{
    if (tx_begin(st, err))
        return -1;
    sqlite3_stmt *s = prepare(st, "SELECT 1 FROM assessment WHERE id=?", err);
    int rc = -1;
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        int step = sqlite3_step(s);
        sqlite3_finalize(s);
        rc = step == SQLITE_ROW ? audit(st, id, action, 0, 0, item, old, new, err)
           : step == SQLITE_DONE ? pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id)
           : db_fail(st, err, step, "評価書の確認");
    }
    return tx_end(st, rc, err);
}

static int touch(pia_store *st, long id, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_TOUCH, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    bind_text(s, 2, st->writing_with[0] ? st->writing_with : NULL);
    if (run(st, s, "更新日時", err))
        return -1;
    if (sqlite3_changes(st->db) == 0)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id);
    return 0;
}

/* Only UTF-8 text is stored: whatever path a text took (the command line,
 * an import, the TUI), bytes of another encoding or a NUL never reach the
 * database.  Callers check earlier to name the place; this is the floor. */
static int check_text(pia_store *st, const char *what, const char *s, pia_err *err)
{
    if (!s || pia_utf8_valid(s))
        return 0;
    size_t off = pia_utf8_bad_offset(s, strlen(s)), line, col;
    pia_utf8_position(s, off, &line, &col);
    return pia_fail(err, PIA_EINVAL, "%s: %s の %zu 行 %zu 文字目に UTF-8 ではないバイト（0x%02X）があるため保存しません",
                    st->path, what, line, col, (unsigned char)s[off]);
}

/* ---- assessments ------------------------------------------------------- */

static int use_template(pia_store *st, const char *name, pia_err *err);

static char *col_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return pia_xstrdup(t ? (const char *)t : "");
}

int pia_store_list(pia_store *st, pia_summary **out, int *n, pia_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = prepare(st,
        "SELECT id,template,title,org,created,updated,"
        " (SELECT count(*) FROM file f WHERE f.assessment_id=a.id), answered "
        "FROM assessment a ORDER BY updated DESC, id DESC", err);
    if (!s)
        return -1;
    int cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap)
            *out = pia_xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof **out);
        pia_summary *x = &(*out)[(*n)++];
        x->id = sqlite3_column_int64(s, 0);
        x->template_name = col_text(s, 1);
        x->title = col_text(s, 2);
        x->org = col_text(s, 3);
        x->created = col_text(s, 4);
        x->updated = col_text(s, 5);
        x->nfiles = sqlite3_column_int(s, 6);
        x->nanswers = sqlite3_column_int(s, 7);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        pia_summaries_free(*out, *n);
        *out = NULL;
        *n = 0;
        return db_fail(st, err, rc, "一覧");
    }
    return 0;
}

void pia_summaries_free(pia_summary *s, int n)
{
    for (int i = 0; i < n; i++) {
        free(s[i].template_name);
        free(s[i].title);
        free(s[i].org);
        free(s[i].created);
        free(s[i].updated);
    }
    free(s);
}

static int insert_assessment(pia_store *st, const char *tmpl, const char *title,
                             const char *org, const char *sha, long *id, pia_err *err)
{
    sqlite3_stmt *s = prepare(st, "INSERT INTO assessment(template,title,org,created,updated,template_sha) "
                                  "VALUES(?,?,?," NOW "," NOW ",?)", err);
    if (!s)
        return -1;
    bind_text(s, 1, tmpl);
    bind_text(s, 2, title);
    bind_text(s, 3, org ? org : "");
    bind_text(s, 4, sha && *sha ? sha : NULL);
    int rc = run(st, s, "評価書の作成", err);
    sqlite3_finalize(s);
    if (rc)
        return -1;
    *id = (long)sqlite3_last_insert_rowid(st->db);
    return 0;
}

int pia_store_new(pia_store *st, const char *tmpl, const char *title, const char *org,
                  long *id, pia_err *err)
{
    /* The template it is created with, found by name (one that cannot be
     * read leaves it unknown; `pia new` has refused such a name before). */
    if (check_text(st, "評価書名", title, err) || check_text(st, "評価実施機関名", org, err))
        return -1;
    const char *sha = use_template(st, tmpl, NULL) == 0 ? st->form->sha256 : NULL;
    if (tx_begin(st, err))
        return -1;
    int rc = insert_assessment(st, tmpl, title, org, sha, id, err);
    if (!rc)
        rc = audit(st, *id, "new", 0, 0, NULL, NULL, title, err);
    return tx_end(st, rc, err);
}

int pia_store_set_meta(pia_store *st, long id, const char *title, const char *org, pia_err *err)
{
    if (check_text(st, "評価書名", title, err) || check_text(st, "評価実施機関名", org, err) ||
        tx_begin(st, err))
        return -1;
    sqlite3_stmt *s = prepare(st, "UPDATE assessment SET title=coalesce(?,title),"
                                  " org=coalesce(?,org) WHERE id=?", err);
    int rc = -1;
    if (s) {
        bind_text(s, 1, title);
        bind_text(s, 2, org);
        sqlite3_bind_int64(s, 3, id);
        rc = run(st, s, "評価書名の変更", err);
        sqlite3_finalize(s);
    }
    if (!rc)
        rc = touch(st, id, err);
    if (!rc)
        rc = audit(st, id, "meta", 0, 0, NULL, NULL, title ? title : org, err);
    return tx_end(st, rc, err);
}

static int exec_id(pia_store *st, const char *sql, long id, int pos, const char *what, pia_err *err)
{
    sqlite3_stmt *s = prepare(st, sql, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_bind_parameter_count(s) > 1)
        sqlite3_bind_int(s, 2, pos);
    int rc = run(st, s, what, err);
    sqlite3_finalize(s);
    return rc;
}

/* "回答 86 件を削除", the audit row's account of what went. */
static char *removed_text(int files, int answers)
{
    if (files < 0)
        return pia_xasprintf("回答 %d 件を削除", answers);
    return pia_xasprintf("ファイル %d 件・回答 %d 件を削除", files, answers);
}

int pia_store_delete(pia_store *st, long id, pia_err *err)
{
    if (tx_begin(st, err))
        return -1;
    pia_removal r = { 0 };
    int rc = pia_store_removal(st, id, 0, NULL, 0, &r, err);
    if (!rc)
        rc = exec_id(st, "DELETE FROM assessment WHERE id=?", id, 0, "評価書の削除", err);
    /* The trail keeps who changed which item when, but not the text of an
     * assessment that is gone (secure_delete then clears the old pages);
     * the row of the deletion names the title and how much went. */
    if (!rc)
        rc = exec_id(st, "UPDATE audit SET old=NULL, new=NULL WHERE assessment_id=?", id, 0,
                     "評価書の削除", err);
    char *what = removed_text(r.files, r.answers);
    if (!rc)
        rc = audit(st, id, "delete", 0, 0, NULL, r.name, what, err);
    free(what);
    pia_removal_clear(&r);
    return tx_end(st, rc, err);
}

static int duplicate_in_tx(pia_store *st, long id, const char *title, long *new_id, pia_err *err)
{
    pia_doc *doc;
    if (pia_store_load(st, id, &doc, err))
        return -1;
    if (title) {
        free(doc->title);
        doc->title = pia_xstrdup(title);
    }
    int rc = pia_store_import(st, doc, new_id, err);
    if (!rc) {
        char from[32];
        snprintf(from, sizeof from, "%ld", id);
        rc = audit(st, *new_id, "duplicate", 0, 0, NULL, from, doc->title, err);
    }
    pia_doc_free(doc);
    return rc;
}

/* Read and copy in one transaction: the copy is of one moment. */
int pia_store_duplicate(pia_store *st, long id, const char *title, long *new_id, pia_err *err)
{
    if (tx_begin(st, err))
        return -1;
    return tx_end(st, duplicate_in_tx(st, id, title, new_id, err), err);
}

/* ---- files and instances ---------------------------------------------- */

static int file_id(pia_store *st, long id, int pos, sqlite3_int64 *out, pia_err *err)
{
    *out = 0;
    if (pos == 0)
        return 0;
    sqlite3_stmt *s = query(st, Q_FILE_ID, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, pos);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return db_fail(st, err, rc, "ファイルの検索");
    return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld に特定個人情報ファイル %d はありません", st->path, id, pos);
}

static int count_files(pia_store *st, long id, int *n, pia_err *err)
{
    sqlite3_stmt *s = prepare(st, "SELECT count(*) FROM file WHERE assessment_id=?", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    *n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : db_fail(st, err, rc, "ファイル数");
}

static int insert_file(pia_store *st, long id, int pos, const char *name, pia_err *err)
{
    sqlite3_stmt *s = prepare(st, "INSERT INTO file(assessment_id,position,name,updated) "
                                  "VALUES(?,?,?," NOW ")", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, pos);
    bind_text(s, 3, name);
    int rc = run(st, s, "ファイルの追加", err);
    sqlite3_finalize(s);
    return rc;
}

int pia_store_file_add(pia_store *st, long id, const char *name, int *pos, pia_err *err)
{
    if (check_text(st, "ファイル名", name, err) || tx_begin(st, err))
        return -1;
    int n = 0;
    int rc = touch(st, id, err);
    if (!rc)
        rc = count_files(st, id, &n, err);
    if (!rc)
        rc = insert_file(st, id, n + 1, name, err);
    if (!rc)
        rc = audit(st, id, "file.add", n + 1, 0, NULL, NULL, name, err);
    if (!rc && pos)
        *pos = n + 1;
    return tx_end(st, rc, err);
}

int pia_store_file_rename(pia_store *st, long id, int pos, const char *name, pia_err *err)
{
    if (check_text(st, "ファイル名", name, err) || tx_begin(st, err))
        return -1;
    sqlite3_int64 fid;
    int rc = file_id(st, id, pos, &fid, err);
    sqlite3_stmt *s = rc ? NULL : prepare(st, "UPDATE file SET name=?, updated=" NOW " WHERE id=?", err);
    if (s) {
        bind_text(s, 1, name);
        sqlite3_bind_int64(s, 2, fid);
        rc = run(st, s, "ファイル名の変更", err);
        sqlite3_finalize(s);
    } else {
        rc = -1;
    }
    if (!rc)
        rc = touch(st, id, err);
    if (!rc)
        rc = audit(st, id, "file.rename", pos, 0, NULL, NULL, name, err);
    return tx_end(st, rc, err);
}

/* Shift positions lo..hi of an assessment's files by delta. */
static int shift_files(pia_store *st, long id, int lo, int hi, int delta, pia_err *err)
{
    sqlite3_stmt *s = prepare(st, "UPDATE file SET position=position+? WHERE assessment_id=? "
                                  "AND position BETWEEN ? AND ?", err);
    if (!s)
        return -1;
    sqlite3_bind_int(s, 1, delta);
    sqlite3_bind_int64(s, 2, id);
    sqlite3_bind_int(s, 3, lo);
    sqlite3_bind_int(s, 4, hi);
    int rc = run(st, s, "並べ替え", err);
    sqlite3_finalize(s);
    return rc;
}

int pia_store_file_move(pia_store *st, long id, int pos, int new_pos, pia_err *err)
{
    if (tx_begin(st, err))
        return -1;
    sqlite3_int64 fid, other;
    int rc = file_id(st, id, pos, &fid, err);
    if (!rc)
        rc = file_id(st, id, new_pos, &other, err);
    if (!rc && new_pos != pos)
        rc = new_pos < pos ? shift_files(st, id, new_pos, pos - 1, +1, err)
                           : shift_files(st, id, pos + 1, new_pos, -1, err);
    if (!rc)
        rc = exec_id(st, "UPDATE file SET position=?2 WHERE id=?1", (long)fid, new_pos, "並べ替え", err);
    if (!rc)
        rc = touch(st, id, err);
    if (!rc)
        rc = audit(st, id, "file.move", pos, new_pos, NULL, NULL, NULL, err);
    return tx_end(st, rc, err);
}

static int recount(pia_store *st, long id, pia_err *err)
{
    return exec_id(st, "UPDATE assessment SET answered=(SELECT count(*) FROM answer WHERE "
                       "assessment_id=?1 AND (value<>'' OR detail<>'')) WHERE id=?1",
                   id, 0, "回答数", err);
}

int pia_store_file_remove(pia_store *st, long id, int pos, pia_err *err)
{
    if (tx_begin(st, err))
        return -1;
    sqlite3_int64 fid;
    pia_removal r = { 0 };
    int rc = pia_store_removal(st, id, pos, NULL, 0, &r, err);
    if (!rc)
        rc = file_id(st, id, pos, &fid, err);
    if (!rc)
        rc = exec_id(st, "DELETE FROM file WHERE id=?", (long)fid, 0, "ファイルの削除", err);
    if (!rc)
        rc = exec_id(st, "UPDATE file SET position=position-1 WHERE assessment_id=? AND position>?",
                     id, pos, "ファイルの削除", err);
    if (!rc)
        rc = recount(st, id, err);
    if (!rc)
        rc = touch(st, id, err);
    char *what = removed_text(-1, r.answers);
    if (!rc)
        rc = audit(st, id, "file.remove", pos, 0, NULL, r.name, what, err);
    free(what);
    pia_removal_clear(&r);
    return tx_end(st, rc, err);
}

static int inst_max(pia_store *st, long id, sqlite3_int64 fid, const char *group, int *n, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_INST_MAX, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, fid);
    bind_text(s, 3, group);
    int rc = sqlite3_step(s);
    *n = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : db_fail(st, err, rc, "繰り返し項目の検索");
}

static int inst_insert(pia_store *st, long id, sqlite3_int64 fid, const char *group, int pos, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_INST_INSERT, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, fid);
    bind_text(s, 3, group);
    sqlite3_bind_int(s, 4, pos);
    return run(st, s, "繰り返し項目の追加", err);
}

/* Create instances up to `upto` (an answer to システム3 implies システム1..3). */
static int inst_ensure(pia_store *st, long id, sqlite3_int64 fid, const char *group, int upto, pia_err *err)
{
    int n;
    if (inst_max(st, id, fid, group, &n, err))
        return -1;
    for (int p = n + 1; p <= upto; p++)
        if (inst_insert(st, id, fid, group, p, err))
            return -1;
    return 0;
}

static int inst_id(pia_store *st, long id, sqlite3_int64 fid, const char *group, int pos,
                   sqlite3_int64 *out, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_INST_ID, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, fid);
    bind_text(s, 3, group);
    sqlite3_bind_int(s, 4, pos);
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return db_fail(st, err, rc, "繰り返し項目の検索");
    return pia_fail(err, PIA_ENOTFOUND, "%s: %s の %d 番目はありません", st->path, group, pos);
}

int pia_store_inst_add(pia_store *st, long id, int file, const char *group, int *pos, pia_err *err)
{
    if (tx_begin(st, err))
        return -1;
    sqlite3_int64 fid;
    int n = 0;
    int rc = touch(st, id, err);
    if (!rc)
        rc = file_id(st, id, file, &fid, err);
    if (!rc)
        rc = inst_max(st, id, fid, group, &n, err);
    if (!rc)
        rc = inst_insert(st, id, fid, group, n + 1, err);
    if (!rc)
        rc = audit(st, id, "inst.add", file, n + 1, group, NULL, NULL, err);
    if (!rc && pos)
        *pos = n + 1;
    return tx_end(st, rc, err);
}

int pia_store_inst_remove(pia_store *st, long id, int file, const char *group, int pos, pia_err *err)
{
    if (tx_begin(st, err))
        return -1;
    sqlite3_int64 fid, iid;
    pia_removal r = { 0 };
    int rc = pia_store_removal(st, id, file, group, pos, &r, err);
    if (!rc)
        rc = touch(st, id, err);
    if (!rc)
        rc = file_id(st, id, file, &fid, err);
    if (!rc)
        rc = inst_id(st, id, fid, group, pos, &iid, err);
    if (!rc)
        rc = exec_id(st, "DELETE FROM instance WHERE id=?", (long)iid, 0, "繰り返し項目の削除", err);
    sqlite3_stmt *s = rc ? NULL : prepare(st, "UPDATE instance SET position=position-1 WHERE "
        "assessment_id=? AND ifnull(file_id,0)=? AND group_id=? AND position>?", err);
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, fid);
        bind_text(s, 3, group);
        sqlite3_bind_int(s, 4, pos);
        rc = run(st, s, "繰り返し項目の削除", err);
        sqlite3_finalize(s);
    } else if (!rc) {
        rc = -1;
    }
    if (!rc)
        rc = recount(st, id, err);
    char *what = removed_text(-1, r.answers);
    if (!rc)
        rc = audit(st, id, "inst.remove", file, pos, group, NULL, what, err);
    free(what);
    pia_removal_clear(&r);
    return tx_end(st, rc, err);
}

/* ---- the template, for items in repeated groups ------------------------ */

static int use_template(pia_store *st, const char *name, pia_err *err)
{
    if (st->form && strcmp(st->form->name, name) == 0)
        return 0;
    pia_form *f;
    if (pia_form_load_named(name, &f, err))
        return -1;
    pia_form_free(st->form);
    st->form = f;
    return 0;
}

static int template_of(pia_store *st, long id, pia_err *err)
{
    sqlite3_stmt *s = prepare(st, "SELECT template FROM assessment WHERE id=?", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    char *name = sqlite3_step(s) == SQLITE_ROW ? col_text(s, 0) : NULL;
    sqlite3_finalize(s);
    if (!name)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id);
    int rc = use_template(st, name, err);
    free(name);
    return rc;
}

static int group_of(pia_store *st, const char *item, const char **group, pia_err *err)
{
    const pia_node *n = pia_form_find(st->form, item);
    if (!n || !n->repeat_group)
        return pia_fail(err, PIA_EINVAL, "項目 %s は繰り返し項目の中にありません", item);
    *group = n->repeat_group->id;
    return 0;
}

/* ---- answers ----------------------------------------------------------- */

typedef struct current {
    sqlite3_int64 row;   /* 0 when there is no row */
    char *value, *detail;
    long rev;
} current;

static int answer_read(pia_store *st, long id, sqlite3_int64 fid, sqlite3_int64 iid,
                       const char *item, current *c, pia_value *full, pia_err *err)
{
    memset(c, 0, sizeof *c);
    sqlite3_stmt *s = query(st, Q_ANSWER_GET, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int64(s, 2, fid);
    sqlite3_bind_int64(s, 3, iid);
    bind_text(s, 4, item);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        c->row = sqlite3_column_int64(s, 0);
        c->value = col_text(s, 1);
        c->detail = col_text(s, 2);
        c->rev = sqlite3_column_int64(s, 3);
        if (full) {
            full->updated = col_text(s, 4);
            full->updated_by = col_text(s, 5);
        }
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st, err, rc, "回答の読み込み");
    return 0;
}

static int answer_write(pia_store *st, long id, sqlite3_int64 fid, sqlite3_int64 iid,
                        const char *item, const char *value, const char *detail,
                        const current *c, pia_err *err)
{
    sqlite3_stmt *s = query(st, c->row ? Q_ANSWER_UPDATE : Q_ANSWER_INSERT, err);
    if (!s)
        return -1;
    if (c->row) {
        bind_text(s, 1, value);
        bind_text(s, 2, detail);
        bind_text(s, 3, st->who);
        sqlite3_bind_int64(s, 4, c->rev + 1);
        sqlite3_bind_int64(s, 5, c->row);
    } else {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, fid);
        sqlite3_bind_int64(s, 3, iid);
        bind_text(s, 4, item);
        bind_text(s, 5, value);
        bind_text(s, 6, detail);
        bind_text(s, 7, st->who);
        sqlite3_bind_int64(s, 8, 1);
    }
    return run(st, s, "回答の保存", err);
}

static int answered_delta(pia_store *st, long id, int delta, pia_err *err)
{
    if (!delta)
        return 0;
    sqlite3_stmt *s = query(st, Q_ANSWERED, err);
    if (!s)
        return -1;
    sqlite3_bind_int(s, 1, delta);
    sqlite3_bind_int64(s, 2, id);
    return run(st, s, "回答数", err);
}

typedef struct set_req {
    long id;
    int file, inst;
    const char *group, *item, *value, *detail;
    long expect_rev, *new_rev;
} set_req;

/* The seq of the audit row this save extends, 0 when it starts a new one,
 * -1 on error. */
static sqlite3_int64 audit_run(pia_store *st, const set_req *r, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_AUDIT_LAST, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, r->id);
    bind_text(s, 2, st->who);
    sqlite3_bind_int(s, 3, r->file);
    sqlite3_bind_int(s, 4, r->inst);
    bind_text(s, 5, r->item);
    sqlite3_bind_int(s, 6, AUDIT_MERGE_MINUTES);
    int rc = sqlite3_step(s);
    sqlite3_int64 seq = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        seq = db_fail(st, err, rc, "監査記録");
    sqlite3_reset(s);
    return seq;
}

static int audit_extend(pia_store *st, sqlite3_int64 seq, const char *new, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_AUDIT_EXTEND, err);
    if (!s)
        return -1;
    bind_text(s, 1, new);
    sqlite3_bind_int64(s, 2, seq);
    return run(st, s, "監査記録", err);
}

static int audit_answer(pia_store *st, const set_req *r, const current *c, int now, pia_err *err)
{
    char *old = c->row ? audit_text(c->value, c->detail) : NULL;
    char *new = now ? audit_text(r->value, r->detail) : NULL;
    sqlite3_int64 seq = now ? audit_run(st, r, err) : 0;
    int rc;
    if (seq < 0)
        rc = -1;
    else if (seq > 0)
        rc = audit_extend(st, seq, new, err);
    else
        rc = audit(st, r->id, now ? "set" : "clear", r->file, r->inst, r->item, old, new, err);
    free(old);
    free(new);
    return rc;
}

/* The write itself, once the rows of the file and the instance are known
 * (r->file and r->inst are their positions, for the audit row). */
static int set_rows(pia_store *st, const set_req *r, sqlite3_int64 fid, sqlite3_int64 iid, pia_err *err)
{
    current c;
    if (answer_read(st, r->id, fid, iid, r->item, &c, NULL, err))
        return -1;
    int rc = 0;
    const char *old = c.value ? c.value : "";
    int was = c.row && (*old || *c.detail), now = *r->value || *r->detail;
    if (r->expect_rev >= 0 && r->expect_rev != c.rev) {
        rc = pia_fail(err, PIA_ECONFLICT, "項目 %s は開いた後にほかの人が変更しました（版 %ld → %ld）",
                      r->item, r->expect_rev, c.rev);
    } else if (c.row && strcmp(old, r->value) == 0 && strcmp(c.detail, r->detail) == 0) {
        if (r->new_rev)
            *r->new_rev = c.rev;
    } else if (!c.row && !now) {
        if (r->new_rev)
            *r->new_rev = 0;
    } else {
        rc = answer_write(st, r->id, fid, iid, r->item, r->value, r->detail, &c, err);
        if (!rc)
            rc = answered_delta(st, r->id, now - was, err);
        if (!rc)
            rc = touch(st, r->id, err);
        if (!rc)
            rc = audit_answer(st, r, &c, now, err);
        if (!rc && r->new_rev)
            *r->new_rev = c.rev + 1;
    }
    free(c.value);
    free(c.detail);
    return rc;
}

static int set_in_tx(pia_store *st, const set_req *r, pia_err *err)
{
    if (check_text(st, r->item, r->value, err) || check_text(st, r->item, r->detail, err))
        return -1;
    sqlite3_int64 fid = 0, iid = 0;
    if (file_id(st, r->id, r->file, &fid, err))
        return -1;
    if (r->inst > 0) {
        if (!r->group)
            return pia_fail(err, PIA_EINVAL, "項目 %s: 繰り返し項目の名前がありません", r->item);
        if (inst_ensure(st, r->id, fid, r->group, r->inst, err) ||
            inst_id(st, r->id, fid, r->group, r->inst, &iid, err))
            return -1;
    }
    return set_rows(st, r, fid, iid, err);
}

int pia_store_set(pia_store *st, long id, int file, const char *group, int inst,
                  const char *item, const char *value, const char *detail,
                  long expect_rev, long *new_rev, pia_err *err)
{
    set_req r = { id, file, inst, group, item, value ? value : "", detail ? detail : "",
                  expect_rev, new_rev };
    if (tx_begin(st, err))
        return -1;
    return tx_end(st, set_in_tx(st, &r, err), err);
}

int pia_store_get(pia_store *st, long id, int file, int inst, const char *item,
                  pia_value *out, pia_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_int64 fid = 0, iid = 0;
    if (file_id(st, id, file, &fid, err))
        return -1;
    if (inst > 0) {
        const char *group = NULL;
        if (template_of(st, id, err) || group_of(st, item, &group, err) ||
            inst_id(st, id, fid, group, inst, &iid, err))
            return err && err->code == PIA_ENOTFOUND ? 0 : -1;
    }
    current c;
    if (answer_read(st, id, fid, iid, item, &c, out, err))
        return -1;
    out->value = c.value;
    out->detail = c.detail;
    out->rev = c.rev;
    return 0;
}

/* ---- whole assessments ------------------------------------------------- */

static int load_files(pia_store *st, pia_doc *doc, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_LOAD_FILES, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, doc->id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        int pos = pia_doc_add_file(doc, (const char *)sqlite3_column_text(s, 0));
        if (sqlite3_column_type(s, 1) != SQLITE_NULL)
            doc->files[pos - 1].updated = col_text(s, 1);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : db_fail(st, err, rc, "ファイルの読み込み");
}

static int load_instances(pia_store *st, pia_doc *doc, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_LOAD_INSTANCES, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, doc->id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        pia_doc_set_instances(doc, sqlite3_column_int(s, 0), (const char *)sqlite3_column_text(s, 1),
                              sqlite3_column_int(s, 2));
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : db_fail(st, err, rc, "繰り返し項目の読み込み");
}

static int load_answers(pia_store *st, pia_doc *doc, pia_err *err)
{
    sqlite3_stmt *s = query(st, Q_LOAD_ANSWERS, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, doc->id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        pia_value v = {
            .value = (char *)sqlite3_column_text(s, 3), .detail = (char *)sqlite3_column_text(s, 4),
            .updated = (char *)sqlite3_column_text(s, 5), .updated_by = (char *)sqlite3_column_text(s, 6),
            .rev = sqlite3_column_int64(s, 7),
        };
        pia_doc_set_full(doc, sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
                         (const char *)sqlite3_column_text(s, 2), &v);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : db_fail(st, err, rc, "回答の読み込み");
}

static int load_head(pia_store *st, long id, pia_doc **out, pia_err *err)
{
    sqlite3_stmt *s = query(st, st->version >= 4 ? Q_LOAD_HEAD : Q_LOAD_HEAD_V3, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = pia_doc_new((const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
                           (const char *)sqlite3_column_text(s, 2));
        (*out)->id = id;
        (*out)->created = col_text(s, 3);
        (*out)->updated = col_text(s, 4);
        if (sqlite3_column_type(s, 5) != SQLITE_NULL)
            (*out)->template_sha = col_text(s, 5);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_DONE)
        return pia_fail(err, PIA_ENOTFOUND, "%s: 評価書 %ld はありません", st->path, id);
    return rc == SQLITE_ROW ? 0 : db_fail(st, err, rc, "評価書の読み込み");
}

/* Reads happen in one read transaction so the doc is a consistent snapshot
 * even while another process writes. */
int pia_store_load(pia_store *st, long id, pia_doc **out, pia_err *err)
{
    *out = NULL;
    int own = st->depth == 0;
    if (own && exec(st, "BEGIN", err))
        return -1;
    int rc = load_head(st, id, out, err);
    if (!rc)
        rc = load_files(st, *out, err);
    if (!rc)
        rc = load_instances(st, *out, err);
    if (!rc)
        rc = load_answers(st, *out, err);
    if (own)
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    if (rc) {
        pia_doc_free(*out);
        *out = NULL;
    }
    return rc;
}

typedef struct import_ctx {
    pia_store *st;
    long id;
    sqlite3_int64 *fids;
    pia_err *err;
} import_ctx;

static int import_instances(int file, const char *group, int n, void *ctx)
{
    import_ctx *c = ctx;
    return inst_ensure(c->st, c->id, file ? c->fids[file - 1] : 0, group, n, c->err);
}

/* Repeated answers need their instance row, found through the item's
 * repeated group in the template. */
static int import_answer(int file, int inst, const char *item, const pia_value *v, void *ctx)
{
    import_ctx *c = ctx;
    sqlite3_int64 fid = file ? c->fids[file - 1] : 0, iid = 0;
    if (inst > 0) {
        const char *group = NULL;
        if (group_of(c->st, item, &group, c->err) ||
            inst_ensure(c->st, c->id, fid, group, inst, c->err) ||
            inst_id(c->st, c->id, fid, group, inst, &iid, c->err))
            return -1;
    }
    if (check_text(c->st, item, v->value, c->err) || check_text(c->st, item, v->detail, c->err))
        return -1;
    current none = { 0 };
    return answer_write(c->st, c->id, fid, iid, item, v->value, v->detail, &none, c->err);
}

static int import_in_tx(pia_store *st, const pia_doc *doc, long *id, pia_err *err)
{
    if (use_template(st, doc->template_name, err) || check_text(st, "評価書名", doc->title, err) ||
        check_text(st, "評価実施機関名", doc->org, err))
        return -1;
    for (int f = 0; f < doc->nfiles; f++)
        if (check_text(st, "ファイル名", doc->files[f].name, err))
            return -1;
    /* A copy keeps the record of the original; an import is written now. */
    const char *sha = doc->template_sha ? doc->template_sha : st->form->sha256;
    if (insert_assessment(st, doc->template_name, doc->title, doc->org, sha, id, err))
        return -1;
    import_ctx c = { st, *id, pia_xcalloc((size_t)doc->nfiles + 1, sizeof *c.fids), err };
    int rc = 0;
    for (int f = 0; f < doc->nfiles && !rc; f++) {
        rc = insert_file(st, *id, f + 1, doc->files[f].name, err);
        c.fids[f] = sqlite3_last_insert_rowid(st->db);
    }
    if (!rc)
        rc = pia_doc_each_instances(doc, import_instances, &c);
    if (!rc)
        rc = pia_doc_each(doc, import_answer, &c);
    if (!rc)
        rc = recount(st, *id, err);
    if (!rc)
        rc = audit(st, *id, "import", 0, 0, NULL, NULL, doc->title, err);
    free(c.fids);
    return rc;
}

int pia_store_import(pia_store *st, const pia_doc *doc, long *id, pia_err *err)
{
    if (tx_begin(st, err))
        return -1;
    return tx_end(st, import_in_tx(st, doc, id, err), err);
}

/* ---- audit trail ------------------------------------------------------- */

int pia_store_audit(pia_store *st, long id, pia_audit **out, int *n, pia_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = prepare(st, st->version >= 3
        ? "SELECT seq,at,who,action,ifnull(item,''),ifnull(old,''),ifnull(new,''),"
          "ifnull(file,0),ifnull(inst,0),last_at FROM audit WHERE assessment_id=? ORDER BY seq"
        : "SELECT seq,at,who,action,ifnull(item,''),ifnull(old,''),ifnull(new,''),"
          "ifnull(file,0),ifnull(inst,0),NULL FROM audit WHERE assessment_id=? ORDER BY seq", err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    int cap = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap)
            *out = pia_xrealloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof **out);
        pia_audit *a = &(*out)[(*n)++];
        a->seq = sqlite3_column_int64(s, 0);
        a->at = col_text(s, 1);
        a->who = col_text(s, 2);
        a->action = col_text(s, 3);
        a->item = col_text(s, 4);
        a->old_value = col_text(s, 5);
        a->new_value = col_text(s, 6);
        a->file = sqlite3_column_int(s, 7);
        a->inst = sqlite3_column_int(s, 8);
        a->last_at = sqlite3_column_type(s, 9) == SQLITE_NULL ? NULL : col_text(s, 9);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        pia_audit_free(*out, *n);
        *out = NULL;
        *n = 0;
        return db_fail(st, err, rc, "監査記録の読み込み");
    }
    return 0;
}

void pia_audit_free(pia_audit *a, int n)
{
    for (int i = 0; i < n; i++) {
        free(a[i].at);
        free(a[i].who);
        free(a[i].action);
        free(a[i].item);
        free(a[i].old_value);
        free(a[i].new_value);
        free(a[i].last_at);
    }
    free(a);
}

/* ---- answers by place ---------------------------------------------------- */

/* The position of row `row` of `table` in assessment id, 0 when it is gone. */
static int row_pos(pia_store *st, const char *sql, long row, long id, int *pos, pia_err *err)
{
    sqlite3_stmt *s = prepare(st, sql, err);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, row);
    sqlite3_bind_int64(s, 2, id);
    int rc = sqlite3_step(s);
    *pos = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(st, err, rc, "保存先の確認");
}

static int gone(pia_store *st, const pia_place *pl, int file_gone, pia_err *err)
{
    if (file_gone)
        return pia_fail(err, PIA_EGONE, "%s: 編集していた特定個人情報ファイルは、ほかの人が削除しました"
                        "（別のファイルには保存しません）", st->path);
    return pia_fail(err, PIA_EGONE, "%s: 編集していた繰り返し項目（%s）は、ほかの人が削除しました"
                    "（別の行には保存しません）", st->path, pl->group ? pl->group : "");
}

/* The rows and positions of a place.  With `create`, an instance not made
 * yet is made (up to its position) and recorded in pl->inst. */
static int place_rows(pia_store *st, long id, pia_place *pl, int create, sqlite3_int64 *fid,
                      sqlite3_int64 *iid, int *fpos, int *ipos, pia_err *err)
{
    *fid = pl->file, *iid = 0, *fpos = 0, *ipos = 0;
    if (pl->file) {
        if (row_pos(st, "SELECT position FROM file WHERE id=? AND assessment_id=?", pl->file, id, fpos, err))
            return -1;
        if (!*fpos)
            return gone(st, pl, 1, err);
    }
    if (!pl->group)
        return 0;
    if (pl->inst) {
        if (row_pos(st, "SELECT position FROM instance WHERE id=? AND assessment_id=?", pl->inst, id, ipos, err))
            return -1;
        if (!*ipos)
            return gone(st, pl, 0, err);
        *iid = pl->inst;
        return 0;
    }
    *ipos = pl->inst_pos;
    if (create && inst_ensure(st, id, *fid, pl->group, pl->inst_pos, err))
        return -1;
    if (inst_id(st, id, *fid, pl->group, pl->inst_pos, iid, err))
        return create || !err || err->code != PIA_ENOTFOUND ? -1 : 0;
    if (create)
        pl->inst = *iid;
    return 0;
}

int pia_store_place(pia_store *st, long id, int file, const char *group, int inst,
                    pia_place *out, pia_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_int64 fid = 0, iid = 0;
    if (file_id(st, id, file, &fid, err))
        return -1;
    out->file = (long)fid;
    out->group = group;
    out->inst_pos = inst;
    if (group && inst > 0 && inst_id(st, id, fid, group, inst, &iid, err) && err && err->code != PIA_ENOTFOUND)
        return -1;
    out->inst = (long)iid;
    return 0;
}

int pia_store_place_where(pia_store *st, long id, const pia_place *pl, int *file, int *inst,
                          pia_err *err)
{
    pia_place copy = *pl;
    sqlite3_int64 fid, iid;
    return place_rows(st, id, &copy, 0, &fid, &iid, file, inst, err);
}

int pia_store_get_at(pia_store *st, long id, const pia_place *pl, const char *item,
                     pia_value *out, pia_err *err)
{
    memset(out, 0, sizeof *out);
    pia_place copy = *pl;
    sqlite3_int64 fid, iid;
    int fpos, ipos;
    if (place_rows(st, id, &copy, 0, &fid, &iid, &fpos, &ipos, err))
        return -1;
    if (copy.group && !iid)
        return 0;                      /* the instance is not there yet: no answer */
    current c;
    if (answer_read(st, id, fid, iid, item, &c, out, err))
        return -1;
    out->value = c.value;
    out->detail = c.detail;
    out->rev = c.rev;
    return 0;
}

typedef struct set_at_req {
    set_req r;
    pia_place *pl;
} set_at_req;

static int set_at_in_tx(pia_store *st, set_at_req *q, pia_err *err)
{
    if (check_text(st, q->r.item, q->r.value, err) || check_text(st, q->r.item, q->r.detail, err))
        return -1;
    sqlite3_int64 fid, iid;
    if (place_rows(st, q->r.id, q->pl, 1, &fid, &iid, &q->r.file, &q->r.inst, err))
        return -1;
    return set_rows(st, &q->r, fid, iid, err);
}

int pia_store_set_at(pia_store *st, long id, pia_place *pl, const char *item,
                     const char *value, const char *detail, long expect_rev, long *new_rev,
                     pia_err *err)
{
    set_at_req q = { { id, 0, 0, pl->group, item, value ? value : "", detail ? detail : "",
                       expect_rev, new_rev }, pl };
    if (tx_begin(st, err))
        return -1;
    long before = pl->inst;
    int rc = tx_end(st, set_at_in_tx(st, &q, err), err);
    if (rc)
        pl->inst = before;             /* rolled back: the instance was not made after all */
    return rc;
}

struct pia_ids {
    long *files;       /* row id by position - 1 */
    int nfiles;
    struct inst_id { int file; char *group; int pos; long row; } *insts;
    int ninsts;
};

int pia_store_ids(pia_store *st, long id, pia_ids **out, pia_err *err)
{
    pia_ids *ids = pia_xcalloc(1, sizeof *ids);
    *out = NULL;
    sqlite3_stmt *s = prepare(st, "SELECT id FROM file WHERE assessment_id=? ORDER BY position", err);
    int rc = s ? SQLITE_DONE : SQLITE_ERROR;
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            ids->files = pia_xrealloc(ids->files, (size_t)(ids->nfiles + 1) * sizeof *ids->files);
            ids->files[ids->nfiles++] = (long)sqlite3_column_int64(s, 0);
        }
        sqlite3_finalize(s);
    }
    s = rc == SQLITE_DONE ? prepare(st, "SELECT ifnull(f.position,0), i.group_id, i.position, i.id "
                                        "FROM instance i LEFT JOIN file f ON f.id=i.file_id "
                                        "WHERE i.assessment_id=?", err) : NULL;
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            ids->insts = pia_xrealloc(ids->insts, (size_t)(ids->ninsts + 1) * sizeof *ids->insts);
            ids->insts[ids->ninsts++] = (struct inst_id){ sqlite3_column_int(s, 0), col_text(s, 1),
                                                          sqlite3_column_int(s, 2), (long)sqlite3_column_int64(s, 3) };
        }
        sqlite3_finalize(s);
    }
    if (rc != SQLITE_DONE) {
        if (s || rc != SQLITE_ERROR)
            db_fail(st, err, rc, "保存先の読み込み");
        pia_ids_free(ids);
        return -1;
    }
    *out = ids;
    return 0;
}

void pia_ids_free(pia_ids *ids)
{
    if (!ids)
        return;
    for (int i = 0; i < ids->ninsts; i++)
        free(ids->insts[i].group);
    free(ids->insts);
    free(ids->files);
    free(ids);
}

void pia_ids_place(const pia_ids *ids, int file, const char *group, int inst, pia_place *out)
{
    memset(out, 0, sizeof *out);
    out->file = file > 0 && file <= ids->nfiles ? ids->files[file - 1] : 0;
    out->group = group;
    out->inst_pos = group ? inst : 0;
    for (int i = 0; group && i < ids->ninsts; i++)
        if (ids->insts[i].file == file && ids->insts[i].pos == inst && strcmp(ids->insts[i].group, group) == 0)
            out->inst = ids->insts[i].row;
}
