/*
 * backup.c — rotating backups and restore (see backup.h).
 *
 * Backups are whole database files named by UTC time, so they sort by name
 * and a plain `ls` shows the generations.  Restoring goes through the same
 * online backup API in reverse, page by page under the destination's lock,
 * after the candidate passed integrity_check and opened as a pia store.
 */
#include "backup.h"

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

char *pia_backup_dir(const char *db_path)
{
    const char *slash = strrchr(db_path, '/');
    if (!slash)
        return pia_xstrdup("backups");
    return pia_xasprintf("%.*s/backups", (int)(slash - db_path), db_path);
}

static int copy_db(sqlite3 *from, sqlite3 *to, const char *what, pia_err *err)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b)
        return pia_fail(err, PIA_EIO, "%s: %s", what, sqlite3_errmsg(to));
    int rc;
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(20);
    sqlite3_backup_finish(b);
    if (rc == SQLITE_DONE)
        return 0;
    /* A file-size limit or quota comes back as an I/O error. */
    int e = sqlite3_system_errno(to);
    if ((rc & 0xff) == SQLITE_FULL || e == ENOSPC || e == EFBIG || e == EDQUOT)
        return pia_fail(err, PIA_EFULL, "%s: 書き込めません（ディスクの空きがありません）", what);
    return pia_fail(err, PIA_EIO, "%s: %s", what, sqlite3_errstr(rc));
}

/* The copy is made under a temporary name, created 0600 before SQLite
 * opens it, without a journal (it is renamed into place only when whole,
 * so there is nothing to roll back and nothing else to clean up). */
static int open_copy(const char *tmp, sqlite3 **to, pia_err *err)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return pia_fail(err, errno == ENOSPC ? PIA_EFULL : PIA_EIO, "%s: 作成できません（%s）", tmp,
                        strerror(errno));
    close(fd);
    if (sqlite3_open_v2(tmp, to, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_exec(*to, "PRAGMA journal_mode=OFF; PRAGMA synchronous=FULL", NULL, NULL, NULL) != SQLITE_OK)
        return pia_fail(err, PIA_EIO, "%s: %s", tmp, sqlite3_errmsg(*to));
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A backup killed mid-copy leaves its pia-*.db.tmp behind.  One untouched
 * for this long is no copy in progress (a running copy keeps writing). */
#define STALE_TMP_SECONDS 3600

static int has_suffix(const char *name, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len > n && strcmp(name + len - n, suffix) == 0;
}

static void remove_if_stale(int dfd, const char *name)
{
    struct stat sb;
    if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode) &&
        time(NULL) - sb.st_mtime > STALE_TMP_SECONDS)
        unlinkat(dfd, name, 0);
}

/* Delete all but the newest `keep` pia-*.db files of dir, and stale copies. */
static void rotate(const char *dir, int keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, "pia-", 4) != 0)
            continue;
        if (has_suffix(e->d_name, len, ".db.tmp")) {
            remove_if_stale(dirfd(d), e->d_name);
        } else if (has_suffix(e->d_name, len, ".db")) {
            names = pia_xrealloc(names, (size_t)(n + 1) * sizeof *names);
            names[n++] = pia_xstrdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n; i++) {
        if (i < n - keep) {
            char *p = pia_xasprintf("%s/%s", dir, names[i]);
            unlink(p);
            free(p);
        }
        free(names[i]);
    }
    free(names);
}

int pia_backup(pia_store *st, const char *dir, int keep, char **out_path, pia_err *err)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return pia_fail(err, errno == ENOSPC ? PIA_EFULL : PIA_EIO, "%s: バックアップ先を作成できません（%s）",
                        dir, strerror(errno));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
    char *path = pia_xasprintf("%s/pia-%s.%03ldZ.db", dir, stamp, ts.tv_nsec / 1000000);
    /* Two backups within one millisecond must not overwrite each other. */
    struct stat sb;
    for (int k = 1; stat(path, &sb) == 0; k++) {
        free(path);
        path = pia_xasprintf("%s/pia-%s.%03ldZ_%d.db", dir, stamp, ts.tv_nsec / 1000000, k);   /* sorts after */
    }
    char *tmp = pia_xasprintf("%s.tmp", path);
    sqlite3 *to = NULL;
    int rc = open_copy(tmp, &to, err);
    if (!rc)
        rc = copy_db(pia_store_db(st), to, path, err);
    sqlite3_close(to);
    if (!rc && rename(tmp, path) != 0)
        rc = pia_fail(err, PIA_EIO, "%s: %s", path, strerror(errno));
    if (rc)
        unlink(tmp);
    else
        rotate(dir, keep > 0 ? keep : 10);
    free(tmp);
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
