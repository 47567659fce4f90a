/*
 * err.h — the one error convention of pia.
 *
 * Every fallible function returns 0 on success and -1 on failure, and fills
 * a caller-supplied pia_err with a class (for exit codes and retries) and a
 * message written for the person at the keyboard: where first (FILE:LINE:COL
 * or the database path), then what is wrong.  Functions never print.
 */
#ifndef PIA_ERR_H
#define PIA_ERR_H

#include <stddef.h>

typedef enum pia_errcode {
    PIA_OK = 0,
    PIA_EINVAL,    /* bad input: template, import file, argument */
    PIA_ENOTFOUND, /* no such assessment, file, item, template */
    PIA_EIO,       /* read/write failure other than the ones below */
    PIA_EFULL,     /* disk or quota full */
    PIA_EBUSY,     /* database locked beyond the busy timeout */
    PIA_ERDONLY,   /* database or directory is read-only */
    PIA_ECORRUPT,  /* not a pia database, or damaged */
    PIA_ENEWER,    /* written by a newer pia (schema version too high) */
    PIA_ECONFLICT, /* the answer changed since it was read */
    PIA_ENOMEM,
    PIA_EGONE      /* what an edit was for (a file, an instance) was removed meanwhile */
} pia_errcode;

typedef struct pia_err {
    pia_errcode code;
    char msg[1024];
} pia_err;

/* Fill err (which may be NULL) and return -1, so callers can write
 * `return pia_fail(err, PIA_EINVAL, "%s:%d:%d: ...", ...);` */
int pia_fail(pia_err *err, pia_errcode code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefix an existing message with more context ("export: " ...). */
int pia_fail_wrap(pia_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void pia_err_clear(pia_err *err);

/* The cause behind a system error number, in Japanese, for the part of a
 * message after the place ("%s: 書き込めません（%s）", path,
 * pia_errno_ja(errno)): the causes staff meet (disk full, no permission,
 * read-only, no such folder …) in words they read; any other number in
 * the system's own words (strerror).  The string is static. */
const char *pia_errno_ja(int e);

/* Copy an error a function caught in a local pia_err (to look at its
 * class) to the caller's err, which may be NULL, and return -1: what a
 * function does never depends on whether its caller asked for the
 * message. */
int pia_err_pass(pia_err *to, const pia_err *from);

/* Allocation helpers that abort on out-of-memory: pia cannot do anything
 * useful without memory, and checking every strdup hides the real logic. */
void *pia_xmalloc(size_t n);
void *pia_xcalloc(size_t n, size_t size);
void *pia_xrealloc(void *p, size_t n);
char *pia_xstrdup(const char *s);
char *pia_xstrndup(const char *s, size_t n);
char *pia_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The strings up to the NULL, joined (what "%s%s…" would give, without
 * formatting: headings and printed answers are built this way per row). */
char *pia_xconcat(const char *s, ...) __attribute__((sentinel));

#endif
