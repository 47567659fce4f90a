/*
 * atomic.c — writing a file so that it is whole or absent (see atomic.h).
 *
 * Temporary names carry the process id and 32 random bits and are created
 * with O_EXCL|O_NOFOLLOW, so a name planted in advance (a symlink to some
 * other file) makes the create fail instead of writing through it.  The
 * paths in flight sit in a fixed table that a signal handler can walk
 * without allocating: a SIGTERM or Ctrl-C during `export -o` removes the
 * partial copy before the process dies.
 */
#define _GNU_SOURCE          /* renameat2 */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

/* ---- cleanup on signals ------------------------------------------------ */

#define SLOTS 128

enum { SLOT_FREE, SLOT_FILLING, SLOT_LIVE };

static struct slot {
    int state;
    char file[PATH_MAX];
    char dir[PATH_MAX];
} slots[SLOTS];

static const int CLEANUP_SIGNALS[] = { SIGINT, SIGTERM, SIGHUP };

/* Empty a private folder and remove it.  Everything in it is ours; a
 * library's scratch file lives there for a moment between its create and
 * its unlink.  Only system calls (getdents64 instead of readdir, which
 * allocates), so that the signal handler may call it. */
static void remove_private_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        char buf[2048];
        long n;
        while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
            for (long off = 0; off < n;) {
                struct { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type; char name[]; } *d =
                    (void *)(buf + off);
                if (strcmp(d->name, ".") != 0 && strcmp(d->name, "..") != 0)
                    unlinkat(fd, d->name, 0);
                off += d->reclen;
            }
        }
        close(fd);
    }
    rmdir(dir);
}

static void on_signal(int sig)
{
    int saved = errno;
    for (int i = 0; i < SLOTS; i++) {
        if (__atomic_load_n(&slots[i].state, __ATOMIC_ACQUIRE) != SLOT_LIVE)
            continue;
        if (slots[i].file[0])
            unlink(slots[i].file);
        if (slots[i].dir[0])
            remove_private_dir(slots[i].dir);
    }
    errno = saved;
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Only where nobody else handles the signal: the TUI and `pia bundle`
 * catch SIGTERM themselves and finish or abort their writes in order; a
 * signal ignored (nohup) stays ignored. */
static void install_handlers(void)
{
    static int done;
    if (__atomic_exchange_n(&done, 1, __ATOMIC_ACQ_REL))
        return;
    for (size_t i = 0; i < sizeof CLEANUP_SIGNALS / sizeof *CLEANUP_SIGNALS; i++) {
        struct sigaction old, sa;
        if (sigaction(CLEANUP_SIGNALS[i], NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) ||
            old.sa_handler != SIG_DFL)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(CLEANUP_SIGNALS[i], &sa, NULL);
    }
}

/* A slot for (file, dir), either may be NULL, or -1 when the table is
 * full or a path too long (the write still works; only the cleanup on a
 * signal is lost). */
static int slot_take(const char *file, const char *dir)
{
    install_handlers();
    if ((file && strlen(file) >= PATH_MAX) || (dir && strlen(dir) >= PATH_MAX))
        return -1;
    for (int i = 0; i < SLOTS; i++) {
        int expect = SLOT_FREE;
        if (!__atomic_compare_exchange_n(&slots[i].state, &expect, SLOT_FILLING, 0,
                                         __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
            continue;
        strcpy(slots[i].file, file ? file : "");
        strcpy(slots[i].dir, dir ? dir : "");
        __atomic_store_n(&slots[i].state, SLOT_LIVE, __ATOMIC_RELEASE);
        return i;
    }
    return -1;
}

static void slot_give(int i)
{
    if (i >= 0)
        __atomic_store_n(&slots[i].state, SLOT_FREE, __ATOMIC_RELEASE);
}

/* ---- names and errors -------------------------------------------------- */

int pia_atomic_error(pia_err *err, const char *path, int e)
{
    pia_errcode code = (e == ENOSPC || e == EDQUOT || e == EFBIG) ? PIA_EFULL
                     : (e == EROFS || e == EACCES || e == EPERM) ? PIA_ERDONLY : PIA_EIO;
    return pia_fail(err, code, "%s: 書き込めません（%s）", path, pia_errno_ja(e));
}

static unsigned random32(void)
{
    unsigned r;
    if (getrandom(&r, sizeof r, GRND_NONBLOCK) == (ssize_t)sizeof r)
        return r;
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned)ts.tv_nsec ^ ((unsigned)getpid() << 16) ^
           __atomic_add_fetch(&counter, 0x9e3779b9u, __ATOMIC_RELAXED);
}

/* "DIR/.NAME.tmp-PID-RANDOM"; NAME cut (on a character boundary) so the
 * whole stays under NAME_MAX. */
static char *tmp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    if (n > 200) {
        n = 200;
        while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
            n--;
    }
    return pia_xasprintf("%.*s.%.*s.tmp-%ld-%08x", dirlen, path, (int)n, base, (long)getpid(), random32());
}

int pia_atomic_check_target(const char *path, pia_err *err)
{
    return pia_atomic_check_at(AT_FDCWD, path, path, err);
}

/* PIA_EIO, not PIA_EINVAL: the operation failed on what is there, which
 * commands report with exit 1 like any other file they cannot write. */
int pia_atomic_check_at(int dfd, const char *name, const char *path, pia_err *err)
{
    struct stat sb;
    if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || S_ISREG(sb.st_mode))
        return 0;     /* absent, or a regular file; other errors show at the write */
    if (S_ISLNK(sb.st_mode))
        return pia_fail(err, PIA_EIO, "%s: シンボリックリンクには書き出しません（リンク先のファイル名を直接指定してください）", path);
    if (S_ISDIR(sb.st_mode))
        return pia_fail(err, PIA_EIO, "%s: フォルダです（書き出すファイルの名前を指定してください）", path);
    return pia_fail(err, PIA_EIO, "%s: 通常のファイルではないため書き出しません（FIFO・デバイス・ソケットなど。別の名前を指定してください）", path);
}

/* ---- opening ----------------------------------------------------------- */

/* Each name belongs to *a from the moment it is made, before the system
 * call that creates the file or folder: a signal that ends the process in
 * that call then leaves nothing held only in a register.  (Valgrind checks
 * for leaks when a signal kills the process, and does not look into the
 * registers saved in the signal's frame: a name held there was reported
 * lost by t_rel_files.) */

static void release(pia_atomic *a)
{
    slot_give(a->slot);
    free(a->path);
    free(a->tmp);
    free(a->dir);
    memset(a, 0, sizeof *a);
    a->fd = -1;
    a->slot = -1;
}

int pia_atomic_open(pia_atomic *a, const char *path, pia_err *err)
{
    memset(a, 0, sizeof *a);
    a->fd = a->slot = -1;
    if (pia_atomic_check_target(path, err))
        return -1;
    for (int tries = 0; tries < 16; tries++) {
        a->tmp = tmp_name(path);
        /* Registered before it exists: a signal right after the create
         * still finds it. */
        a->slot = slot_take(a->tmp, NULL);
        a->fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (a->fd >= 0) {
            a->path = pia_xstrdup(path);
            /* 0600 whatever the umask (a umask of 0777 would leave 0000). */
            if (fchmod(a->fd, 0600) != 0) {
                int e = errno;
                pia_atomic_abort(a);
                return pia_atomic_error(err, path, e);
            }
            return 0;
        }
        int e = errno;
        release(a);
        if (e != EEXIST)
            return pia_atomic_error(err, path, e);
    }
    return pia_fail(err, PIA_EIO, "%s: 一時ファイルを作成できません（同じ名前が既にあります）", path);
}

int pia_atomic_open_dir(pia_atomic *a, const char *path, const char *inner, pia_err *err)
{
    memset(a, 0, sizeof *a);
    a->fd = a->slot = -1;
    if (pia_atomic_check_target(path, err))
        return -1;
    for (int tries = 0; tries < 16; tries++) {
        a->dir = tmp_name(path);
        a->tmp = pia_xasprintf("%s/%s", a->dir, inner);
        a->slot = slot_take(a->tmp, a->dir);
        if (mkdir(a->dir, 0700) == 0) {
            a->path = pia_xstrdup(path);
            if (chmod(a->dir, 0700) != 0) {     /* mkdir applied the umask */
                int e = errno;
                pia_atomic_abort(a);
                return pia_atomic_error(err, path, e);
            }
            return 0;
        }
        int e = errno;
        release(a);
        if (e != EEXIST)
            return pia_atomic_error(err, path, e);
    }
    return pia_fail(err, PIA_EIO, "%s: 作業フォルダを作成できません（同じ名前が既にあります）", path);
}

/* ---- scratch folders on a memory file system -------------------------- */

/* Where scratch folders go: the user's runtime folder (a private tmpfs on
 * systemd systems) or /dev/shm, when it is a folder on a memory file
 * system; NULL when there is none.  Decided once. */
static const char *scratch_base;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

static int memory_dir(const char *dir)
{
    struct statfs fs;
    struct stat sb;
    return dir && dir[0] == '/' && strlen(dir) < PATH_MAX - 64 && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) &&
           access(dir, W_OK | X_OK) == 0 && statfs(dir, &fs) == 0 && fs.f_type == TMPFS_MAGIC;
}

static void find_scratch_base(void)
{
    static char runtime[PATH_MAX];
    const char *xdg = getenv("XDG_RUNTIME_DIR");
    if (memory_dir(xdg)) {
        snprintf(runtime, sizeof runtime, "%s", xdg);
        scratch_base = runtime;
    } else if (memory_dir("/dev/shm")) {
        scratch_base = "/dev/shm";
    }
}

const char *pia_atomic_scratch_base(void)
{
    pthread_once(&scratch_once, find_scratch_base);
    return scratch_base;
}

int pia_atomic_open_scratch(pia_atomic *a)
{
    memset(a, 0, sizeof *a);
    a->fd = a->slot = -1;
    const char *base = pia_atomic_scratch_base();
    if (!base)
        return -1;
    for (int tries = 0; tries < 16; tries++) {
        a->dir = pia_xasprintf("%s/pia-scratch-%ld-%08x", base, (long)getpid(), random32());
        a->slot = slot_take(NULL, a->dir);
        if (mkdir(a->dir, 0700) == 0) {
            if (chmod(a->dir, 0700) != 0) {     /* mkdir applied the umask */
                pia_atomic_abort(a);
                return -1;
            }
            return 0;
        }
        int e = errno;
        release(a);
        if (e != EEXIST)
            return -1;
    }
    return -1;
}

/* ---- finishing --------------------------------------------------------- */

void pia_atomic_abort(pia_atomic *a)
{
    if (a->fd >= 0)
        close(a->fd);
    if (a->tmp)
        unlink(a->tmp);
    if (a->dir)
        remove_private_dir(a->dir);
    release(a);
}

int pia_atomic_sync_dir(const char *path, pia_err *err)
{
    const char *slash = strrchr(path, '/');
    char *dir = !slash ? pia_xstrdup(".") : slash == path ? pia_xstrdup("/")
              : pia_xstrndup(path, (size_t)(slash - path));
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e = 0;
    if (fd < 0 || fsync(fd) != 0)
        e = errno;
    if (fd >= 0)
        close(fd);
    free(dir);
    /* Some file systems cannot sync a folder; that is no failure of ours. */
    if (e && e != EINVAL && e != EROFS && e != EACCES && e != EBADF)
        return pia_atomic_error(err, path, e);
    return 0;
}

/* Rename over nothing or over a regular file, never over anything else:
 * checked again here, since the target may have changed while writing. */
int pia_atomic_place_at(int from_dfd, const char *from, int to_dfd, const char *to,
                        const char *path, pia_err *err)
{
    for (int tries = 0; tries < 4; tries++) {
        if (pia_atomic_check_at(to_dfd, to, path, err))
            return -1;
        struct stat sb;
        if (fstatat(to_dfd, to, &sb, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT) {
            if (renameat2(from_dfd, from, to_dfd, to, RENAME_NOREPLACE) == 0)
                return 0;
            if (errno == EEXIST)
                continue;    /* something appeared meanwhile: look at it */
            if (errno != EINVAL && errno != ENOSYS)
                return pia_atomic_error(err, path, errno);
        }
        if (renameat(from_dfd, from, to_dfd, to) == 0)
            return 0;
        return pia_atomic_error(err, path, errno);
    }
    return pia_fail(err, PIA_EIO, "%s: 書き込めません（ほかのプロセスが同じ名前を使い続けています）", path);
}

static int place(const char *tmp, const char *path, pia_err *err)
{
    return pia_atomic_place_at(AT_FDCWD, tmp, AT_FDCWD, path, path, err);
}

int pia_atomic_commit(pia_atomic *a, pia_err *err)
{
    int fd = a->fd >= 0 ? a->fd : open(a->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), e = 0;
    a->fd = -1;
    if (fd < 0) {
        e = errno;
    } else {
        /* A library that opened the file by name created it with the umask. */
        if (fchmod(fd, 0600) != 0 || fsync(fd) != 0)
            e = errno;
        if (close(fd) != 0 && !e)
            e = errno;
    }
    if (e) {
        pia_atomic_error(err, a->path, e);
        pia_atomic_abort(a);
        return -1;
    }
    if (place(a->tmp, a->path, err)) {
        pia_atomic_abort(a);
        return -1;
    }
    if (a->dir)
        rmdir(a->dir);
    int rc = pia_atomic_sync_dir(a->path, err);
    release(a);
    return rc;
}
