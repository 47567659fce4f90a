/*
 * doc.h — one assessment's answers in memory.
 *
 * A pia_doc is what exports, comparisons and versions work on: a plain
 * value loaded from the store, parsed from YAML, or built by a test.
 * Answers are addressed by (file, inst, item):
 *   file  0 for items answered once per assessment, 1..nfiles otherwise;
 *   inst  0 outside repeated groups, 1..n inside one (システム1, 委託事項2 …);
 *   item  the node id.
 * Instance counts of repeated groups are kept per (file, group id).
 */
#ifndef PIA_DOC_H
#define PIA_DOC_H

#include <stdint.h>
#include "err.h"

typedef struct pia_value {
    char *value;   /* text, choice value, or "1" for a checked box */
    char *detail;  /* the parenthetical text ("（ 2 ）件"), "" when none */
    char *updated; /* ISO 8601 UTC time of the last change, may be NULL */
    char *updated_by;
    long rev;      /* revision counter in the store (conflict detection) */
} pia_value;

typedef struct pia_doc_file {
    char *name;
    char *updated;
} pia_doc_file;

typedef struct pia_doc {
    long id;            /* store id, 0 when not stored */
    char *template_name;
    char *template_sha; /* SHA-256 of the template it was last written with; NULL when unknown */
    char *title;
    char *org;
    char *created;
    char *updated;
    pia_doc_file *files;
    int nfiles;
    /* 0: every answer of the assessment.  k > 0: only the answers and
     * instance counts of the items answered once (file 0) and of file k
     * (pia_store_load_file: the form view shows one file at a time); the
     * file list is whole.  Walks (walk.h) then visit file k alone. */
    int loaded_file;
    void *answers;      /* private: key -> pia_value */
    void *counts;       /* private: key -> instance count */
} pia_doc;

pia_doc *pia_doc_new(const char *template_name, const char *title, const char *org);
void pia_doc_free(pia_doc *doc);

/* Returns the new file's position (1-based). */
int pia_doc_add_file(pia_doc *doc, const char *name);

const pia_value *pia_doc_get(const pia_doc *doc, int file, int inst, const char *item);
/* The same with the item's hash already known (a node keeps its id's in
 * id_hash): walks look up every node, so they skip hashing the id. */
const pia_value *pia_doc_get_h(const pia_doc *doc, int file, int inst, const char *item,
                               uint64_t item_hash);
uint64_t pia_doc_item_hash(const char *item);
/* Set or replace an answer; value "" and detail "" (or NULL) removes it. */
void pia_doc_set(pia_doc *doc, int file, int inst, const char *item,
                 const char *value, const char *detail);
/* The same with the bookkeeping fields (used by the store). */
void pia_doc_set_full(pia_doc *doc, int file, int inst, const char *item,
                      const pia_value *v);

int pia_doc_instances(const pia_doc *doc, int file, const char *group);
void pia_doc_set_instances(pia_doc *doc, int file, const char *group, int n);

/* Visit every repeated group's instance count. */
typedef int (*pia_doc_count_fn)(int file, const char *group, int n, void *ctx);
int pia_doc_each_instances(const pia_doc *doc, pia_doc_count_fn fn, void *ctx);

/* Number of stored answers (for quick summaries). */
int pia_doc_count(const pia_doc *doc);

/* Visit every stored answer in an unspecified order. */
typedef int (*pia_doc_answer_fn)(int file, int inst, const char *item,
                                 const pia_value *v, void *ctx);
int pia_doc_each(const pia_doc *doc, pia_doc_answer_fn fn, void *ctx);

/* Deep copy. */
pia_doc *pia_doc_clone(const pia_doc *doc);

#endif
