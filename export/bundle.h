/*
 * bundle.h — many assessments, from one or several databases, written into
 * one folder for the 個人情報保護委員会: one file per assessment and format,
 * an index (CSV with BOM, and XLSX) and a SHA256SUMS manifest.
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
    const long *ids;                 /* with one database: these ids; NULL = all */
    int nids;
    int formats;                     /* PIA_BUNDLE_* bits */
    int jobs;                        /* worker threads */
    int force;                       /* rewrite files that exist */
    volatile sig_atomic_t *stop;     /* set (e.g. by SIGINT) to stop cleanly */
    void (*progress)(int done, int total, void *ctx);   /* from any thread, serialised */
    void *ctx;
} pia_bundle_opts;

typedef struct pia_bundle_stats {
    int assessments, written, kept;  /* files written now / already there */
} pia_bundle_stats;

int pia_bundle(const pia_bundle_opts *o, pia_bundle_stats *stats, pia_err *err);

/* A file name part from free text: path separators, control and other
 * characters unsafe on Windows or in shells replaced by '_', no leading
 * dot, at most `max` bytes (cut on a character boundary). */
void pia_bundle_safe_name(const char *in, char *out, size_t max);

#endif
