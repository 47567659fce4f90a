/*
 * bundle_dir.c — the bundle's output folder: lock, record, work folder,
 * keeping and moving files (see bundle_dir.h).
 *
 * The record (".pia-bundle") holds one line per file, "SHA256 TAB KEY TAB
 * NAME": what the file was made from and the bytes it had.  A file is kept
 * only when both still hold.  Names read back from the record are checked
 * (no '/', no leading dot, no control character) and every removal goes
 * through the folder's descriptor, so a doctored record cannot reach
 * outside the folder.
 */
#include "bundle_dir.h"
#include "export.h"
#include "model/atomic.h"
#include "model/map.h"
#include "model/sha256.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOG_NAME ".sources"

typedef struct rec {
    char *key;
    char sha[65];
} rec;

struct pia_bdir {
    char *dir, *work;
    int dfd, wfd;
    int created, force;
    pia_map *old;     /* name -> rec: the record of the last complete run */
    pia_map *done;    /* name -> rec: complete files in the work folder */
    FILE *log;
    pthread_mutex_t mu;
};

static void rec_free(void *p)
{
    rec *r = p;
    free(r->key);
    free(r);
}

static int valid_name(const char *s)
{
    if (!*s || *s == '.' || strlen(s) > 255)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/')
            return 0;
    return 1;
}

static int valid_sha(const char *s)
{
    if (strlen(s) != 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
            return 0;
    return 1;
}

/* SHA-256 of a regular file in dfd, never following a symlink. */
static int sha_at(int dfd, const char *name, char out[65])
{
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return -1;
    }
    pia_sha256 c;
    pia_sha256_init(&c);
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        pia_sha256_update(&c, buf, (size_t)n);
    close(fd);
    if (n < 0)
        return -1;
    pia_sha256_hex(&c, out);
    return 0;
}

/* ---- reading the record ------------------------------------------------ */

static FILE *open_at(int dfd, const char *name)
{
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat sb;
    FILE *fp = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? fdopen(fd, "r") : NULL;
    if (!fp)
        close(fd);
    return fp;
}

/* One valid line of a record into the map: name -> (sha, key). */
static void put_rec(pia_map *into, const char *sha, const char *key, const char *name)
{
    if (!valid_sha(sha) || !valid_name(name))
        return;
    rec *r = pia_xcalloc(1, sizeof *r);
    r->key = pia_xstrdup(key);
    memcpy(r->sha, sha, 65);
    pia_map_put(into, name, r);
}

/* Each line of `name` in the folder, without its newline, to fn. */
static void each_line(int dfd, const char *name, void (*fn)(char *line, size_t n, pia_map *into),
                      pia_map *into)
{
    FILE *fp = open_at(dfd, name);
    if (!fp)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        fn(line, (size_t)n, into);
    }
    free(line);
    fclose(fp);
}

/* "SHA TAB KEY TAB NAME" (the record, the work log). */
static void record_line(char *line, size_t n, pia_map *into)
{
    (void)n;
    char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
    if (!t2)
        return;
    *t1 = *t2 = '\0';
    put_rec(into, line, t1 + 1, t2 + 1);
}

/* "SHA  NAME" (SHA256SUMS): no recorded source. */
static void sums_line(char *line, size_t n, pia_map *into)
{
    if (n < 67 || line[64] != ' ' || line[65] != ' ')
        return;
    line[64] = '\0';
    put_rec(into, line, "", line + 66);
}

static void read_records(int dfd, const char *name, pia_map *into)
{
    each_line(dfd, name, record_line, into);
}

/* A folder bundled by an earlier pia has no record: its SHA256SUMS says
 * which files were the bundle's (none is kept, having no recorded source,
 * but those no longer wanted are removed). */
static void read_legacy(int dfd, pia_map *into)
{
    each_line(dfd, "SHA256SUMS", sums_line, into);
}

/* ---- the work folder --------------------------------------------------- */

/* Empty the work folder but for `keep` (names in it, may be NULL).  It is
 * this run's: the folder's lock is held, so whoever wrote there before is
 * gone.  Temporary folders of the XLSX writer hold one file. */
static void clear_work(int wfd, const pia_map *keep)
{
    int fd = openat(wfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);   /* a position of its own */
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    for (struct dirent *e; (e = readdir(d));) {
        const char *n = e->d_name;
        if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, LOG_NAME) || (keep && pia_map_get(keep, n)))
            continue;
        if (unlinkat(wfd, n, 0) != 0 && (errno == EISDIR || errno == EPERM)) {
            int sub = openat(wfd, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) {
                unlinkat(sub, "book.xlsx", 0);
                close(sub);
            }
            unlinkat(wfd, n, AT_REMOVEDIR);
        }
    }
    closedir(d);
}

static int open_work(pia_bdir *d, pia_err *err)
{
    if (mkdirat(d->dfd, PIA_BDIR_WORK, 0700) != 0 && errno != EEXIST)
        return pia_atomic_error(err, d->work, errno);
    d->wfd = openat(d->dfd, PIA_BDIR_WORK, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (d->wfd < 0)
        return pia_fail(err, PIA_EIO, "%s: 作業フォルダを開けません（%s）", d->work, pia_errno_ja(errno));
    fchmod(d->wfd, 0700);
    /* Left by a killed run: its complete files may serve again. */
    read_records(d->wfd, LOG_NAME, d->done);
    clear_work(d->wfd, d->done);
    int fd = openat(d->wfd, LOG_NAME, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    d->log = fd >= 0 ? fdopen(fd, "a") : NULL;
    if (!d->log) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        return pia_atomic_error(err, d->work, e);
    }
    return 0;
}

int pia_bdir_open(pia_bdir **out, const char *dir, int force, pia_err *err)
{
    *out = NULL;
    pia_bdir *d = pia_xcalloc(1, sizeof *d);
    d->dir = pia_xstrdup(dir);
    d->work = pia_xasprintf("%s/%s", dir, PIA_BDIR_WORK);
    d->dfd = d->wfd = -1;
    d->force = force;
    d->old = pia_map_new(rec_free);
    d->done = pia_map_new(rec_free);
    pthread_mutex_init(&d->mu, NULL);
    d->created = mkdir(dir, 0700) == 0;
    if (!d->created && errno != EEXIST) {
        int e = errno;
        pia_bdir_close(d, 1);
        return pia_fail(err, e == ENOSPC ? PIA_EFULL : PIA_EIO, "%s: 作成できません（%s）", dir, pia_errno_ja(e));
    }
    d->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->dfd < 0) {
        int e = errno;
        pia_bdir_close(d, 1);
        return pia_fail(err, PIA_EIO, "%s: フォルダとして開けません（%s）", dir, pia_errno_ja(e));
    }
    /* Two runs into one folder would move each other's files. */
    if (flock(d->dfd, LOCK_EX | LOCK_NB) != 0) {
        pia_bdir_close(d, 0);
        return pia_fail(err, PIA_EBUSY, "%s: 別の pia bundle がこのフォルダに書き出し中です（終わってから実行してください）", dir);
    }
    read_records(d->dfd, PIA_BDIR_RECORD, d->old);
    if (pia_map_count(d->old) == 0)
        read_legacy(d->dfd, d->old);
    if (open_work(d, err)) {
        pia_bdir_close(d, 1);
        return -1;
    }
    *out = d;
    return 0;
}

char *pia_bdir_work_path(pia_bdir *d, const char *name)
{
    return pia_xasprintf("%s/%s", d->work, name);
}

static void fill(pia_bfile *f, const char *name, const char *key, const char *sha, int fresh)
{
    f->name = pia_xstrdup(name);
    f->key = key ? pia_xstrdup(key) : NULL;
    memcpy(f->sha, sha, 65);
    f->fresh = fresh;
}

int pia_bdir_lookup(pia_bdir *d, const char *name, const char *key, pia_bfile *f)
{
    if (d->force)
        return 0;
    char sha[65];
    const rec *r = pia_map_get(d->old, name);
    if (r && strcmp(r->key, key) == 0 && sha_at(d->dfd, name, sha) == 0 && strcmp(sha, r->sha) == 0) {
        fill(f, name, key, sha, 0);
        return 1;
    }
    r = pia_map_get(d->done, name);
    if (r && strcmp(r->key, key) == 0 && sha_at(d->wfd, name, sha) == 0 && strcmp(sha, r->sha) == 0) {
        fill(f, name, key, sha, 1);
        return 1;
    }
    return 0;
}

int pia_bdir_wrote(pia_bdir *d, const char *name, const char *key, pia_bfile *f, pia_err *err)
{
    char sha[65];
    if (sha_at(d->wfd, name, sha) != 0)
        return pia_fail(err, PIA_EIO, "%s/%s: 書き出したファイルを読めません（%s）", d->work, name, pia_errno_ja(errno));
    fill(f, name, key, sha, 1);
    if (key) {
        pthread_mutex_lock(&d->mu);
        fprintf(d->log, "%s\t%s\t%s\n", sha, key, name);
        fflush(d->log);       /* no fsync: a reuse checks the hash first */
        pthread_mutex_unlock(&d->mu);
    }
    return 0;
}

int pia_bdir_write_text(pia_bdir *d, const char *name, const char *text, size_t len, pia_err *err)
{
    char *path = pia_bdir_work_path(d, name);
    pia_out o;
    int rc = pia_out_open(&o, path, 0600, err);
    if (!rc) {
        fwrite(text, 1, len, o.fp);
        rc = pia_out_commit(&o, err);
    }
    free(path);
    return rc;
}

/* ---- putting the run in place ----------------------------------------- */

static int check_targets(pia_bdir *d, const pia_bfile *files, int n, pia_err *err)
{
    static const char *const LAST[] = { PIA_BDIR_RECORD, "SHA256SUMS" };
    for (int i = 0; i < n + 2; i++) {
        const char *name = i < n ? files[i].name : LAST[i - n];
        if (i < n && !files[i].fresh)
            continue;
        char *shown = pia_xasprintf("%s/%s", d->dir, name);
        int rc = pia_atomic_check_at(d->dfd, name, shown, err);
        free(shown);
        if (rc)
            return -1;
    }
    return 0;
}

static int move_in(pia_bdir *d, const char *name, pia_err *err)
{
    char *shown = pia_xasprintf("%s/%s", d->dir, name);
    int rc = pia_atomic_place_at(d->wfd, name, d->dfd, name, shown, err);
    free(shown);
    return rc;
}

typedef struct sweep {
    pia_bdir *d;
    pia_map *wanted;
    int removed;
    void (*note)(const char *, void *);
    void *ctx;
} sweep;

static int remove_orphan(const char *name, void *value, void *ctx)
{
    (void)value;
    sweep *s = ctx;
    struct stat sb;
    if (pia_map_get(s->wanted, name) || fstatat(s->d->dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(sb.st_mode))
        return 0;
    if (unlinkat(s->d->dfd, name, 0) == 0) {
        s->removed++;
        char *msg = pia_xasprintf("%s/%s: もう一括出力に含まれないため削除しました", s->d->dir, name);
        if (s->note)
            s->note(msg, s->ctx);
        free(msg);
    }
    return 0;
}

/* Everything else in the folder (not hidden): reported, left alone. */
static int report_foreign(sweep *s)
{
    int fd = openat(s->d->dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = 0;
    DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dir) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    for (struct dirent *e; (e = readdir(dir));) {
        if (e->d_name[0] == '.' || pia_map_get(s->wanted, e->d_name))
            continue;
        n++;
        char *msg = pia_xasprintf("%s/%s: pia の一括出力ではないファイルです（そのままにしました）", s->d->dir, e->d_name);
        if (s->note)
            s->note(msg, s->ctx);
        free(msg);
    }
    closedir(dir);
    return n;
}

int pia_bdir_commit(pia_bdir *d, const pia_bfile *files, int n, int *removed, int *foreign,
                    void (*note)(const char *msg, void *ctx), void *ctx, pia_err *err)
{
    if (check_targets(d, files, n, err))
        return -1;
    for (int i = 0; i < n; i++)
        if (files[i].fresh && move_in(d, files[i].name, err))
            return -1;
    sweep s = { d, pia_map_new(NULL), 0, note, ctx };
    for (int i = 0; i < n; i++)
        pia_map_put(s.wanted, files[i].name, (void *)1);
    pia_map_put(s.wanted, "SHA256SUMS", (void *)1);
    pia_map_each(d->old, remove_orphan, &s);
    *removed = s.removed;
    *foreign = report_foreign(&s);
    pia_map_free(s.wanted);
    /* The manifest last: a folder whose SHA256SUMS verifies is complete. */
    if (move_in(d, PIA_BDIR_RECORD, err) || move_in(d, "SHA256SUMS", err))
        return -1;
    if (fsync(d->dfd) != 0 && errno != EINVAL)
        return pia_atomic_error(err, d->dir, errno);
    return 0;
}

void pia_bdir_close(pia_bdir *d, int failed)
{
    if (!d)
        return;
    if (d->log)
        fclose(d->log);
    if (d->wfd >= 0) {
        clear_work(d->wfd, NULL);
        unlinkat(d->wfd, LOG_NAME, 0);
        close(d->wfd);
        unlinkat(d->dfd, PIA_BDIR_WORK, AT_REMOVEDIR);
    }
    if (d->dfd >= 0)
        close(d->dfd);     /* releases the lock */
    if (failed && d->created)
        rmdir(d->dir);     /* only when empty: a folder this run made */
    pia_map_free(d->old);
    pia_map_free(d->done);
    pthread_mutex_destroy(&d->mu);
    free(d->dir);
    free(d->work);
    free(d);
}
