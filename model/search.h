/*
 * search.h — finding what people type in an assessment.
 *
 * A query matches an item's printed heading (number, label, note), its
 * printed number path (「Ⅲ 2」 or 「Ⅲ 2.」 is the group 2. of Ⅲ, 「リスク1 ⑨」
 * the item ⑨ of リスク1, 「Ⅲ(1) 7. リスク1 ⑨」 that item of the first file),
 * its answer and its （ ）内 text, all compared after the search folding of model/fold.h: ＬＧＷＡＮ finds lgwan, eltax finds eLTAX,
 * 9 finds ⑨, III finds Ⅲ, ｶﾞｲﾄﾞ finds ガイド.  Shared by the TUI's `/` and
 * `pia search`, so both find the same.
 */
#ifndef PIA_SEARCH_H
#define PIA_SEARCH_H

#include "doc.h"
#include "form.h"

#include <stddef.h>
#include <stdint.h>

typedef struct pia_query {
    uint32_t *cp;
    size_t n;
    uint32_t *num;     /* cp without dots, for printed numbers (「7.」 as 「7」) */
    size_t nnum;
} pia_query;

/* Fold `text` into q; -1 when nothing is left to look for (blank). */
int pia_query_init(pia_query *q, const char *text);
void pia_query_free(pia_query *q);
/* Whether text holds q once folded (a title, an organisation's name). */
int pia_query_in(const pia_query *q, const char *text);

typedef enum pia_hit_kind {
    PIA_HIT_NUMBER,   /* the printed number path */
    PIA_HIT_LABEL,    /* the printed heading */
    PIA_HIT_ANSWER,   /* the answer */
    PIA_HIT_DETAIL    /* the （ ）内 text */
} pia_hit_kind;

typedef struct pia_hit {
    pia_hit_kind kind;
    const pia_node *node;
    int file, afile, inst;   /* as pia_row: printed under file, stored under afile */
    char *where;             /* "Ⅲ(1) 2. リスク1 ⑨…" (check.h: pia_location) */
    char *snippet;           /* the matched text with a little around it, one line */
} pia_hit;

/* Whether the node printed at (file, afile, inst) matches; when it does
 * and hit is not NULL, hit is filled (free with pia_hit_clear). */
int pia_search_match(const pia_query *q, const pia_doc *doc, const pia_node *node,
                     int file, int afile, int inst, pia_hit *hit);
void pia_hit_clear(pia_hit *hit);

/* Every match in doc, in printed order (pia_walk). */
void pia_search_doc(const pia_form *form, const pia_doc *doc, const pia_query *q,
                    pia_hit **out, int *n);
void pia_hits_free(pia_hit *h, int n);

#endif
