/*
 * threshold.c — the しきい値判断 table and its use (see threshold.h).
 *
 * Loading checks everything the table alone can tell (known keys, bands in
 * increasing order, results that exist, every result mapped for each
 * template); whether a template's items and options exist is checked when
 * an assessment of that template is filled or checked, and reported at the
 * table's line.  Strings point into the loaded YAML tree.
 */
#include "threshold.h"
#include "check.h"
#include "ytable.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct result {
    const char *id, *label;
    const char **required;
    int nrequired;
} result;

typedef struct band {
    long below;              /* exclusive; unused on the last band */
    const char *label;
    int result, with;        /* indexes into results; with == result when no condition */
} band;

typedef struct formmap {
    const char *form;
    const pia_ynode *at;               /* the form's entry, for messages */
    const pia_ynode *persons_item, *result_item;
    const pia_ynode **persons_choice;  /* one per band */
    const pia_ynode **result_choice;   /* one per result */
} formmap;

struct pia_threshold {
    pia_ytable *y;
    const char *source;
    long handlers_min;
    result *r;
    int nr;
    band *b;
    int nb;
    const char **notes;
    int nnotes;
    formmap *f;
    int nf;
};

/* ---- loading ----------------------------------------------------------- */

static int result_index(const pia_threshold *t, const char *id)
{
    for (int i = 0; i < t->nr; i++)
        if (!strcmp(t->r[i].id, id))
            return i;
    return -1;
}

static int string_list(pia_threshold *t, const pia_ynode *l, const char *what,
                       const char ***out, int *n, pia_err *err)
{
    if (pia_ytable_expect(t->y, l, PIA_Y_LIST, what, err) < 0)
        return -1;
    *out = pia_xcalloc((size_t)l->nkids + 1, sizeof **out);
    for (int i = 0; i < l->nkids; i++) {
        if (pia_ytable_expect(t->y, l->kids[i], PIA_Y_SCALAR, what, err) < 0)
            return -1;
        (*out)[(*n)++] = l->kids[i]->text;
    }
    return 0;
}

static int load_results(pia_threshold *t, const pia_ynode *l, pia_err *err)
{
    static const char *const keys[] = { "id", "label", "required", NULL };
    if (pia_ytable_expect(t->y, l, PIA_Y_LIST, "results", err) < 0)
        return -1;
    if (l->nkids == 0)
        return pia_ytable_fail(err, t->y, l, "results が空です");
    t->r = pia_xcalloc((size_t)l->nkids, sizeof *t->r);
    for (int i = 0; i < l->nkids; i++) {
        const pia_ynode *m = l->kids[i];
        result *r = &t->r[i];
        if (pia_ytable_expect(t->y, m, PIA_Y_MAP, "results の要素", err) < 0 ||
            pia_ytable_known_keys(t->y, m, keys, err) < 0 ||
            pia_ytable_string(t->y, m, "id", 1, &r->id, err) < 0 ||
            pia_ytable_string(t->y, m, "label", 1, &r->label, err) < 0)
            return -1;
        const pia_ynode *req = pia_ynode_get(m, "required");
        if (!req)
            return pia_ytable_fail(err, t->y, m, "required がありません（義務のない結果は []）");
        if (result_index(t, r->id) >= 0)
            return pia_ytable_fail(err, t->y, pia_ynode_get(m, "id"), "結果 \"%s\" が重複しています", r->id);
        t->nr++;
        if (string_list(t, req, "required", &r->required, &r->nrequired, err) < 0)
            return -1;
    }
    return 0;
}

static int band_result(pia_threshold *t, const pia_ynode *m, const char *key, int *out, pia_err *err)
{
    const char *id;
    if (pia_ytable_string(t->y, m, key, 1, &id, err) < 0)
        return -1;
    if ((*out = result_index(t, id)) < 0)
        return pia_ytable_fail(err, t->y, pia_ynode_get(m, key), "結果 \"%s\" は results にありません", id);
    return 0;
}

static int load_band(pia_threshold *t, const pia_ynode *m, int last, pia_err *err)
{
    static const char *const keys[] = { "below", "label", "result", "with_condition", NULL };
    band *b = &t->b[t->nb];
    int has_below = 0;
    if (pia_ytable_expect(t->y, m, PIA_Y_MAP, "bands の要素", err) < 0 ||
        pia_ytable_known_keys(t->y, m, keys, err) < 0 ||
        pia_ytable_string(t->y, m, "label", 1, &b->label, err) < 0 ||
        pia_ytable_long(t->y, m, "below", 0, 1, 2000000000L, &b->below, &has_below, err) < 0)
        return -1;
    if (band_result(t, m, "result", &b->result, err) < 0)
        return -1;
    b->with = b->result;
    if (pia_ynode_get(m, "with_condition") && band_result(t, m, "with_condition", &b->with, err) < 0)
        return -1;
    if (!last && !has_below)
        return pia_ytable_fail(err, t->y, m, "below がありません（最後の区分のほかは上限が必要です）");
    if (last && has_below)
        return pia_ytable_fail(err, t->y, pia_ynode_get(m, "below"), "最後の区分に below は書けません（上限のない区分です）");
    if (has_below && t->nb > 0 && b->below <= t->b[t->nb - 1].below)
        return pia_ytable_fail(err, t->y, pia_ynode_get(m, "below"), "below が前の区分（%ld）より大きくありません",
                               t->b[t->nb - 1].below);
    t->nb++;
    return 0;
}

static int load_bands(pia_threshold *t, const pia_ynode *l, pia_err *err)
{
    if (pia_ytable_expect(t->y, l, PIA_Y_LIST, "bands", err) < 0)
        return -1;
    if (l->nkids == 0)
        return pia_ytable_fail(err, t->y, l, "bands が空です");
    t->b = pia_xcalloc((size_t)l->nkids, sizeof *t->b);
    for (int i = 0; i < l->nkids; i++)
        if (load_band(t, l->kids[i], i == l->nkids - 1, err) < 0)
            return -1;
    return 0;
}

static int load_item(pia_threshold *t, const pia_ynode *m, const char *what,
                     const pia_ynode **item, const pia_ynode **choices, pia_err *err)
{
    static const char *const keys[] = { "item", "choices", NULL };
    const char *s;
    if (pia_ytable_expect(t->y, m, PIA_Y_MAP, what, err) < 0 ||
        pia_ytable_known_keys(t->y, m, keys, err) < 0 ||
        pia_ytable_string(t->y, m, "item", 1, &s, err) < 0)
        return -1;
    *item = pia_ynode_get(m, "item");
    if (!(*choices = pia_ynode_get(m, "choices")))
        return pia_ytable_fail(err, t->y, m, "choices がありません");
    return 0;
}

static int load_form(pia_threshold *t, const pia_ynode *m, pia_err *err)
{
    static const char *const keys[] = { "persons", "result", NULL };
    formmap *f = &t->f[t->nf];
    f->form = m->key;
    f->at = m;
    const pia_ynode *pc, *rc;
    if (pia_ytable_expect(t->y, m, PIA_Y_MAP, m->key, err) < 0 ||
        pia_ytable_known_keys(t->y, m, keys, err) < 0)
        return -1;
    if (!pia_ynode_get(m, "persons") || !pia_ynode_get(m, "result"))
        return pia_ytable_fail(err, t->y, m, "persons と result が必要です");
    if (load_item(t, pia_ynode_get(m, "persons"), "persons", &f->persons_item, &pc, err) < 0 ||
        load_item(t, pia_ynode_get(m, "result"), "result", &f->result_item, &rc, err) < 0 ||
        pia_ytable_expect(t->y, pc, PIA_Y_LIST, "persons の choices", err) < 0 ||
        pia_ytable_expect(t->y, rc, PIA_Y_MAP, "result の choices", err) < 0)
        return -1;
    t->nf++;
    if (pc->nkids != t->nb)
        return pia_ytable_fail(err, t->y, pc, "persons の choices は区分ごとに一つ（%d 個）必要です（%d 個あります）",
                               t->nb, pc->nkids);
    f->persons_choice = pia_xcalloc((size_t)t->nb, sizeof *f->persons_choice);
    for (int i = 0; i < t->nb; i++) {
        if (pia_ytable_expect(t->y, pc->kids[i], PIA_Y_SCALAR, "persons の choices", err) < 0)
            return -1;
        f->persons_choice[i] = pc->kids[i];
    }
    f->result_choice = pia_xcalloc((size_t)t->nr, sizeof *f->result_choice);
    for (int i = 0; i < rc->nkids; i++) {
        int k = result_index(t, rc->kids[i]->key);
        pia_ynode at = { .line = rc->kids[i]->key_line, .col = rc->kids[i]->key_col };
        if (k < 0)
            return pia_ytable_fail(err, t->y, &at, "結果 \"%s\" は results にありません", rc->kids[i]->key);
        if (pia_ytable_expect(t->y, rc->kids[i], PIA_Y_SCALAR, rc->kids[i]->key, err) < 0)
            return -1;
        f->result_choice[k] = rc->kids[i];
    }
    for (int i = 0; i < t->nr; i++)
        if (!f->result_choice[i])
            return pia_ytable_fail(err, t->y, rc, "結果 \"%s\" の選択肢がありません", t->r[i].id);
    return 0;
}

static int load_forms(pia_threshold *t, const pia_ynode *m, pia_err *err)
{
    if (!m)
        return 0;
    if (pia_ytable_expect(t->y, m, PIA_Y_MAP, "forms", err) < 0)
        return -1;
    t->f = pia_xcalloc((size_t)m->nkids + 1, sizeof *t->f);
    for (int i = 0; i < m->nkids; i++)
        if (load_form(t, m->kids[i], err) < 0)
            return -1;
    return 0;
}

static int load_tree(pia_threshold *t, pia_err *err)
{
    static const char *const keys[] = { "source", "handlers_at_least", "results", "bands", "notes", "forms", NULL };
    const pia_ynode *root = t->y->root;
    if (pia_ytable_known_keys(t->y, root, keys, err) < 0 ||
        pia_ytable_string(t->y, root, "source", 1, &t->source, err) < 0 ||
        pia_ytable_long(t->y, root, "handlers_at_least", 1, 1, 100000000L, &t->handlers_min, NULL, err) < 0)
        return -1;
    if (!pia_ynode_get(root, "results") || !pia_ynode_get(root, "bands"))
        return pia_ytable_fail(err, t->y, root, "results と bands が必要です");
    if (load_results(t, pia_ynode_get(root, "results"), err) < 0 ||
        load_bands(t, pia_ynode_get(root, "bands"), err) < 0)
        return -1;
    const pia_ynode *notes = pia_ynode_get(root, "notes");
    if (notes && string_list(t, notes, "notes", &t->notes, &t->nnotes, err) < 0)
        return -1;
    return load_forms(t, pia_ynode_get(root, "forms"), err);
}

int pia_threshold_load(const char *path, pia_threshold **out, pia_err *err)
{
    *out = NULL;
    pia_threshold *t = pia_xcalloc(1, sizeof *t);
    if (pia_ytable_open(path, "threshold", &t->y, err) < 0 || load_tree(t, err) < 0) {
        pia_threshold_free(t);
        return -1;
    }
    *out = t;
    return 0;
}

void pia_threshold_free(pia_threshold *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->nr; i++)
        free(t->r[i].required);
    free(t->r);
    free(t->b);
    free(t->notes);
    for (int i = 0; i < t->nf; i++) {
        free(t->f[i].persons_choice);
        free(t->f[i].result_choice);
    }
    free(t->f);
    pia_ytable_free(t->y);
    free(t);
}

const char *pia_threshold_source(const pia_threshold *t) { return t->source; }
const char *pia_threshold_path(const pia_threshold *t) { return t->y->path; }
long pia_threshold_handlers_min(const pia_threshold *t) { return t->handlers_min; }

const char *pia_threshold_note(const pia_threshold *t, int i)
{
    return i >= 0 && i < t->nnotes ? t->notes[i] : NULL;
}

/* ---- judging ----------------------------------------------------------- */

int pia_threshold_parse_count(const char *s, long *out)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    long n = 0;
    int digits = 0, last_sep = 0;
    while (*p) {
        int d = -1, sep = 0;
        if (*p >= '0' && *p <= '9')
            d = *p++ - '0';
        else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99)
            d = p[2] - 0x90, p += 3;
        else if (*p == ',')
            sep = 1, p++;
        else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C)    /* ， */
            sep = 1, p += 3;
        else if (!strcmp((const char *)p, "人") && digits)
            break;
        else
            return -1;
        if (sep && (!digits || last_sep))
            return -1;
        last_sep = sep;
        if (d >= 0) {
            if (n > (2000000000L - d) / 10)
                return -1;
            n = n * 10 + d;
            digits++;
        }
    }
    if (!digits || last_sep)
        return -1;
    *out = n;
    return 0;
}

static int band_of(const pia_threshold *t, long persons)
{
    for (int i = 0; i < t->nb - 1; i++)
        if (persons < t->b[i].below)
            return i;
    return t->nb - 1;
}

int pia_threshold_needs_condition(const pia_threshold *t, long persons)
{
    const band *b = &t->b[band_of(t, persons)];
    return b->with != b->result;
}

/* "12,345" */
static void grouped(long n, char buf[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%ld", n < 0 ? 0 : n), o = 0;
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* handlers < 0 and incident < 0 are "not given"; judge only calls this
 * when the given ones settle the condition. */
static char *reason(const pia_threshold *t, const pia_threshold_result *r, long persons,
                    long handlers, int incident)
{
    char p[32], h[32], min[32];
    grouped(persons, p);
    grouped(handlers, h);
    grouped(t->handlers_min, min);
    char *head = pia_xasprintf("対象人数 %s人は「%s」の区分に当たり", p, r->band_label);
    char *s;
    int many = handlers >= t->handlers_min;
    if (!r->depends)
        s = pia_xasprintf("%sます（この区分では取扱者数・重大事故の有無は結果を変えません）。", head);
    else if (many && incident > 0)
        s = pia_xasprintf("%s、取扱者数 %s人が%s人以上で、過去1年以内に重大事故も発生しています。", head, h, min);
    else if (many)
        s = pia_xasprintf("%s、取扱者数 %s人が%s人以上です。", head, h, min);
    else if (incident > 0 && handlers >= 0)
        s = pia_xasprintf("%s、過去1年以内に重大事故が発生しています（取扱者数 %s人）。", head, h);
    else if (incident > 0)
        s = pia_xasprintf("%s、過去1年以内に重大事故が発生しています。", head);
    else
        s = pia_xasprintf("%s、取扱者数 %s人は%s人未満で、過去1年以内の重大事故もありません。", head, h, min);
    free(head);
    return s;
}

int pia_threshold_judge(const pia_threshold *t, long persons, long handlers, int incident,
                        pia_threshold_result *out, pia_err *err)
{
    memset(out, 0, sizeof *out);
    if (persons < 0)
        return pia_fail(err, PIA_EINVAL, "対象人数が負の数です");
    const band *b = &t->b[band_of(t, persons)];
    out->band = (int)(b - t->b);
    out->band_label = b->label;
    out->depends = b->with != b->result;
    int many = handlers >= t->handlers_min;
    out->condition = many || incident > 0;
    /* Either condition alone settles it; "not met" needs both answered. */
    if (out->depends && !out->condition && (handlers < 0 || incident < 0)) {
        char p[32];
        grouped(persons, p);
        return pia_fail(err, PIA_EINVAL, "対象人数 %s人（%s）では、取扱者数と過去1年以内の重大事故の有無で結果が変わります",
                        p, b->label);
    }
    const result *r = &t->r[out->depends && out->condition ? b->with : b->result];
    out->result_id = r->id;
    out->result_label = r->label;
    out->required = r->required;
    out->nrequired = r->nrequired;
    out->reason = reason(t, out, persons, handlers, incident);
    return 0;
}

void pia_threshold_result_free(pia_threshold_result *r)
{
    if (r) {
        free(r->reason);
        r->reason = NULL;
    }
}

/* ---- the items of a template ------------------------------------------- */

static const formmap *form_map(const pia_threshold *t, const char *form)
{
    for (int i = 0; i < t->nf; i++)
        if (!strcmp(t->f[i].form, form))
            return &t->f[i];
    return NULL;
}

/* The template's node for a table entry: an answer-holding choice, once per
 * assessment, outside repeated groups, that has `option` (when given). */
static const pia_node *template_item(const pia_threshold *t, const pia_form *form, const pia_ynode *item,
                                     const pia_ynode *option, pia_err *err)
{
    const pia_node *n = pia_form_find(form, item->text);
    if (!n)
        return pia_ytable_fail(err, t->y, item, "テンプレート %s に項目 %s はありません", form->name, item->text), NULL;
    if (n->kind != PIA_CHOICE || n->per_file || n->repeat_group)
        return pia_ytable_fail(err, t->y, item, "項目 %s は評価書に一つの選択式の項目ではありません", item->text), NULL;
    if (option && pia_node_choice_index(n, option->text) < 0)
        return pia_ytable_fail(err, t->y, option, "項目 %s に選択肢「%s」はありません", item->text, option->text), NULL;
    return n;
}

/* Check every option of the table against the template at once, so a
 * mismatch is found whatever the answers are. */
static int check_form(const pia_threshold *t, const formmap *f, const pia_form *form, pia_err *err)
{
    for (int i = 0; i < t->nb; i++)
        if (!template_item(t, form, f->persons_item, f->persons_choice[i], err))
            return -1;
    for (int i = 0; i < t->nr; i++)
        if (!template_item(t, form, f->result_item, f->result_choice[i], err))
            return -1;
    return 0;
}

static int band_of_answer(const pia_threshold *t, const formmap *f, const char *value)
{
    for (int i = 0; i < t->nb; i++)
        if (!strcmp(f->persons_choice[i]->text, value))
            return i;
    return -1;
}

static int result_of_answer(const pia_threshold *t, const formmap *f, const char *value)
{
    for (int i = 0; i < t->nr; i++)
        if (!strcmp(f->result_choice[i]->text, value))
            return i;
    return -1;
}

static const char *answer(const pia_doc *doc, const pia_ynode *item)
{
    const pia_value *v = pia_doc_get(doc, 0, 0, item->text);
    return v && v->value[0] ? v->value : NULL;
}

/* What Ⅰ1③ says against the persons given, or NULL when they agree. */
static char *persons_warning(const pia_threshold *t, const formmap *f, const pia_form *form,
                             const pia_doc *doc, long persons, int band)
{
    const pia_node *n = pia_form_find(form, f->persons_item->text);
    char *where = pia_location(n, 0, 0), *w = NULL, p[32];
    grouped(persons, p);
    const char *v = answer(doc, f->persons_item);
    if (!v)
        w = pia_xasprintf("%s は未回答です（対象人数 %s人なら「%s」）", where, p, f->persons_choice[band]->text);
    else if (band_of_answer(t, f, v) != band)
        w = pia_xasprintf("%s「%s」は、対象人数 %s人の区分「%s」と一致しません", where, v, p, t->b[band].label);
    free(where);
    return w;
}

int pia_threshold_fill(pia_store *st, const pia_threshold *t, long id, long persons,
                       const pia_threshold_result *r, char **warning, pia_err *err)
{
    *warning = NULL;
    pia_doc *doc = NULL;
    pia_form *form = NULL;
    int rc = -1;
    if (pia_store_load(st, id, &doc, err) || pia_form_load_named(doc->template_name, &form, err))
        goto out;
    const formmap *f = form_map(t, form->name);
    if (!f) {
        pia_fail(err, PIA_EINVAL, "%s: 様式 %s のしきい値判断結果の欄が表にありません（forms に %s がありません）",
                 t->y->path, form->name, form->name);
        goto out;
    }
    if (check_form(t, f, form, err) < 0)
        goto out;
    int k = result_index(t, r->result_id);
    rc = pia_store_set(st, id, 0, NULL, 0, f->result_item->text, f->result_choice[k]->text, "", -1, NULL, err);
    if (rc == 0)
        *warning = persons_warning(t, f, form, doc, persons, r->band);
out:
    pia_doc_free(doc);
    pia_form_free(form);
    return rc;
}

/* "基礎項目評価＋重点項目評価", or 義務なし. */
static char *short_result(const result *r)
{
    char *s = pia_xstrdup(r->nrequired ? "" : "義務なし");
    for (int i = 0; i < r->nrequired; i++) {
        char *n = pia_xasprintf("%s%s%s", s, i ? "＋" : "", r->required[i]);
        free(s);
        s = n;
    }
    return s;
}

static int disagreement(const pia_threshold *t, const pia_form *form, const pia_doc *doc,
                        const pia_node **node, char **what)
{
    pia_err err = { 0 };
    const formmap *f = form_map(t, form->name);
    if (!f)
        return 0;
    if (check_form(t, f, form, &err) < 0) {
        *what = pia_xasprintf("しきい値判断の表がテンプレートと合いません: %s", err.msg);
        return 1;
    }
    const char *pv = answer(doc, f->persons_item), *rv = answer(doc, f->result_item);
    int b = pv ? band_of_answer(t, f, pv) : -1, k = rv ? result_of_answer(t, f, rv) : -1;
    if (b < 0 || k < 0 || k == t->b[b].result || k == t->b[b].with)
        return 0;
    *node = pia_form_find(form, f->result_item->text);
    char *where = pia_location(pia_form_find(form, f->persons_item->text), 0, 0);
    char *got = short_result(&t->r[k]), *a = short_result(&t->r[t->b[b].result]),
         *w = short_result(&t->r[t->b[b].with]);
    if (t->b[b].with == t->b[b].result)
        *what = pia_xasprintf("判断「%s」は %s「%s」と合いません（この区分の判断は %s。根拠: %s）",
                              got, where, pv, a, t->source);
    else
        *what = pia_xasprintf("判断「%s」は %s「%s」と合いません（この区分の判断は %s 又は %s。根拠: %s）",
                              got, where, pv, a, w, t->source);
    free(got);
    free(a);
    free(w);
    free(where);
    return 1;
}

int pia_threshold_check_doc(const pia_threshold *t, const pia_form *form, const pia_doc *doc,
                            const pia_node **node, char **what)
{
    *node = NULL;
    *what = NULL;
    pia_threshold *own = NULL;
    if (!t) {
        pia_err err = { 0 };
        /* Not installed: nothing to check against (`pia threshold` says
         * so); installed but broken: said here, where it would mislead. */
        if (pia_threshold_load(NULL, &own, &err) < 0 && err.code == PIA_ENOTFOUND)
            return 0;
        if (!own) {
            *what = pia_xasprintf("しきい値判断の表を読めません: %s", err.msg);
            return 1;
        }
        t = own;
    }
    int rc = disagreement(t, form, doc, node, what);
    pia_threshold_free(own);
    return rc;
}
