/*
 * bundle.h — many assessments, from one or several databases, written into
 * one folder for the 個人情報保護委員会: one file per assessment and format,
 * an index (CSV with BOM, and XLSX) and a SHA256SUMS manifest.
 *
 * The folder is a function of the databases: a file is kept from an
 * earlier run only when its recorded source (database, assessment or
 * version, last change, template and its fingerprint, pia build, format)
 * is the same and its bytes are still the ones written; otherwise it is
 * written again.  Files an earlier run wrote that no longer belong are
 * removed; anything else in the folder is reported and left alone.  A run
 * that fails or is interrupted leaves the folder as it was.
 */
#ifndef PIA_BUNDLE_H
#define PIA_BUNDLE_H

#include <signal.h>
#include "model/err.h"

enum { PIA_BUNDLE_XLSX = 1, PIA_BUNDLE_TEXT = 2, PIA_BUNDLE_YAML = 4, PIA_BUNDLE_PDF = 8 };

typedef struct pia_bundle_opts {
    const char *out_dir;
    const char *const *dbs;          /* database paths, read-only */
    int ndbs;
    const char *const *refs;         /* with one database: "ID", "ID@N", "ID@LABEL"; NULL = all */
    int nrefs;
    int formats;                     /* PIA_BUNDLE_* bits */
    int jobs;                        /* worker threads wanted */
    int force;                       /* rewrite every file */
    volatile sig_atomic_t *stop;     /* set (e.g. by SIGINT) to stop cleanly */
    void (*progress)(int done, int total, void *ctx);   /* from any thread, serialised */
    /* A remark for the person (a file left alone, fewer threads than asked);
     * from the calling thread. */
    void (*note)(const char *msg, void *ctx);
    void *ctx;
} pia_bundle_opts;

typedef struct pia_bundle_stats {
    int assessments;
    int written, kept;   /* files written now / already there and current */
    int removed;         /* files of earlier runs that no longer belong */
    int foreign;         /* other files in the folder, reported and left */
    int workers;         /* worker threads that started (0: the reader wrote) */
} pia_bundle_stats;

int pia_bundle(const pia_bundle_opts *o, pia_bundle_stats *stats, pia_err *err);

/* A file name part from free text, read as UTF-8 and validated: invalid
 * bytes, control characters (C0, DEL, C1), bidirectional and line
 * separators, path separators and characters unsafe on Windows or in
 * shells become '_', as does a leading dot or minus; at most `max` - 1
 * bytes, cut on a character boundary. */
void pia_bundle_safe_name(const char *in, char *out, size_t max);

/* A CSV cell as spreadsheet programs will not evaluate it: one starting
 * with = + - @ TAB or CR gets a leading apostrophe (malloc'd). */
char *pia_bundle_csv_safe(const char *cell);

#endif
