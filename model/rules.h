/*
 * rules.h — consistency rules between answers, declared in the template's
 * `rules:` block (docs/template-format.md) and evaluated on an assessment.
 *
 * C knows only the kinds of rule (two boxes that cannot both be ticked, a
 * box group that needs a tick, a count that must equal the number of
 * instances …); which items they bind is data.  Every broken rule names
 * the two places that disagree (or the one group that is empty).
 */
#ifndef PIA_RULES_H
#define PIA_RULES_H

#include "form.h"
#include "doc.h"

typedef enum pia_rule_kind {
    PIA_RULE_EXCLUSIVE,   /* items: check boxes, at most one ticked */
    PIA_RULE_ONE_OF,      /* group: at least one of its check boxes ticked */
    PIA_RULE_NEEDS_TEXT,  /* items: a ticked box needs its （ ） text */
    PIA_RULE_COUNT,       /* item's （N）件 = number of instances of `repeat` */
    PIA_RULE_AGREE,       /* a holds exactly when b holds */
    PIA_RULE_IMPLIES,     /* when a holds, b holds */
    PIA_RULE_NOT_ABOVE    /* item's band (choice order) not above limit's */
} pia_rule_kind;

/* A condition on one item: a choice has value `is`; a box is ticked; a
 * text is filled in. */
typedef struct pia_rule_cond {
    const pia_node *node;
    char *is;             /* choice: the value; NULL otherwise */
} pia_rule_cond;

typedef struct pia_rule {
    pia_rule_kind kind;
    int line, col;                /* where it is declared */
    const pia_node **items;       /* exclusive, needs_text: the boxes; one_of: the group;
                                     count, not_above: the item */
    int nitems;
    const pia_node *other;        /* count: the repeated group; not_above: the limit */
    char *when;                   /* count on a choice: the value that carries the count */
    pia_rule_cond a, b;           /* agree, implies */
} pia_rule;

typedef struct pia_rules {
    pia_rule *rule;
    int n;
} pia_rules;

/* Read the `rules:` block of a template (its value, kept by the template
 * parser in its pass over the file) against the finished tree of `form`.
 * No block (NULL): an empty set.  On error, err says FILE:LINE:COLUMN:
 * what is wrong. */
struct pia_ynode;
int pia_rules_read(const pia_form *form, const char *path, const struct pia_ynode *block,
                   pia_rules **out, pia_err *err);
void pia_rules_free(pia_rules *rules);

/* One broken rule: `node` (printed under file/inst) is where it is
 * reported; `what` names the other item with its printed number. */
typedef struct pia_rule_break {
    const pia_rule *rule;
    const pia_node *node;
    int file, inst;
    const char *what;
} pia_rule_break;

typedef void (*pia_rule_fn)(const pia_rule_break *b, void *ctx);
/* Call fn for every broken rule, file by file, instance by instance. */
void pia_rules_eval(const pia_form *form, const pia_doc *doc, pia_rule_fn fn, void *ctx);

#endif
