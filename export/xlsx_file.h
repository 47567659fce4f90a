/*
 * xlsx_file.h — an XLSX workbook written the way every pia output is
 * (model/atomic.h): inside a private 0700 folder beside the target, mode
 * 0600, synced, then renamed into place over nothing or a regular file;
 * on any failure (and on SIGINT/SIGTERM) the folder is removed and the
 * error names the target.  Every XLSX writer (sheet, diff, review, bundle
 * index) opens and finishes its workbook here.
 */
#ifndef PIA_XLSX_FILE_H
#define PIA_XLSX_FILE_H

#include <xlsxwriter.h>
#include "model/err.h"

typedef struct pia_xlsx_file {
    lxw_workbook *wb;
    char *path;     /* the target */
    char *tmp;      /* where libxlsxwriter writes (inside dir) */
    char *dir;      /* the private folder */
    int slot;       /* signal cleanup registration (model/atomic.h) */
    char *scratch;  /* libxlsxwriter's scratch folder on a memory file system, or NULL */
    int scratch_slot;
} pia_xlsx_file;

/* Streaming (constant_memory) workbooks must be written row by row;
 * the others may write cells in any order. */
int pia_xlsx_open(pia_xlsx_file *f, const char *path, int streaming, pia_err *err);

/* Closes the workbook and, when `written` (the first error met while
 * writing, or LXW_NO_ERROR) and the close succeeded, puts the file in
 * place.  Always releases `f`.  Passing an error is how a writer gives up:
 * nothing is left behind. */
int pia_xlsx_commit(pia_xlsx_file *f, lxw_error written, pia_err *err);

#endif
