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
 *
 * This file's half writes: one assessment's files into the folder, then
 * the index and the manifest from the rows it was given.  Reading the
 * databases, threads, progress and signals live in cli/bundle_run.c.
 */
#ifndef PIA_BUNDLE_H
#define PIA_BUNDLE_H

#include "model/err.h"
#include "model/doc.h"
#include "model/form.h"

enum { PIA_BUNDLE_XLSX = 1, PIA_BUNDLE_TEXT = 2, PIA_BUNDLE_YAML = 4, PIA_BUNDLE_PDF = 8 };

/* An open bundle folder and the files and index rows written into it so
 * far.  export/ writes; who reads the databases, and on how many threads,
 * is the caller's business (cli/bundle_run.c). */
typedef struct pia_bundle pia_bundle;

/* One assessment or version to bundle, as the caller read it. */
typedef struct pia_bundle_item {
    const pia_form *form;
    const pia_doc *doc;
    int version;             /* 0: the live draft; else its version number */
    int db;                  /* which database (0-based): in file names when there are several */
    const char *dbkey;       /* pia_bundle_db_key() of that database */
} pia_bundle_item;

typedef struct pia_bundle_stats {
    int assessments;
    int written, kept;   /* files written now / already there and current */
    int removed;         /* files of earlier runs that no longer belong */
    int foreign;         /* other files in the folder, reported and left */
    int workers;         /* worker threads that started (0: the reader wrote); the caller's */
} pia_bundle_stats;

/* Lock and open the folder `dir` (bundle_dir.h) for `formats` (PIA_BUNDLE_*
 * bits) from `ndbs` databases; `force` rewrites every file. */
int pia_bundle_open(pia_bundle **out, const char *dir, int formats, int ndbs, int force, pia_err *err);

/* Which database, for the record: its real path, hashed (the record may
 * travel with the folder; the path need not). */
void pia_bundle_db_key(const char *path, char out[24]);

/* The files of one item, each kept when its recorded source is unchanged
 * and written into the work area otherwise, and its index row.  Safe from
 * several threads at once. */
int pia_bundle_add(pia_bundle *b, const pia_bundle_item *it, pia_err *err);

/* The index, the manifest and the record written, and the run put in
 * place (pia_bdir_commit: files left alone are told through note()).
 * Fills every count of *stats but workers. */
int pia_bundle_finish(pia_bundle *b, pia_bundle_stats *stats, void (*note)(const char *msg, void *ctx),
                      void *ctx, pia_err *err);

/* Release; when `failed` (or not finished), the folder stays as it was. */
void pia_bundle_close(pia_bundle *b, int failed);

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
