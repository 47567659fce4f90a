/*
 * xlsx_file.c — opening and finishing XLSX workbooks atomically (see
 * xlsx_file.h).
 */
#include "xlsx_file.h"
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pia_xlsx_open(pia_xlsx_file *f, const char *path, int streaming, pia_err *err)
{
    memset(f, 0, sizeof *f);
    char *tmp = pia_out_tmpname(path);
    lxw_workbook_options opts = { .constant_memory = streaming ? LXW_TRUE : LXW_FALSE };
    f->wb = workbook_new_opt(tmp, &opts);
    if (!f->wb) {
        free(tmp);
        return pia_fail(err, PIA_EIO, "%s: XLSX を作成できません", path);
    }
    f->path = pia_xstrdup(path);
    f->tmp = tmp;
    return 0;
}

/* libxlsxwriter creates the file with the umask and does not sync it. */
static int seal(const char *tmp)
{
    if (chmod(tmp, 0600) != 0)
        return errno;
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int e = fsync(fd) != 0 ? errno : 0;
    close(fd);
    return e;
}

static int close_failed(const char *path, lxw_error e, int sys, pia_err *err)
{
    int full = sys == ENOSPC || sys == EFBIG || sys == EDQUOT;
    return pia_fail(err, full ? PIA_EFULL : PIA_EIO, "%s: XLSX を書き出せません（%s%s）", path,
                    full ? "ディスクの空きがありません: " : "", lxw_strerror(e));
}

int pia_xlsx_commit(pia_xlsx_file *f, lxw_error written, pia_err *err)
{
    errno = 0;
    lxw_error closed = workbook_close(f->wb);
    int sys = errno, rc = 0;
    if (written != LXW_NO_ERROR || closed != LXW_NO_ERROR)
        rc = close_failed(f->path, written != LXW_NO_ERROR ? written : closed, sys, err);
    else if ((sys = seal(f->tmp)) != 0)
        rc = pia_out_error(err, f->path, sys);
    else
        rc = pia_out_rename(f->tmp, f->path, err);
    if (rc)
        unlink(f->tmp);
    free(f->tmp);
    free(f->path);
    memset(f, 0, sizeof *f);
    return rc;
}
