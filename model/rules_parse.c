/*
 * rules_parse.c — reads a template's `rules:` block (rules.h) and refuses
 * every rule that names an unknown id or an item of the wrong kind, with
 * FILE:LINE:COLUMN of the offending value.
 *
 * The template parser (template_parse.c) keeps the block as a small tree
 * (ytable.h) in its one pass over the file, aliases refused and the size
 * limited there; this reader runs once the form's tree is whole.
 */
#include "rules.h"
#include "ytable.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef const pia_ynode ynode;

typedef struct rparser {
    const pia_form *form;
    const char *path;
    pia_err *err;
} rparser;

static const char *const kind_names[] = {
    [PIA_RULE_EXCLUSIVE] = "exclusive", [PIA_RULE_ONE_OF] = "one_of",
    [PIA_RULE_NEEDS_TEXT] = "needs_text", [PIA_RULE_COUNT] = "count",
    [PIA_RULE_AGREE] = "agree", [PIA_RULE_IMPLIES] = "implies",
    [PIA_RULE_NOT_ABOVE] = "not_above",
};
#define NKINDS ((int)(sizeof kind_names / sizeof *kind_names))

static int bad(rparser *p, ynode *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(rparser *p, ynode *at, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pia_fail(p->err, PIA_EINVAL, "%s:%d:%d: rules: %s", p->path, at->line, at->col, what);
}

/* A YAML null (an empty value) reads as the empty string: an id that no
 * node has. */
static const char *scalar(ynode *n)
{
    return n && n->kind == PIA_Y_SCALAR ? (n->text ? n->text : "") : NULL;
}

/* The value of `key` in mapping m, or NULL. */
static ynode *get(ynode *m, const char *key)
{
    return pia_ynode_get(m, key);
}

/* Where the key of entry e of a mapping is written. */
static pia_ynode key_of(ynode *e)
{
    return (pia_ynode){.line = e->key_line, .col = e->key_col};
}

static const char *const rule_keys[] = {"kind", "items", "group", "item", "repeat", "when",
                                        "limit", "a", "b"};

static int check_keys(rparser *p, ynode *m)
{
    for (int e = 0; e < m->nkids; e++) {
        const char *k = m->kids[e]->key;
        size_t i = 0;
        while (i < sizeof rule_keys / sizeof *rule_keys && strcmp(k, rule_keys[i]))
            i++;
        ynode at = key_of(m->kids[e]);
        if (i == sizeof rule_keys / sizeof *rule_keys)
            return bad(p, &at, "未知のキー \"%s\" です", k);
    }
    return 0;
}

static const char *kind_ja(pia_kind k)
{
    static const char *const names[] = {"group", "text", "choice", "check"};
    return names[k];
}

/* The node named by scalar n, of one of the kinds in `kinds` (a bit set). */
static int resolve(rparser *p, ynode *n, const char *key, unsigned kinds,
                   const pia_node **out)
{
    const char *id = scalar(n);
    if (!id)
        return bad(p, n, "%s には id を一つ書きます", key);
    const pia_node *node = pia_form_find(p->form, id);
    if (!node)
        return bad(p, n, "%s の \"%s\" はテンプレートにありません", key, id);
    if (!(kinds & (1u << node->kind)))
        return bad(p, n, "%s の \"%s\" は %s です（この規則には使えません）", key, id, kind_ja(node->kind));
    *out = node;
    return 0;
}

static int need(rparser *p, ynode *m, const char *key, ynode **out)
{
    *out = get(m, key);
    if (!*out)
        return bad(p, m, "%s がありません", key);
    return 0;
}

#define B(k) (1u << (k))

/* items: [id, id, …] — all of `kinds`, at least `min`. */
static int read_items(rparser *p, pia_rule *r, ynode *m, unsigned kinds, int min)
{
    ynode *seq;
    if (need(p, m, "items", &seq) < 0)
        return -1;
    if (seq->kind != PIA_Y_LIST)
        return bad(p, seq, "items はリストで書きます");
    int n = seq->nkids;
    if (n < min)
        return bad(p, seq, "items には %d 個以上の id が要ります", min);
    r->items = pia_xcalloc((size_t)n, sizeof *r->items);
    for (int i = 0; i < n; i++) {
        ynode *at = seq->kids[i];
        if (resolve(p, at, "items", kinds, &r->items[i]) < 0)
            return -1;
        r->nitems++;
        if (r->items[i]->repeat_group != r->items[0]->repeat_group)
            return bad(p, at, "\"%s\" と \"%s\" は別の繰り返しの中にあり、一つの規則にできません",
                       r->items[0]->id, r->items[i]->id);
    }
    return 0;
}

static int read_one(rparser *p, pia_rule *r, ynode *m, const char *key, unsigned kinds)
{
    ynode *v;
    if (need(p, m, key, &v) < 0)
        return -1;
    r->items = pia_xcalloc(1, sizeof *r->items);
    r->nitems = 1;
    return resolve(p, v, key, kinds, &r->items[0]);
}

static int has_box(const pia_node *g)
{
    for (int i = 0; i < g->nkids; i++)
        if (g->kids[i]->kind == PIA_CHECK || has_box(g->kids[i]))
            return 1;
    return 0;
}

/* Both items of a rule are read in the same instance, so the second may
 * not sit in another repeated group than the first. */
static int same_repeat(rparser *p, ynode *at, const pia_node *x, const pia_node *y)
{
    if (y->repeat_group && y->repeat_group != x->repeat_group)
        return bad(p, at, "\"%s\" と \"%s\" は別の繰り返しの中にあり、比べられません", x->id, y->id);
    return 0;
}

/* a: {item: ID, is: VALUE} — `is` is required on a choice and refused
 * elsewhere. */
static int read_cond(rparser *p, ynode *m, const char *key, pia_rule_cond *c)
{
    ynode *v;
    if (need(p, m, key, &v) < 0)
        return -1;
    if (v->kind != PIA_Y_MAP)
        return bad(p, v, "%s は {item: ID, is: 値} で書きます", key);
    for (int e = 0; e < v->nkids; e++) {
        const char *k = v->kids[e]->key;
        ynode at = key_of(v->kids[e]);
        if (strcmp(k, "item") && strcmp(k, "is"))
            return bad(p, &at, "%s の未知のキー \"%s\" です", key, k);
    }
    ynode *item;
    if (need(p, v, "item", &item) < 0 ||
        resolve(p, item, "item", B(PIA_TEXT) | B(PIA_CHOICE) | B(PIA_CHECK), &c->node) < 0)
        return -1;
    ynode *is = get(v, "is");
    if (c->node->kind != PIA_CHOICE) {
        if (is)
            return bad(p, is, "is は choice にだけ書けます（\"%s\" は %s）", c->node->id, kind_ja(c->node->kind));
        return 0;
    }
    if (!is || !scalar(is))
        return bad(p, v, "choice \"%s\" には is: 選択肢 が要ります", c->node->id);
    if (pia_node_choice_index(c->node, scalar(is)) < 0)
        return bad(p, is, "\"%s\" は \"%s\" の選択肢にありません", scalar(is), c->node->id);
    c->is = pia_xstrdup(scalar(is));
    return 0;
}

static int read_count(rparser *p, pia_rule *r, ynode *m)
{
    ynode *rep, *when = get(m, "when");
    if (read_one(p, r, m, "item", B(PIA_CHECK) | B(PIA_CHOICE)) < 0 || need(p, m, "repeat", &rep) < 0 ||
        resolve(p, rep, "repeat", B(PIA_GROUP), &r->other) < 0)
        return -1;
    const pia_node *it = r->items[0];
    if (!it->detail)
        return bad(p, m, "\"%s\" には件数の （ ） がありません（detail がない）", it->id);
    if (!r->other->repeat)
        return bad(p, rep, "repeat の \"%s\" は繰り返しではありません", r->other->id);
    if (it->kind == PIA_CHOICE) {
        if (!when || !scalar(when))
            return bad(p, m, "choice \"%s\" には when: 選択肢 が要ります", it->id);
        if (pia_node_choice_index(it, scalar(when)) < 0)
            return bad(p, when, "\"%s\" は \"%s\" の選択肢にありません", scalar(when), it->id);
        r->when = pia_xstrdup(scalar(when));
    } else if (when) {
        return bad(p, when, "when は choice にだけ書けます");
    }
    return 0;
}

static int same_choices(const pia_node *x, const pia_node *y)
{
    if (x->nchoices != y->nchoices)
        return 0;
    for (int i = 0; i < x->nchoices; i++)
        if (strcmp(x->choices[i], y->choices[i]))
            return 0;
    return 1;
}

static int read_not_above(rparser *p, pia_rule *r, ynode *m)
{
    ynode *lim;
    if (read_one(p, r, m, "item", B(PIA_CHOICE)) < 0 || need(p, m, "limit", &lim) < 0 ||
        resolve(p, lim, "limit", B(PIA_CHOICE), &r->other) < 0)
        return -1;
    if (!same_choices(r->items[0], r->other))
        return bad(p, lim, "\"%s\" と \"%s\" の選択肢が同じではありません", r->items[0]->id, r->other->id);
    return same_repeat(p, lim, r->items[0], r->other);
}

static int read_body(rparser *p, pia_rule *r, ynode *m)
{
    switch (r->kind) {
    case PIA_RULE_EXCLUSIVE:
        return read_items(p, r, m, B(PIA_CHECK), 2);
    case PIA_RULE_ONE_OF:
        if (read_one(p, r, m, "group", B(PIA_GROUP)) < 0)
            return -1;
        return has_box(r->items[0]) ? 0 : bad(p, get(m, "group"), "group \"%s\" にチェック欄がありません", r->items[0]->id);
    case PIA_RULE_NEEDS_TEXT:
        if (read_items(p, r, m, B(PIA_CHECK), 1) < 0)
            return -1;
        for (int i = 0; i < r->nitems; i++)
            if (!r->items[i]->detail)
                return bad(p, get(m, "items"), "\"%s\" には （ ） がありません（detail がない）", r->items[i]->id);
        return 0;
    case PIA_RULE_COUNT:
        return read_count(p, r, m);
    case PIA_RULE_AGREE:
    case PIA_RULE_IMPLIES:
        if (read_cond(p, m, "a", &r->a) < 0 || read_cond(p, m, "b", &r->b) < 0)
            return -1;
        return same_repeat(p, get(m, "b"), r->a.node, r->b.node);
    case PIA_RULE_NOT_ABOVE:
        return read_not_above(p, r, m);
    }
    return -1;
}

static int read_rule(rparser *p, pia_rule *r, ynode *m)
{
    if (m->kind != PIA_Y_MAP)
        return bad(p, m, "規則はマッピング {kind: …} で書きます");
    r->line = m->line;
    r->col = m->col;
    if (check_keys(p, m) < 0)
        return -1;
    ynode *k;
    if (need(p, m, "kind", &k) < 0)
        return -1;
    const char *name = scalar(k);
    int i = 0;
    while (name && i < NKINDS && strcmp(name, kind_names[i]))
        i++;
    if (!name || i == NKINDS)
        return bad(p, k, "未知の kind \"%s\" です（exclusive, one_of, needs_text, count, agree, implies, not_above）",
                   name ? name : "?");
    r->kind = (pia_rule_kind)i;
    return read_body(p, r, m);
}

static int read_rules(rparser *p, ynode *seq, pia_rules *rs)
{
    if (seq->kind != PIA_Y_LIST)
        return bad(p, seq, "rules はリストで書きます");
    int n = seq->nkids;
    rs->rule = pia_xcalloc((size_t)(n ? n : 1), sizeof *rs->rule);
    for (int i = 0; i < n; i++) {
        rs->n++;
        if (read_rule(p, &rs->rule[i], seq->kids[i]) < 0)
            return -1;
    }
    return 0;
}

int pia_rules_read(const pia_form *form, const char *path, const pia_ynode *block,
                   pia_rules **out, pia_err *err)
{
    *out = pia_xcalloc(1, sizeof **out);
    rparser p = {.form = form, .path = path, .err = err};
    if (block && read_rules(&p, block, *out) < 0) {
        pia_rules_free(*out);
        *out = NULL;
        return -1;
    }
    return 0;
}

void pia_rules_free(pia_rules *rules)
{
    if (!rules)
        return;
    for (int i = 0; i < rules->n; i++) {
        free(rules->rule[i].items);
        free(rules->rule[i].when);
        free(rules->rule[i].a.is);
        free(rules->rule[i].b.is);
    }
    free(rules->rule);
    free(rules);
}
