/*
 * textdiff_segs.h — private to the text diff: the segment list that
 * textdiff.c builds and textdiff_clean.c cleans up.  Not part of the
 * model's API (that is textdiff.h).
 */
#ifndef PIA_TEXTDIFF_SEGS_H
#define PIA_TEXTDIFF_SEGS_H

#include "textdiff.h"

#include <stddef.h>
#include <stdint.h>

/* One run of code points and what happened to it (PIA_TD_*). */
typedef struct seg {
    int op;
    uint32_t *s;
    size_t n;
} seg;

typedef struct segs {
    seg *v;
    size_t n, cap;
} segs;

/* Insert a copy of s[0..n) as segment `at` (empty runs too). */
void td_segs_insert(segs *l, size_t at, int op, const uint32_t *s, size_t n);
/* Append a copy of s[0..n); an empty run is not added. */
void td_segs_push(segs *l, int op, const uint32_t *s, size_t n);
void td_segs_free(segs *l);
/* Replace a segment's text by a + b (either may alias the old text). */
void td_seg_set2(seg *g, const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

size_t td_common_prefix(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
size_t td_common_suffix(const uint32_t *a, size_t na, const uint32_t *b, size_t nb);

/* Join neighbouring edits, factor common parts out of delete+insert
 * pairs, slide lone edits over an equality they can swallow. */
void td_cleanup_merge(segs *d);
/* Merge short equalities between edits into them and slide lone edits to
 * phrase boundaries (run after td_cleanup_merge). */
void td_cleanup_semantic(segs *d);

#endif
