/*
 * textdiff.h — character-level comparison of two texts (Japanese first).
 *
 * Japanese has no spaces, so a word diff is useless and a raw character
 * diff reads as confetti.  pia_textdiff compares Unicode code points with
 * Myers' O(ND) algorithm, then runs a semantic cleanup that merges short
 * equalities between edits and slides edits to phrase boundaries (。、,
 * line ends, script changes), so the result reads as changed phrases.
 *
 * The work is bounded: beyond a size the texts are first compared line by
 * line (changed line blocks are then compared character by character), and
 * a step budget stops the search; what is left is reported as a plain
 * delete + insert and the result is flagged approximate.
 */
#ifndef PIA_TEXTDIFF_H
#define PIA_TEXTDIFF_H

#include <stddef.h>

enum { PIA_TD_DELETE = -1, PIA_TD_EQUAL = 0, PIA_TD_INSERT = 1 };

typedef struct pia_tdiff {
    int op;        /* PIA_TD_DELETE, PIA_TD_EQUAL, PIA_TD_INSERT */
    char *text;    /* UTF-8, never empty */
} pia_tdiff;

typedef struct pia_tdiff_list {
    pia_tdiff *v;
    int n;
    int approx;    /* the step budget ran out somewhere: still a valid diff,
                      just not a minimal one */
} pia_tdiff_list;

typedef struct pia_td_opts {
    long budget;        /* Myers steps before giving up (0: default) */
    int line_threshold; /* code points (a + b) above which lines go first
                           (0: default; -1: never) */
    int semantic;       /* run the semantic cleanup (default on via opts NULL) */
} pia_td_opts;

/* Compare a and b (UTF-8; invalid bytes survive the round trip).  Fills
 * out; a list with no edits means equal texts.  Never fails. */
void pia_textdiff(const char *a, const char *b, pia_tdiff_list *out);
void pia_textdiff_ex(const char *a, const char *b, const pia_td_opts *opts,
                     pia_tdiff_list *out);
void pia_tdiff_free(pia_tdiff_list *l);

/* Whether the list holds any insertion or deletion. */
int pia_tdiff_changed(const pia_tdiff_list *l);

/* The diff as one string with the edits wrapped in the given markers,
 * e.g. "[-", "-]", "{+", "+}".  Caller frees. */
char *pia_tdiff_markup(const pia_tdiff_list *l, const char *del_open,
                       const char *del_close, const char *ins_open,
                       const char *ins_close);

/* The old (side < 0) or new (side > 0) text rebuilt from the list. */
char *pia_tdiff_side(const pia_tdiff_list *l, int side);

#endif
