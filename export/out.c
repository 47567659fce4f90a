/*
 * out.c — atomic output files for the exporters (see export.h): a stdio
 * stream on a temporary file made by model/atomic.c (O_EXCL|O_NOFOLLOW,
 * 0600 from the start, removed on failure and on SIGINT/SIGTERM), renamed
 * over the target only after fflush + fsync, and only over nothing or a
 * regular file.
 */
#include "export.h"
#include "model/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pia_out_error(pia_err *err, const char *path, int e)
{
    return pia_atomic_error(err, path, e);
}

static void out_take(pia_out *o, pia_atomic *a)
{
    o->path = a->path;
    o->tmp = a->tmp;
    o->dir = a->dir;
    o->slot = a->slot;
}

static pia_atomic out_atomic(const pia_out *o)
{
    pia_atomic a = { .path = o->path, .tmp = o->tmp, .dir = o->dir, .fd = -1, .slot = o->slot };
    return a;
}

int pia_out_open(pia_out *o, const char *path, int mode, pia_err *err)
{
    memset(o, 0, sizeof *o);
    pia_atomic a;
    if (pia_atomic_open(&a, path, err))
        return -1;
    if (mode && mode != 0600)
        fchmod(a.fd, (mode_t)mode);
    out_take(o, &a);
    o->fp = fdopen(a.fd, "w");
    if (!o->fp) {
        int e = errno;
        pia_atomic_abort(&a);
        memset(o, 0, sizeof *o);
        return pia_out_error(err, path, e);
    }
    return 0;
}

void pia_out_abort(pia_out *o)
{
    if (o->fp)
        fclose(o->fp);
    pia_atomic a = out_atomic(o);
    pia_atomic_abort(&a);
    memset(o, 0, sizeof *o);
}

int pia_out_commit(pia_out *o, pia_err *err)
{
    int e = 0;
    if (fflush(o->fp) != 0 || ferror(o->fp))
        e = errno ? errno : EIO;
    else if (fsync(fileno(o->fp)) != 0)
        e = errno;
    if (fclose(o->fp) != 0 && !e)
        e = errno;
    o->fp = NULL;
    pia_atomic a = out_atomic(o);
    memset(o, 0, sizeof *o);
    if (e) {
        pia_out_error(err, a.path, e);
        pia_atomic_abort(&a);
        return -1;
    }
    return pia_atomic_commit(&a, err);
}

char *pia_out_tmpname(const char *path)
{
    pia_atomic a;
    if (pia_atomic_open(&a, path, NULL))
        return NULL;
    /* The name is reserved by an empty 0600 file the caller may replace. */
    char *tmp = a.tmp;
    a.tmp = NULL;
    pia_atomic_abort(&a);       /* closes and releases, leaves the file */
    return tmp;
}

int pia_out_rename(const char *tmp, const char *path, pia_err *err)
{
    if (pia_atomic_check_target(path, err))
        return -1;
    if (rename(tmp, path) != 0)
        return pia_out_error(err, path, errno);
    return pia_atomic_sync_dir(path, err);
}
