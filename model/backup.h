/*
 * backup.h — rotating backups of the database, made with SQLite's online
 * backup API (consistent even while another pia writes), and restoring one.
 */
#ifndef PIA_BACKUP_H
#define PIA_BACKUP_H

#include "store.h"

/* Copy the open database to DIR/pia-YYYYMMDDTHHMMSSZ.db (DIR created 0700,
 * the copy 0600), then keep only the newest `keep` copies.  *out_path (may
 * be NULL) receives the new file's name (malloc'd). */
int pia_backup(pia_store *st, const char *dir, int keep, char **out_path, pia_err *err);

/* Replace the database at db_path with `backup` after checking that the
 * backup is a sound pia database; the current database is backed up first
 * into dir.  No pia may have db_path open for writing meanwhile. */
int pia_restore(const char *db_path, const char *backup, const char *dir, pia_err *err);

/* <directory of db_path>/backups */
char *pia_backup_dir(const char *db_path);

#endif
