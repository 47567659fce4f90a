/*
 * walk.h — the form as printed, for one assessment.
 *
 * Exports, the TUI outline and the checks all need the same sequence: the
 * sections in template order, per-file sections once for each 特定個人情報
 * ファイル, repeated groups once per instance (at least once, so an empty
 * assessment still shows every label).  pia_walk produces that sequence.
 */
#ifndef PIA_WALK_H
#define PIA_WALK_H

#include "form.h"
#include "doc.h"

typedef struct pia_row {
    const pia_node *node;
    int file;       /* file whose copy of the section is being printed (0 if none) */
    int afile;      /* file under which this node's answer is stored (0 = once) */
    int inst;       /* instance of the enclosing repeated group, 0 if none */
    int ninst;      /* number of instances of that group (>= 1 when inst > 0) */
    int depth;      /* node depth */
    int na;         /* inside a part switched off by a checked box */
    const pia_value *value; /* answer or NULL (fields only) */
} pia_row;

/* Return non-zero from the callback to stop; pia_walk returns that value. */
typedef int (*pia_walk_fn)(const pia_row *row, void *ctx);

int pia_walk(const pia_form *form, const pia_doc *doc, pia_walk_fn fn, void *ctx);

/* The answer file for `node` when printed under file `file`. */
int pia_walk_answer_file(const pia_node *node, int file);

/* Whether node (as printed under file/inst) is switched off by a checked
 * box that lists it, or an ancestor of it, in `disables`. */
int pia_walk_is_na(const pia_form *form, const pia_doc *doc,
                   const pia_node *node, int file, int inst);

/* Answered / total fields (auto-filled fields are not counted); per
 * section when section != NULL. Not-applicable parts are not counted. */
void pia_walk_progress(const pia_form *form, const pia_doc *doc,
                       const pia_node *section, int *answered, int *total);

#endif
