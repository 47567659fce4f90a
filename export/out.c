/*
 * out.c — atomic output files (see export.h).
 *
 * Every file pia writes goes to "DIR/.NAME.tmp-PID-N" first and is renamed
 * over the target only after fflush + fsync succeeded, so a full disk, a
 * crash or a kill never leaves a half-written export behind.
 */
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pia_out_error(pia_err *err, const char *path, int e)
{
    pia_errcode code = (e == ENOSPC || e == EDQUOT || e == EFBIG) ? PIA_EFULL
                     : (e == EROFS || e == EACCES || e == EPERM) ? PIA_ERDONLY : PIA_EIO;
    if (code == PIA_EFULL)
        return pia_fail(err, code, "%s: 書き込めません（ディスクの空きがありません: %s）", path, strerror(e));
    return pia_fail(err, code, "%s: 書き込めません（%s）", path, strerror(e));
}

char *pia_out_tmpname(const char *path)
{
    static unsigned counter;
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    const char *base = slash ? slash + 1 : path;
    return pia_xasprintf("%.*s.%s.tmp-%ld-%u", dirlen, path, base, (long)getpid(),
                         __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
}

int pia_out_open(pia_out *o, const char *path, int mode, pia_err *err)
{
    memset(o, 0, sizeof *o);
    o->path = pia_xstrdup(path);
    o->tmp = pia_out_tmpname(path);
    int fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode ? mode : 0600);
    if (fd < 0) {
        int e = errno;
        pia_out_error(err, path, e);
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return -1;
    }
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return pia_out_error(err, path, e);
    }
    return 0;
}

static void out_release(pia_out *o)
{
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

void pia_out_abort(pia_out *o)
{
    if (o->fp)
        fclose(o->fp);
    if (o->tmp)
        unlink(o->tmp);
    out_release(o);
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
    if (e) {
        pia_out_error(err, o->path, e);
        pia_out_abort(o);
        return -1;
    }
    int rc = pia_out_rename(o->tmp, o->path, err);
    if (rc)
        unlink(o->tmp);
    out_release(o);
    return rc;
}

int pia_out_rename(const char *tmp, const char *path, pia_err *err)
{
    if (rename(tmp, path) != 0)
        return pia_out_error(err, path, errno);
    return 0;
}
