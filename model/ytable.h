/*
 * ytable.h — small YAML data tables (templates/tables/NAME.yaml): the
 * しきい値判断 and the due-date rules.  A table is read strictly into a
 * tree of scalars, lists and mappings that remembers where each node was
 * written, so the module interpreting it can refuse anything it does not
 * expect with FILE:LINE:COLUMN.  Anchors, aliases, tags, duplicate keys,
 * several documents, deep nesting and oversized files are refused while
 * reading, before any interpretation.
 */
#ifndef PIA_YTABLE_H
#define PIA_YTABLE_H

#include "err.h"

typedef enum pia_ykind { PIA_Y_SCALAR, PIA_Y_LIST, PIA_Y_MAP } pia_ykind;

typedef struct pia_ynode pia_ynode;
struct pia_ynode {
    pia_ykind kind;
    char *text;          /* scalar: its text; NULL for a YAML null (empty) */
    char *key;           /* entry of a mapping: its key; NULL otherwise */
    int line, col;       /* where the value starts, 1-based */
    int key_line, key_col;
    pia_ynode **kids;    /* list items, or mapping entries in written order */
    int nkids;
};

typedef struct pia_ytable {
    char *path;          /* for messages */
    pia_ynode *root;     /* always a mapping */
} pia_ytable;

/* Build a tree from libyaml events that another reader supplies (the
 * template parser keeps its `rules:` block this way, model/template_parse.c):
 * the value whose first event is the current one, up to and including
 * its last event.  Keys are non-empty strings, never repeated; the
 * source's next() refuses whatever else its reader refuses. */
struct yaml_event_s;
typedef struct pia_ysource {
    int (*next)(void *ctx);            /* advance: 0, or -1 with err filled */
    void *ctx;
    const struct yaml_event_s *ev;     /* the current event, at a fixed address */
    const char *path;                  /* for messages */
    pia_err *err;
    int max_depth, max_nodes;
    int nodes;                         /* built so far */
} pia_ysource;
int pia_ynode_build(pia_ysource *s, pia_ynode **out);
void pia_ynode_free(pia_ynode *n);

/* Read a table file / a table held in memory (path used in messages). */
int pia_ytable_load(const char *path, pia_ytable **out, pia_err *err);
int pia_ytable_parse(const char *path, const char *data, size_t len,
                     pia_ytable **out, pia_err *err);
void pia_ytable_free(pia_ytable *t);

/* tables/NAME.yaml in the first template directory that has it
 * (pia_template_dirs); *path is malloc'd. */
int pia_ytable_find(const char *name, char **path, pia_err *err);

/* The table at path, or when path is NULL tables/NAME.yaml (find). */
int pia_ytable_open(const char *path, const char *name, pia_ytable **out, pia_err *err);

/* Fail with "PATH:LINE:COL: message" at node n. */
int pia_ytable_fail(pia_err *err, const pia_ytable *t, const pia_ynode *n,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The entry `key` of mapping m, or NULL. */
const pia_ynode *pia_ynode_get(const pia_ynode *m, const char *key);

/* n must be of kind `kind`; `what` names it in the message. */
int pia_ytable_expect(const pia_ytable *t, const pia_ynode *n, pia_ykind kind,
                      const char *what, pia_err *err);
/* Every key of mapping m must be in `allowed` (NULL-terminated). */
int pia_ytable_known_keys(const pia_ytable *t, const pia_ynode *m,
                          const char *const *allowed, pia_err *err);
/* A non-empty string entry of m.  Absent: error when required, else
 * *out = NULL. */
int pia_ytable_string(const pia_ytable *t, const pia_ynode *m, const char *key,
                      int required, const char **out, pia_err *err);
/* A decimal integer entry in [min, max] (digits only).  Absent: error when
 * required, else *present = 0. */
int pia_ytable_long(const pia_ytable *t, const pia_ynode *m, const char *key,
                    int required, long min, long max, long *out, int *present,
                    pia_err *err);

#endif
