/*
 * backup.c — rotating backups and restore (see backup.h).
 *
 * Backups are whole database files named by UTC time, so they sort by name
 * and a plain `ls` shows the generations.  Restoring goes through the same
 * online backup API in reverse, page by page under the destination's lock,
 * after the candidate passed integrity_check and opened as a pia store.
 */
#include "backup.h"
#include "atomic.h"
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PIA_BACKUP_APP_ID 0x50494131u   /* "PIA1", store.c's application_id */
#define COPY_NAME "copy.db"

char *pia_backup_dir(const char *db_path)
{
    const char *slash = strrchr(db_path, '/');
    if (!slash)
        return pia_xstrdup("backups");
    return pia_xasprintf("%.*s/backups", (int)(slash - db_path), db_path);
}

/* How often a copy is tried again when the source stays locked beyond
 * its busy timeout (a rollback-journal writer, or a restore meanwhile). */
#define COPY_TRIES 5

/* The whole database in one step: one read transaction on the source for
 * the whole copy, so other processes' writes (WAL) neither block it nor
 * restart it, and the copy is of one moment.  Copying in small steps
 * restarted on every write by another process, and with the TUI saving
 * every second a large database was never copied. */
static int copy_db(sqlite3 *from, sqlite3 *to, const char *what, pia_err *err)
{
    int rc = SQLITE_BUSY;
    for (int tries = 0; tries < COPY_TRIES && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); tries++) {
        sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
        if (!b)
            return pia_db_error(err, to, what, sqlite3_extended_errcode(to), "コピーの準備");
        rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(200);
    }
    if (rc == SQLITE_DONE)
        return 0;
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return pia_fail(err, PIA_EBUSY, "%s: データベースがロックされ続けているためコピーできません"
                        "（%d 回試しました）。しばらくして再度お試しください", what, COPY_TRIES);
    return pia_db_error(err, to, what, rc, "コピー");
}

/* The copy is made in a private 0700 folder beside its final name
 * (model/atomic.h), into a file created 0600 before SQLite opens it by
 * name, without a journal: it is renamed into place only when whole, so
 * there is nothing to roll back. */
static int open_copy(const pia_atomic *a, sqlite3 **to, pia_err *err)
{
    int fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return pia_atomic_error(err, a->path, errno);
    close(fd);
    if (sqlite3_open_v2(a->tmp, to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(*to, "PRAGMA journal_mode=OFF; PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK)
        return pia_db_error(err, *to, a->path, *to ? sqlite3_extended_errcode(*to) : SQLITE_NOMEM,
                            "バックアップの作成");
    return 0;
}

/* The copy carries the live database's WAL flag in its header; opened
 * again (a restore verifies it first, a person inspects it) it would grow
 * -wal and -shm files beside it in the backup folder, which look like
 * parts of a backup and are not.  A backup is one self-contained file. */
static int leave_wal(sqlite3 *to, const char *path, pia_err *err)
{
    if (sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) == SQLITE_OK)
        return 0;
    return pia_db_error(err, to, path, sqlite3_extended_errcode(to), "バックアップの作成");
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A backup killed mid-copy leaves its temporary copy behind.  One
 * untouched for this long is no copy in progress (a running copy keeps
 * writing). */
#define STALE_TMP_SECONDS 3600

static int has_suffix(const char *name, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len > n && strcmp(name + len - n, suffix) == 0;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Exactly the names pia_backup gives: pia-YYYYMMDDTHHMMSS[.mmm]Z[_K].db */
static int backup_name(const char *s)
{
    if (strncmp(s, "pia-", 4) != 0 || !digits(s + 4, 8) || s[12] != 'T' || !digits(s + 13, 6))
        return 0;
    s += 19;
    if (*s == '.' && digits(s + 1, 3))
        s += 4;
    if (*s++ != 'Z')
        return 0;
    if (*s == '_' && s[1] >= '0' && s[1] <= '9')
        for (s++; *s >= '0' && *s <= '9'; s++)
            ;
    return strcmp(s, ".db") == 0;
}

/* A pia database by its header: SQLite's magic and pia's application_id
 * (big-endian at offset 68). */
static int pia_file(int dfd, const char *name)
{
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    unsigned char h[72];
    ssize_t n = read(fd, h, sizeof h);
    close(fd);
    return n == (ssize_t)sizeof h && memcmp(h, "SQLite format 3", 16) == 0 &&
           ((unsigned)h[68] << 24 | (unsigned)h[69] << 16 | (unsigned)h[70] << 8 | h[71]) == PIA_BACKUP_APP_ID;
}

static void remove_if_stale(int dfd, const char *name)
{
    struct stat sb;
    if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode) &&
        time(NULL) - sb.st_mtime > STALE_TMP_SECONDS)
        unlinkat(dfd, name, 0);
}

/* ".pia-….db.tmp-PID-RANDOM/copy.db": the private folder of a backup
 * killed mid-copy. */
static void remove_stale_folder(int dfd, const char *name)
{
    struct stat sb;
    if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(sb.st_mode))
        return;
    int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0)
        return;
    struct stat cs;
    int copy = fstatat(sub, COPY_NAME, &cs, AT_SYMLINK_NOFOLLOW) == 0;
    time_t touched = copy ? cs.st_mtime : sb.st_mtime;
    if (time(NULL) - touched > STALE_TMP_SECONDS) {
        if (copy && S_ISREG(cs.st_mode))
            unlinkat(sub, COPY_NAME, 0);
        unlinkat(dfd, name, AT_REMOVEDIR);    /* only when nothing else is in it */
    }
    close(sub);
}

/* Delete all but the newest `keep` backups of dir, and stale copies.  Only
 * what pia_backup made is touched: a regular file (no symlink) with exactly
 * its name pattern and a pia database header, and never the database being
 * backed up (`live`), whatever it is called. */
static void rotate(const char *dir, int keep, const struct stat *live)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    int n = 0, dfd = dirfd(d);
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        struct stat sb;
        if (strncmp(e->d_name, "pia-", 4) == 0 && has_suffix(e->d_name, len, ".db.tmp")) {
            remove_if_stale(dfd, e->d_name);
        } else if (strncmp(e->d_name, ".pia-", 5) == 0 && strstr(e->d_name, ".db.tmp-")) {
            remove_stale_folder(dfd, e->d_name);
        } else if (backup_name(e->d_name) && fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
                   S_ISREG(sb.st_mode) && !(live && sb.st_dev == live->st_dev && sb.st_ino == live->st_ino) &&
                   pia_file(dfd, e->d_name)) {
            names = pia_xrealloc(names, (size_t)(n + 1) * sizeof *names);
            names[n++] = pia_xstrdup(e->d_name);
        }
    }
    if (n > 1)                     /* names is NULL when there is none */
        qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n; i++) {
        if (i < n - keep)
            unlinkat(dfd, names[i], 0);
        free(names[i]);
    }
    free(names);
    closedir(d);
}

int pia_backup(pia_store *st, const char *dir, int keep, char **out_path, pia_err *err)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return pia_fail(err, errno == ENOSPC ? PIA_EFULL : PIA_EIO, "%s: バックアップ先を作成できません（%s）",
                        dir, pia_errno_ja(errno));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    char *path = pia_xasprintf("%s/pia-%s.%03ldZ.db", dir, stamp, ts.tv_nsec / 1000000);
    /* Two backups within one millisecond must not overwrite each other. */
    struct stat sb;
    for (int k = 1; lstat(path, &sb) == 0; k++) {
        free(path);
        path = pia_xasprintf("%s/pia-%s.%03ldZ_%d.db", dir, stamp, ts.tv_nsec / 1000000, k);   /* sorts after */
    }
    pia_atomic a;
    if (pia_atomic_open_dir(&a, path, COPY_NAME, err)) {
        free(path);
        return -1;
    }
    sqlite3 *to = NULL;
    int rc = open_copy(&a, &to, err);
    if (!rc)
        rc = copy_db(pia_store_db(st), to, path, err);
    if (!rc)
        rc = leave_wal(to, path, err);
    if (sqlite3_close(to) != SQLITE_OK && !rc)
        rc = pia_fail(err, PIA_EIO, "%s: 閉じられません", path);
    rc = rc ? (pia_atomic_abort(&a), -1) : pia_atomic_commit(&a, err);
    struct stat live;
    int have_live = stat(pia_store_path(st), &live) == 0;
    if (!rc)
        rotate(dir, keep > 0 ? keep : 10, have_live ? &live : NULL);
    if (!rc && out_path)
        *out_path = path;
    else
        free(path);
    return rc;
}

static int verify(const char *backup, pia_err *err)
{
    pia_store *st;
    if (pia_store_open(backup, PIA_STORE_READONLY, &st, err))
        return -1;
    sqlite3_stmt *s;
    int ok = 0;
    if (sqlite3_prepare_v2(pia_store_db(st), "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK) {
        ok = sqlite3_step(s) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(s, 0), "ok") == 0;
        sqlite3_finalize(s);
    }
    pia_store_close(st);
    return ok ? 0 : pia_fail(err, PIA_ECORRUPT, "%s: バックアップが壊れています（integrity_check）", backup);
}

int pia_restore(const char *db_path, const char *backup, const char *dir, pia_err *err)
{
    if (verify(backup, err))
        return -1;
    pia_store *live;
    if (pia_store_open(db_path, 0, &live, err))
        return -1;
    char *saved = NULL;
    int rc = pia_backup(live, dir, 1000000, &saved, err);   /* the current state, kept whatever --keep says */
    if (!rc) {
        sqlite3 *from = NULL;
        rc = sqlite3_open_v2(backup, &from, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
           ? copy_db(from, pia_store_db(live), db_path, err)
           : pia_fail(err, PIA_EIO, "%s: 開けません", backup);
        sqlite3_close(from);
    }
    free(saved);
    pia_store_close(live);
    return rc;
}
