/*
 * bundle_dir.h — the bundle's output folder (internal to export/bundle*.c).
 *
 * One run at a time per folder (a lock on the folder).  Files are written
 * into a private work folder inside it, ".pia-bundle.work", and moved into
 * the folder only when the whole run succeeded; the record of what each
 * file was made from is ".pia-bundle" beside them.  A work folder left by a
 * killed run is taken over by the next (its complete files are reused when
 * their source matches); a run that fails removes its work folder, so the
 * folder stays as it was.
 */
#ifndef PIA_BUNDLE_DIR_H
#define PIA_BUNDLE_DIR_H

#include "model/err.h"

typedef struct pia_bdir pia_bdir;

/* One file of the bundle. */
typedef struct pia_bfile {
    char *name;      /* inside the folder, no '/' */
    char *key;       /* what it was made from; NULL for the index files */
    char sha[65];
    int fresh;       /* in the work folder, to be moved in */
} pia_bfile;

int pia_bdir_open(pia_bdir **out, const char *dir, int force, pia_err *err);

/* Whether `name` made from `key` is already there: 1 with f filled (kept
 * in the folder, or complete in the work folder), 0 when it must be
 * written to pia_bdir_work_path.  Safe from several threads. */
int pia_bdir_lookup(pia_bdir *d, const char *name, const char *key, pia_bfile *f);

/* Where to write `name` (malloc'd). */
char *pia_bdir_work_path(pia_bdir *d, const char *name);

/* After `name` was written to the work folder: its hash, recorded (so a
 * later run may reuse it if this one is killed).  Safe from several
 * threads. */
int pia_bdir_wrote(pia_bdir *d, const char *name, const char *key, pia_bfile *f, pia_err *err);

/* Write `text` as work file `name` (the index, the manifest, the record). */
int pia_bdir_write_text(pia_bdir *d, const char *name, const char *text, size_t len, pia_err *err);

/* Put the run in place: the fresh files of `files` moved in (never over
 * anything but a regular file: all targets are checked before the first
 * move), files of the earlier record that are not in `files` removed,
 * other files reported through note(), then the record and last the
 * manifest (written to the work folder before).  *removed and *foreign
 * count. */
int pia_bdir_commit(pia_bdir *d, const pia_bfile *files, int n, int *removed, int *foreign,
                    void (*note)(const char *msg, void *ctx), void *ctx, pia_err *err);

/* Release; when `failed`, remove the work folder (and the folder itself
 * when this run created it and it is empty). */
void pia_bdir_close(pia_bdir *d, int failed);

/* The record's name and the work folder's, both hidden in the folder. */
#define PIA_BDIR_RECORD ".pia-bundle"
#define PIA_BDIR_WORK ".pia-bundle.work"

#endif
