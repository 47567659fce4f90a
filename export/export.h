/*
 * export.h — writing an assessment out (and reading answers back in).
 *
 * Exporters read the form tree and a pia_doc; they never touch the store or
 * the terminal.  Files are written to a temporary name beside the target and
 * renamed into place (pia_out_*), so a failure never leaves a half file.
 */
#ifndef PIA_EXPORT_H
#define PIA_EXPORT_H

#include <stdio.h>
#include "model/form.h"
#include "model/doc.h"

/* The form as printed, as plain UTF-8 text (see README "Text export"). */
int pia_export_text(const pia_form *form, const pia_doc *doc, FILE *out, pia_err *err);

/* The answers as YAML (see README "YAML answers format"). */
int pia_export_yaml(const pia_form *form, const pia_doc *doc, FILE *out, pia_err *err);

/* Parse a YAML answers file; loads the template it names.  Nothing is
 * returned on error; the message is FILE:LINE:COLUMN: what is wrong. */
int pia_import_yaml(const char *path, pia_form **form, pia_doc **doc, pia_err *err);
int pia_import_yaml_buffer(const char *path, const char *data, size_t len,
                           pia_form **form, pia_doc **doc, pia_err *err);

/* The statutory sheet as XLSX, written to `path` (atomically), laid out
 * as the 様式 prints it (README "XLSX: the statutory sheet"). */
int pia_export_xlsx(const pia_form *form, const pia_doc *doc, const char *path, pia_err *err);

typedef struct pia_xlsx_opts {
    int for_pdf;        /* lay the pages out for LibreOffice, which prints the PDF */
    /* Told about characters the sheet's font may not have, one message
     * each ("Ⅲ(1) 2. …: 「𠮷」（U+20BB7）は …"); NULL: not checked. */
    void (*warn)(const char *msg, void *ctx);
    void *ctx;
} pia_xlsx_opts;
int pia_export_xlsx_opts(const pia_form *form, const pia_doc *doc, const char *path,
                         const pia_xlsx_opts *o, pia_err *err);

/* The publishable PDF: the sheet converted by LibreOffice (headless, with
 * a private profile and IPAex明朝 for ＭＳ 明朝).  Without LibreOffice the
 * error says which package to install; nothing is written to `path`
 * unless the whole PDF is there.  `o` may be NULL (for_pdf is implied). */
int pia_export_pdf(const pia_form *form, const pia_doc *doc, const char *path,
                   const pia_xlsx_opts *o, pia_err *err);

/*
 * Atomic output (model/atomic.h does the work): open a temporary file
 * beside `path` (created O_EXCL|O_NOFOLLOW, mode 0600 unless `mode` says
 * otherwise), write to fp, then commit (fsync, rename over nothing or a
 * regular file, fsync of the folder) or abort (unlink).  A target that is a
 * symlink, FIFO, device or folder is refused at open, naming it.  A full
 * disk is reported as PIA_EFULL naming the file.  SIGINT/SIGTERM/SIGHUP
 * (when nobody else handles them) remove the temporary file.
 */
typedef struct pia_out {
    FILE *fp;
    char *path;
    char *tmp;
    char *dir;      /* unused by streams; kept for model/atomic.h */
    int slot;
} pia_out;
int pia_out_open(pia_out *o, const char *path, int mode, pia_err *err);
int pia_out_commit(pia_out *o, pia_err *err);
void pia_out_abort(pia_out *o);
/* Older interface for writers that open files themselves: a fresh 0600
 * file reserving a temporary name beside path (caller frees the name; NULL
 * on failure), and a rename that refuses special targets.  New code uses
 * pia_atomic_open_dir (model/atomic.h) instead. */
char *pia_out_tmpname(const char *path);
int pia_out_rename(const char *tmp, const char *path, pia_err *err);
/* The error for a failed write of `path` with errno `e`: PIA_EFULL for a
 * full disk or quota, PIA_ERDONLY for a read-only place, else PIA_EIO. */
int pia_out_error(pia_err *err, const char *path, int e);

#endif
