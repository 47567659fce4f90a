/*
 * bundle_run.h — `pia bundle`'s run: many assessments, from one or several
 * databases, into one folder (export/bundle.h says what the folder holds).
 * This layer owns what export/ must not: the databases, the threads, and
 * stopping on a signal.
 */
#ifndef PIA_CLI_BUNDLE_RUN_H
#define PIA_CLI_BUNDLE_RUN_H

#include <signal.h>
#include "export/bundle.h"

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

/* The main thread reads each database inside one read transaction; worker
 * threads write.  A run that fails or is stopped leaves the folder as it
 * was.  0, or -1 with err. */
int pia_bundle_run(const pia_bundle_opts *o, pia_bundle_stats *stats, pia_err *err);

/* The progress's speed after `seconds` for `done` assessments: "12.5 件/秒",
 * or, slower than one a second (PDF through LibreOffice), "22.4 秒/件"
 * (0.0 件/秒 read as stalled). */
void pia_bundle_speed(char *buf, size_t n, int done, double seconds);

#endif
