/*
 * xlsx_file.c — opening and finishing XLSX workbooks atomically (see
 * xlsx_file.h).  libxlsxwriter opens its output by name (fopen "wb":
 * following symlinks, with the umask), so it writes into a private 0700
 * folder that pia made beside the target (model/atomic.h).  Its scratch
 * files (every part of the workbook is written to one and read back into
 * the zip; libxlsxwriter 1.1.4 has no option to keep them in memory) go to
 * a private 0700 folder of their own on a memory file system when there is
 * one, else into the folder beside the target — never to a shared /tmp.
 * Commit syncs the book and renames it out of the folder.
 */
#include "xlsx_file.h"
#include "export.h"
#include "model/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int pia_xlsx_open(pia_xlsx_file *f, const char *path, int streaming, pia_err *err)
{
    memset(f, 0, sizeof *f);
    pia_atomic a;
    if (pia_atomic_open_dir(&a, path, "book.xlsx", err))
        return -1;
    pia_atomic scratch;
    int in_memory = pia_atomic_open_scratch(&scratch) == 0;
    lxw_workbook_options opts = { .constant_memory = streaming ? LXW_TRUE : LXW_FALSE,
                                  .tmpdir = in_memory ? scratch.dir : a.dir };
    f->wb = workbook_new_opt(a.tmp, &opts);
    if (!f->wb) {
        if (in_memory)
            pia_atomic_abort(&scratch);
        pia_atomic_abort(&a);
        return pia_fail(err, PIA_EIO, "%s: XLSX を作成できません", path);
    }
    f->path = a.path;
    f->tmp = a.tmp;
    f->dir = a.dir;
    f->slot = a.slot;
    f->scratch = in_memory ? scratch.dir : NULL;
    f->scratch_slot = in_memory ? scratch.slot : -1;
    return 0;
}

/* The scratch folder emptied and removed. */
static void drop_scratch(pia_xlsx_file *f)
{
    if (!f->scratch)
        return;
    pia_atomic s = { .dir = f->scratch, .fd = -1, .slot = f->scratch_slot };
    pia_atomic_abort(&s);
}

/* libxlsxwriter's own words are English and name no cause ("Usually a
 * permissions error."): the step that failed is said in Japanese, with the
 * system's cause when the failure was a file operation. */
static const char *lxw_step_ja(lxw_error e)
{
    switch (e) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED: return "メモリが足りません";
    case LXW_ERROR_CREATING_XLSX_FILE: return "出力ファイルを作成できません";
    case LXW_ERROR_CREATING_TMPFILE: return "作業用の一時ファイルを作成できません";
    case LXW_ERROR_READING_TMPFILE: return "作業用の一時ファイルを読めません";
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE: return "zip 形式での書き込みに失敗しました";
    default: return NULL;
    }
}

static int close_failed(const char *path, lxw_error e, int sys, pia_err *err)
{
    int full = sys == ENOSPC || sys == EFBIG || sys == EDQUOT;
    const char *step = lxw_step_ja(e);
    if (!step)      /* a limit of the library: its words are all there is */
        return pia_fail(err, PIA_EIO, "%s: XLSX を書き出せません（libxlsxwriter: %s）", path, lxw_strerror(e));
    if (!sys || e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return pia_fail(err, PIA_EIO, "%s: XLSX を書き出せません（%s）", path, step);
    return pia_fail(err, full ? PIA_EFULL : PIA_EIO, "%s: XLSX を書き出せません（%s: %s）", path, step,
                    pia_errno_ja(sys));
}

int pia_xlsx_commit(pia_xlsx_file *f, lxw_error written, pia_err *err)
{
    errno = 0;
    lxw_error closed = workbook_close(f->wb);
    int sys = errno, rc;
    drop_scratch(f);
    pia_atomic a = { .path = f->path, .tmp = f->tmp, .dir = f->dir, .fd = -1, .slot = f->slot };
    memset(f, 0, sizeof *f);
    if (written != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
        rc = close_failed(a.path, written != LXW_NO_ERROR ? written : closed, sys, err);
        pia_atomic_abort(&a);
    } else {
        rc = pia_atomic_commit(&a, err);
    }
    return rc;
}
