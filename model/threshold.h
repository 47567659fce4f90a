/*
 * threshold.h — the しきい値判断: which 特定個人情報保護評価 (基礎項目評価,
 * 重点項目評価, 全項目評価) a 事務 requires, from its 対象人数, its 取扱者数 and
 * whether a 重大事故 occurred within the past year.
 *
 * The rule is data: templates/tables/threshold.yaml holds the bands, the
 * condition, the results, the source, and for each template the items and
 * options of Ⅰ1③対象人数 and Ⅵ1②しきい値判断結果.  This module only reads
 * that table and applies it; it knows SQLite only through the store.
 */
#ifndef PIA_THRESHOLD_H
#define PIA_THRESHOLD_H

#include "err.h"
#include "doc.h"
#include "form.h"
#include "store.h"

typedef struct pia_threshold pia_threshold;

typedef struct pia_threshold_result {
    int band;                 /* index of the 対象人数 band */
    const char *band_label;   /* "1万人以上10万人未満" */
    int depends;              /* in this band the condition changes the result */
    int condition;            /* 取扱者 at least the table's number, or a 重大事故 */
    const char *result_id;    /* "juten" */
    const char *result_label; /* the sentence: "…の実施が義務付けられます" */
    const char *const *required;  /* assessments obligatory; none when nrequired 0 */
    int nrequired;
    char *reason;             /* why, in Japanese (malloc'd) */
} pia_threshold_result;

/* Load a table; path NULL means tables/threshold.yaml on the template path. */
int pia_threshold_load(const char *path, pia_threshold **out, pia_err *err);
void pia_threshold_free(pia_threshold *t);

const char *pia_threshold_source(const pia_threshold *t);
const char *pia_threshold_path(const pia_threshold *t);
long pia_threshold_handlers_min(const pia_threshold *t);
/* Notes printed after a result (NULL past the last). */
const char *pia_threshold_note(const pia_threshold *t, int i);

/* Whether the result for `persons` depends on 取扱者数 and 重大事故. */
int pia_threshold_needs_condition(const pia_threshold *t, long persons);

/* A count of people as staff type it: ASCII or full-width digits, with
 * or without thousands separators (, ，) and a trailing 人.  Anything else,
 * or more than 2,000,000,000, is refused (-1). */
int pia_threshold_parse_count(const char *s, long *out);

/* Judge.  handlers < 0 or incident < 0 mean "not given", which is an error
 * only where the band depends on them.  Free with _result_free. */
int pia_threshold_judge(const pia_threshold *t, long persons, long handlers, int incident,
                        pia_threshold_result *out, pia_err *err);
void pia_threshold_result_free(pia_threshold_result *r);

/* Write r into Ⅵ1②しきい値判断結果 of assessment id (through pia_store_set,
 * so it is audited).  *warning (malloc'd, or NULL) says when Ⅰ1③対象人数 of
 * the assessment disagrees with `persons` or is unanswered. */
int pia_threshold_fill(pia_store *st, const pia_threshold *t, long id, long persons,
                       const pia_threshold_result *r, char **warning, pia_err *err);

/* Whether Ⅰ1③対象人数 and Ⅵ1②しきい値判断結果 of doc disagree under the
 * table t (NULL: the default table).  Returns 1 with *node (the result's
 * item, or NULL when the table itself is broken) and *what (malloc'd), 0
 * when they agree, an item is unanswered, the template has no such items,
 * or no table is installed. */
int pia_threshold_check_doc(const pia_threshold *t, const pia_form *form, const pia_doc *doc,
                            const pia_node **node, char **what);

#endif
