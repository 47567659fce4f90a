/*
 * template_internal.h — what template.c (public entry points) and
 * template_parse.c (the YAML parser and validator) share.  Not for use
 * outside model/template*.c.
 */
#ifndef PIA_TEMPLATE_INTERNAL_H
#define PIA_TEMPLATE_INTERNAL_H

#include "form.h"

/* Parse and validate a template held in memory; nothing returned on error. */
int pia_template_parse(const char *path, const char *data, size_t len,
                       pia_form **out, pia_err *err);
/* Free a form, also one left half-built by a failed parse. */
void pia_template_free_form(pia_form *form);

/* What a file was when it was read: a file that differs in any of these
 * has changed (or been replaced) since.  exists = 0: there was none. */
struct stat;
typedef struct pia_file_stamp {
    int exists;
    unsigned long long dev, ino;
    long long size, mtime_s, ctime_s;
    long mtime_ns, ctime_ns;
} pia_file_stamp;
void pia_file_stamp_of(const struct stat *st, pia_file_stamp *out);
void pia_file_stamp_path(const char *path, pia_file_stamp *out);
int pia_file_stamp_same(const pia_file_stamp *a, const pia_file_stamp *b);

/* Read and parse a template file, rules included, guidance not: a new
 * form that no one shares (template_cache.c shares it); *stamp is the
 * file's as it was read. */
int pia_template_read(const char *path, pia_form **out, pia_file_stamp *stamp, pia_err *err);

/* Check every entry of the companion help file before any is applied,
 * so a form is never left with part of a broken file's guidance. */
int pia_form_load_help(pia_form *form, const char *help_path, pia_err *err);

/* For tests: template files and help files parsed in this process. */
long pia_template_parses(void);
long pia_template_help_reads(void);

#endif
