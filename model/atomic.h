/*
 * atomic.h — the one way pia puts a file on disk (exports, bundles, the
 * index and manifest, backups).
 *
 * The bytes go first to a temporary place beside the target that nobody
 * else can have prepared: either a file created O_EXCL|O_NOFOLLOW with mode
 * 0600 from the start, or a private 0700 folder (for libraries that open
 * their output by name, libxlsxwriter and SQLite).  Commit syncs the file,
 * renames it into place only over nothing or a regular file (a symlink, a
 * FIFO, a device or a folder at the target is refused with a message), and
 * syncs the folder.  Abort, and SIGINT/SIGTERM/SIGHUP while the signal's
 * disposition is the default, remove the temporary file and folder, so no
 * partial copy of the answers is left behind.
 */
#ifndef PIA_ATOMIC_H
#define PIA_ATOMIC_H

#include "err.h"

typedef struct pia_atomic {
    char *path;     /* the target */
    char *tmp;      /* the file being written (in `dir` when there is one) */
    char *dir;      /* the private folder, or NULL */
    int fd;         /* open on tmp for temp files; -1 once closed or for folders */
    int slot;       /* signal cleanup registration, -1 when none */
} pia_atomic;

/* 0 when `path` is absent or a regular file; otherwise an error naming it
 * (a symlink, a FIFO, a device, a socket or a folder is never replaced). */
int pia_atomic_check_target(const char *path, pia_err *err);

/* The same for `name` in the folder open as `dfd`; `path` is how the
 * message names it. */
int pia_atomic_check_at(int dfd, const char *name, const char *path, pia_err *err);

/* Rename `from` (in from_dfd) to `to` (in to_dfd) over nothing or a regular
 * file only, as commit does; `path` names the target in messages. */
int pia_atomic_place_at(int from_dfd, const char *from, int to_dfd, const char *to,
                        const char *path, pia_err *err);

/* A temporary file beside `path` (".NAME.tmp-PID-RANDOM"), open in a->fd. */
int pia_atomic_open(pia_atomic *a, const char *path, pia_err *err);

/* A private folder beside `path` (".NAME.tmp-PID-RANDOM/", mode 0700); the
 * writer creates a->tmp (inside it, named `inner`) by name.  Anything else
 * the writer puts there must be gone by commit time. */
int pia_atomic_open_dir(pia_atomic *a, const char *path, const char *inner, pia_err *err);

/* A private folder (mode 0700, a random name) for a library's short-lived
 * scratch files (libxlsxwriter writes each part of a workbook to one and
 * reads it back), on a memory file system — the user's runtime folder or
 * /dev/shm — so they cost no disk journal.  Registered like the others:
 * pia_atomic_abort and SIGINT/SIGTERM/SIGHUP empty and remove it.  -1
 * when there is no such file system or the folder cannot be made (the
 * caller then keeps its scratch beside the target). */
int pia_atomic_open_scratch(pia_atomic *a);
/* The memory file system's folder that scratch folders go in, or NULL. */
const char *pia_atomic_scratch_base(void);

/* fsync the temporary file (closing a->fd), rename it over the target,
 * remove the private folder, fsync the target's folder.  On failure the
 * temporary file and folder are removed.  Always releases `a`. */
int pia_atomic_commit(pia_atomic *a, pia_err *err);

/* Remove the temporary file (and folder); releases `a`. */
void pia_atomic_abort(pia_atomic *a);

/* fsync the folder holding `path` (after renames or removals in it). */
int pia_atomic_sync_dir(const char *path, pia_err *err);

/* The error for a failed write of `path` with errno `e`: PIA_EFULL for a
 * full disk or quota, PIA_ERDONLY for a read-only place, else PIA_EIO. */
int pia_atomic_error(pia_err *err, const char *path, int e);

#endif
