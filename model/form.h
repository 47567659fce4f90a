/*
 * form.h — the form tree: a template (templates/NAME.yaml) loaded into memory.
 *
 * A form is a tree of nodes.  Top-level nodes are the sections (表紙, Ⅰ, 別添1,
 * …); groups hold further nodes; fields (text, choice, check) hold answers.
 * Every node has a stable id that never changes when the printed number does.
 * No C code outside templates names a node: behaviour comes from attributes.
 * The template format is described in docs/template-format.md.
 */
#ifndef PIA_FORM_H
#define PIA_FORM_H

#include <stdint.h>
#include "err.h"

typedef enum pia_kind {
    PIA_GROUP = 0,  /* heading with children */
    PIA_TEXT,       /* free text */
    PIA_CHOICE,     /* one of `choices` */
    PIA_CHECK       /* a check box: "1" checked, absent/"0" not */
} pia_kind;

typedef struct pia_node pia_node;
struct pia_node {
    char *id;
    uint64_t id_hash;  /* pia_doc_item_hash(id), for answer lookups */
    pia_kind kind;
    char *number;      /* printed number: "Ⅰ", "1.", "①", "リスク1"; may be NULL */
    char *sep;         /* between number and label; NULL means the default */
    char *label;       /* printed label, never NULL */
    char *note;        /* printed after the label: "※（7．リスク1⑨を除く。）", "【行政機関等のみ】" */
    char *heading;     /* pia_node_heading's text, made once at load (NULL in a node built by hand) */
    char *help;        /* guidance shown while editing; may be NULL */
    char *detail;      /* check/choice: label of the parenthetical text, e.g. "件" */
    char *concern;     /* choice: the value that wants measures (課題が残されている) */
    char *repeat;      /* group: repeated; instances are printed label+N */
    char *autofill;    /* text: "file_name" = filled from the 特定個人情報ファイル name */
    char **choices;    /* choice: options in printed order */
    int nchoices;
    char **disables;   /* check: ids of nodes made not applicable when checked */
    int ndisables;
    const pia_node **disabled_by;  /* the check boxes whose `disables` name this node, in template order */
    int ndisabled_by;
    char **was;        /* ids this node had before (a group whose answer it now carries) */
    int nwas;
    char *layout;      /* section: "cover" (the 表紙) or "table" (one row per instance, 別添3) */
    int is_inline;     /* text: printed on its group's own row (委託事項1 ○○業務) */
    int notice;        /* ※ public-notice item */
    int per_file;      /* answered once per 特定個人情報ファイル (inherited) */
    int is_short;      /* a one-line answer (dates, numbers, names) */
    int line, col;     /* start of the node's mapping, 1-based, for messages */
    int index;         /* position in pia_form.nodes (template order) */
    int depth;         /* 0 for sections */
    pia_node *parent;
    pia_node *repeat_group; /* nearest enclosing repeated group (or self) */
    pia_node **kids;
    int nkids;
};

typedef struct pia_form {
    char *name;        /* "zenkomoku" */
    char *title;       /* 特定個人情報保護評価書（全項目評価書）; never NULL */
    char *edition;     /* the stamp of the official 様式 it follows, as printed: "[平成30年5月 様式4]"; never NULL */
    char *contents_title;          /* 項目一覧; NULL when the form has no such page */
    const pia_node **contents;     /* the sections it lists, in order */
    int ncontents;
    char *path;        /* file it was loaded from */
    char sha256[65];   /* SHA-256 of the template's bytes, lower-case hex */
    pia_node **sections;
    int nsections;
    pia_node **nodes;  /* every node in template (pre-)order */
    int nnodes;
    void *index;       /* id -> node lookup (private) */
    struct pia_rules *rules; /* consistency rules (rules.h); never NULL once loaded */
} pia_form;

/* Load and validate a template: its tree and its rules.  On any error
 * nothing is returned and err says FILE:LINE:COLUMN: what is wrong.
 * A form read from a file is shared in the process (template_cache.c):
 * loading the same file again returns the same form without reading it,
 * unless the file has changed on disk since.  A loaded form is not to be
 * changed; pia_form_free gives the caller's reference back. */
int pia_form_load(const char *path, pia_form **out, pia_err *err);
/* Same, from memory (path is used in messages only); never shared. */
int pia_form_load_buffer(const char *path, const char *data, size_t len,
                         pia_form **out, pia_err *err);
/* Find templates/NAME.yaml on the template path (see pia_template_dirs). */
int pia_form_load_named(const char *name, pia_form **out, pia_err *err);
void pia_form_free(pia_form *form);

/* The guidance: a template's companion file NAME.help.yaml beside
 * NAME.yaml, when there is one (template_help.c), a mapping from item id
 * to text, each becoming that node's help.  Not read by a load: the first
 * pia_form_guidance reads it into the form's nodes (help of a node stays
 * NULL until then, unless the template itself gives it), later calls do
 * nothing.  On error the form is unchanged and err names the help file's
 * place.  pia_form_load_guided is pia_form_load_named and then this. */
int pia_form_guidance(pia_form *form, pia_err *err);
int pia_form_load_guided(const char *name, pia_form **out, pia_err *err);
char *pia_form_help_path(const char *template_path);   /* malloc'd; NULL for none */

/* The node with this id, or the one that now carries it (`was`). */
const pia_node *pia_form_find(const pia_form *form, const char *id);

/* When `recorded` (the SHA-256 an assessment was written with) is known
 * and is not this form's: a message saying so, naming both (malloc'd);
 * otherwise NULL. */
char *pia_form_mismatch(const pia_form *form, const char *recorded);

/* The printed heading: number, separator, label, " ※" for public-notice
 * items and the note ("①事務の名称", "②事務の内容 ※",
 * "リスク1： 目的外の入手が行われるリスク").
 * Returns a malloc'd string. */
char *pia_node_heading(const pia_node *node);

/* Index of `value` among node->choices, or -1. */
int pia_node_choice_index(const pia_node *node, const char *value);

/* Whether the node holds an answer (text, choice, check). */
static inline int pia_node_is_field(const pia_node *n) { return n->kind != PIA_GROUP; }

/* Directories searched for templates, in order: $PIA_TEMPLATE_DIR (which
 * --template-dir sets), <exe dir>/templates, <exe dir>/../share/pia/templates
 * and the compiled-in PIA_DATADIR/templates; never the current folder.  Fills up to max entries; the
 * strings are static and valid until the thread's next call. */
int pia_template_dirs(const char **dirs, int max);

#endif
