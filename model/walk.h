/*
 * walk.h — the form, node by node, for one assessment, with the one
 * definition of what is answered and what is not applicable.
 *
 * Exports, the TUI outline and the checks all need the same sequence: the
 * sections in template order, per-file sections once for each 特定個人情報
 * ファイル, repeated groups once per instance (at least once, so an empty
 * assessment still shows every label).  pia_walk produces that sequence,
 * one row per template node, and says for each row whether it is answered
 * (pia_state), whether a checked box switched it off and whether it counts
 * towards completion.  The printed form (print.h) is built on these rows;
 * nothing else decides these questions again.
 */
#ifndef PIA_WALK_H
#define PIA_WALK_H

#include "form.h"
#include "doc.h"

typedef enum pia_state {
    PIA_STATE_NONE = 0,   /* a heading, or an unticked box: nothing is asked */
    PIA_STATE_ANSWERED,   /* text or choice filled in, box ticked */
    PIA_STATE_OPEN,       /* text or choice still empty */
    PIA_STATE_NA,         /* inside a part switched off by a checked box */
    PIA_STATE_AUTO        /* filled from the file names, never typed */
} pia_state;

typedef struct pia_row {
    const pia_node *node;
    int file;       /* file whose copy of the section is being printed (0 if none) */
    int afile;      /* file under which this node's answer is stored (0 = once) */
    int inst;       /* instance of the enclosing repeated group, 0 if none */
    int ninst;      /* number of instances of that group (>= 1 when inst > 0) */
    int depth;      /* node depth */
    int na;         /* inside a part switched off by a checked box */
    int na_head;    /* the outermost node of that part: （該当なし） is shown here, once */
    const pia_node *na_by;  /* the checked box that switched the part off */
    pia_state state;
    int counted;    /* a text or choice counted towards completion (once, not N/A) */
    int stored;     /* something is stored: a value, a detail or a ticked box */
    const pia_value *value; /* answer or NULL (fields only) */
} pia_row;

/* Return non-zero from the callback to stop; pia_walk returns that value.
 * A doc holding one file (doc.h: loaded_file k) is walked as if k were
 * the only file: its per-file sections once, under file k, and the items
 * answered once counted there. */
typedef int (*pia_walk_fn)(const pia_row *row, void *ctx);

int pia_walk(const pia_form *form, const pia_doc *doc, pia_walk_fn fn, void *ctx);

/* The answer file for `node` when printed under file `file`. */
int pia_walk_answer_file(const pia_node *node, int file);

/* Whether v answers node: a text or a choice with a value (a choice whose
 * only text is its （ ）件 is not answered), a ticked box. */
int pia_answered(const pia_node *node, const pia_value *v);

/* The state a row of node with answer v (or NULL) has, na when it lies in
 * a part switched off: what pia_walk puts in pia_row.state, for a caller
 * that changed one answer and updates its rows in place. */
pia_state pia_walk_state(const pia_node *node, const pia_value *v, int na);

/* Whether node, printed under `file`, lies in a part switched off by a
 * checked box (for callers that look at one node, not a whole walk). */
int pia_walk_is_na(const pia_form *form, const pia_doc *doc, const pia_node *node, int file);

/* Answered / total counted fields; per section when section != NULL. */
void pia_walk_progress(const pia_form *form, const pia_doc *doc,
                       const pia_node *section, int *answered, int *total);

/* The same for every section at once: answered[s] / total[s] for the
 * first n sections (faster than n calls). */
void pia_walk_progress_sections(const pia_form *form, const pia_doc *doc,
                                int *answered, int *total, int n);

#endif
