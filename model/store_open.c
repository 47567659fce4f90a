/*
 * store_open.c — opening a store: refusing what is not a pia database,
 * creating a new one with mode 0600, configuring the connection and
 * running the forward migrations of the schema (store.h, store.c).
 */
#include "store_internal.h"
#include "review_schema.h"   /* migration 2: versions, comments, review states */
#include "title.h"           /* migration 6: title and organisation are the 表紙 answers */

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    /* 4 -> 5: one timestamp format (migrate_times). */
    NULL,
    /* 5 -> 6: assessment.title/org follow the 表紙 answers (title.c). */
    pia_title_schema_sql,
    /* 6 -> 7: answers read from the index alone, file by file (store_load.c):
     * without it every answer read is an index step and a table seek, half
     * of opening an assessment with hundreds of 提供先. */
    "CREATE INDEX IF NOT EXISTS answer_load ON answer(assessment_id, ifnull(file_id,0), ifnull(instance_id,0), item,"
    " file_id, instance_id, value, detail, rev, updated, updated_by);",
};
#define NMIGRATIONS ((int)(sizeof MIGRATIONS / sizeof MIGRATIONS[0]))
_Static_assert(NMIGRATIONS == SCHEMA_VERSION, "one migration per schema version");

/* Columns that versions, comments, review states, yearly reviews and
 * import records wrote with second precision ("…T09:00:00Z") before every
 * timestamp came from pia_db_now ("…T09:00:00.000Z").  Tables made on
 * first use may be absent. */
static const char *const SECOND_STAMPS[][2] = {
    { "version", "created" }, { "review_comment", "at" }, { "review_comment", "resolved_at" },
    { "review_state", "at" }, { "yearly_review", "at" }, { "import_source", "at" },
};

static int table_exists(pia_store *st, const char *name, int *yes, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", err);
    if (!s)
        return -1;
    pia_db_bind_text(s, 1, name);
    int rc = sqlite3_step(s);
    *yes = rc == SQLITE_ROW;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : pia_store_fail(st, err, rc, "表の確認");
}

/* A sealed version refuses every update (review_schema.c); its creation
 * time is rewritten with the trigger lifted inside this migration's
 * transaction, and the trigger made again before it commits. */
static int migrate_times(pia_store *st, pia_err *err)
{
    if (pia_db_exec(st, "DROP TRIGGER IF EXISTS version_frozen", err))
        return -1;
    for (size_t i = 0; i < sizeof SECOND_STAMPS / sizeof SECOND_STAMPS[0]; i++) {
        int yes = 0;
        if (table_exists(st, SECOND_STAMPS[i][0], &yes, err))
            return -1;
        if (!yes)
            continue;
        char *sql = pia_xasprintf("UPDATE %s SET %s = substr(%s, 1, 19) || '.000Z' WHERE %s GLOB "
                                  "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'",
                                  SECOND_STAMPS[i][0], SECOND_STAMPS[i][1], SECOND_STAMPS[i][1],
                                  SECOND_STAMPS[i][1]);
        int rc = pia_db_exec(st, sql, err);
        free(sql);
        if (rc)
            return -1;
    }
    return pia_db_exec(st, pia_review_schema_sql, err);
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
    return pia_fail(err, code, "%s: データベースを作成できません（%s）", path, pia_errno_ja(errno));
}

static int pragma_int(pia_store *st, const char *sql, int *out, pia_err *err)
{
    sqlite3_stmt *s = pia_db_prepare(st, sql, err);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : pia_store_fail(st, err, rc, sql);
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
    if (pia_db_begin(st, err))
        return -1;
    int rc = 0;
    for (int v = version; v < SCHEMA_VERSION && !rc; v++)
        rc = MIGRATIONS[v] ? pia_db_exec(st, MIGRATIONS[v], err) : migrate_times(st, err);
    if (!rc) {
        char sql[96];
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
                 PIA_APPLICATION_ID, SCHEMA_VERSION);
        rc = pia_db_exec(st, sql, err);
    }
    if (!rc)
        st->version = SCHEMA_VERSION;
    return pia_db_end(st, rc, err);
}

static int configure(pia_store *st, int flags, pia_err *err)
{
    sqlite3_busy_timeout(st->db, pia_db_busy_ms());
    sqlite3_extended_result_codes(st->db, 1);
    if (pia_db_register(st->db) != SQLITE_OK)
        return pia_store_fail(st, err, sqlite3_extended_errcode(st->db), "開く");
    if (pia_db_exec(st, "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA synchronous=FULL", err))
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
    if (pia_db_exec(st, "PRAGMA journal_mode=WAL", err))
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
    /* No mutex per call: a pia_store is used by one thread at a time (its
     * cached statements and transaction depth are not shared), and the
     * mutex taken by every sqlite3_column_* call was 14 % of reading a big
     * assessment (bench/README.md). */
    int rc = sqlite3_open_v2(name, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return pia_store_fail(st, err, rc, "開く");
    return configure(st, flags, err);
}

int pia_store_open(const char *path, int flags, pia_store **out, pia_err *err)
{
    assert(path && out);
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
    pia_err e = { 0 };
    int rc = open_db(st, path, ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, flags, &e);
    if (rc && ro && e.code == PIA_ERDONLY) {
        sqlite3_close(st->db);
        st->db = NULL;
        char *uri = immutable_uri(path);
        rc = open_db(st, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, flags, &e);
        free(uri);
    }
    if (rc) {
        pia_store_close(st);
        return pia_err_pass(err, &e);
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
        return pia_fail(err, PIA_EIO, "%s: ディレクトリを作成できません（%s）", dir, pia_errno_ja(errno));
    if ((size_t)snprintf(buf, n, "%s/pia.db", dir) >= n)
        return pia_fail(err, PIA_EINVAL, "%s: パスが長すぎます", dir);
    return 0;
}
