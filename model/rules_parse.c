/*
 * rules_parse.c — reads a template's `rules:` block (rules.h) and refuses
 * every rule that names an unknown id or an item of the wrong kind, with
 * FILE:LINE:COLUMN of the offending value.
 *
 * The template parser (template_parse.c) has already read the whole file
 * with aliases refused and a size limit, so libyaml's document loader is
 * safe here and keeps this reader short.
 */
#include "rules.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct rparser {
    yaml_document_t doc;
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

static int bad(rparser *p, const yaml_node_t *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(rparser *p, const yaml_node_t *at, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pia_fail(p->err, PIA_EINVAL, "%s:%d:%d: rules: %s", p->path,
                    (int)at->start_mark.line + 1, (int)at->start_mark.column + 1, what);
}

static yaml_node_t *node_at(rparser *p, int i)
{
    return yaml_document_get_node(&p->doc, i);
}

static const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* The value of `key` in mapping m, or NULL. */
static yaml_node_t *get(rparser *p, const yaml_node_t *m, const char *key)
{
    for (yaml_node_pair_t *kv = m->data.mapping.pairs.start; kv < m->data.mapping.pairs.top; kv++) {
        const char *k = scalar(node_at(p, kv->key));
        if (k && strcmp(k, key) == 0)
            return node_at(p, kv->value);
    }
    return NULL;
}

static const char *const rule_keys[] = {"kind", "items", "group", "item", "repeat", "when",
                                        "limit", "a", "b"};

static int check_keys(rparser *p, const yaml_node_t *m)
{
    for (yaml_node_pair_t *kv = m->data.mapping.pairs.start; kv < m->data.mapping.pairs.top; kv++) {
        const yaml_node_t *kn = node_at(p, kv->key);
        const char *k = scalar(kn);
        size_t i = 0;
        while (k && i < sizeof rule_keys / sizeof *rule_keys && strcmp(k, rule_keys[i]))
            i++;
        if (!k || i == sizeof rule_keys / sizeof *rule_keys)
            return bad(p, kn, "未知のキー \"%s\" です", k ? k : "?");
    }
    return 0;
}

static const char *kind_ja(pia_kind k)
{
    static const char *const names[] = {"group", "text", "choice", "check"};
    return names[k];
}

/* The node named by scalar n, of one of the kinds in `kinds` (a bit set). */
static int resolve(rparser *p, const yaml_node_t *n, const char *key, unsigned kinds,
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

static int need(rparser *p, const yaml_node_t *m, const char *key, yaml_node_t **out)
{
    *out = get(p, m, key);
    if (!*out)
        return bad(p, m, "%s がありません", key);
    return 0;
}

#define B(k) (1u << (k))

/* items: [id, id, …] — all of `kinds`, at least `min`. */
static int read_items(rparser *p, pia_rule *r, const yaml_node_t *m, unsigned kinds, int min)
{
    yaml_node_t *seq;
    if (need(p, m, "items", &seq) < 0)
        return -1;
    if (seq->type != YAML_SEQUENCE_NODE)
        return bad(p, seq, "items はリストで書きます");
    int n = (int)(seq->data.sequence.items.top - seq->data.sequence.items.start);
    if (n < min)
        return bad(p, seq, "items には %d 個以上の id が要ります", min);
    r->items = pia_xcalloc((size_t)n, sizeof *r->items);
    for (int i = 0; i < n; i++) {
        yaml_node_t *at = node_at(p, seq->data.sequence.items.start[i]);
        if (resolve(p, at, "items", kinds, &r->items[i]) < 0)
            return -1;
        r->nitems++;
        if (r->items[i]->repeat_group != r->items[0]->repeat_group)
            return bad(p, at, "\"%s\" と \"%s\" は別の繰り返しの中にあり、一つの規則にできません",
                       r->items[0]->id, r->items[i]->id);
    }
    return 0;
}

static int read_one(rparser *p, pia_rule *r, const yaml_node_t *m, const char *key, unsigned kinds)
{
    yaml_node_t *v;
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
static int same_repeat(rparser *p, const yaml_node_t *at, const pia_node *x, const pia_node *y)
{
    if (y->repeat_group && y->repeat_group != x->repeat_group)
        return bad(p, at, "\"%s\" と \"%s\" は別の繰り返しの中にあり、比べられません", x->id, y->id);
    return 0;
}

/* a: {item: ID, is: VALUE} — `is` is required on a choice and refused
 * elsewhere. */
static int read_cond(rparser *p, const yaml_node_t *m, const char *key, pia_rule_cond *c)
{
    yaml_node_t *v;
    if (need(p, m, key, &v) < 0)
        return -1;
    if (v->type != YAML_MAPPING_NODE)
        return bad(p, v, "%s は {item: ID, is: 値} で書きます", key);
    for (yaml_node_pair_t *kv = v->data.mapping.pairs.start; kv < v->data.mapping.pairs.top; kv++) {
        const char *k = scalar(node_at(p, kv->key));
        if (!k || (strcmp(k, "item") && strcmp(k, "is")))
            return bad(p, node_at(p, kv->key), "%s の未知のキー \"%s\" です", key, k ? k : "?");
    }
    yaml_node_t *item;
    if (need(p, v, "item", &item) < 0 ||
        resolve(p, item, "item", B(PIA_TEXT) | B(PIA_CHOICE) | B(PIA_CHECK), &c->node) < 0)
        return -1;
    yaml_node_t *is = get(p, v, "is");
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

static int read_count(rparser *p, pia_rule *r, const yaml_node_t *m)
{
    yaml_node_t *rep, *when = get(p, m, "when");
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

static int read_not_above(rparser *p, pia_rule *r, const yaml_node_t *m)
{
    yaml_node_t *lim;
    if (read_one(p, r, m, "item", B(PIA_CHOICE)) < 0 || need(p, m, "limit", &lim) < 0 ||
        resolve(p, lim, "limit", B(PIA_CHOICE), &r->other) < 0)
        return -1;
    if (!same_choices(r->items[0], r->other))
        return bad(p, lim, "\"%s\" と \"%s\" の選択肢が同じではありません", r->items[0]->id, r->other->id);
    return same_repeat(p, lim, r->items[0], r->other);
}

static int read_body(rparser *p, pia_rule *r, const yaml_node_t *m)
{
    switch (r->kind) {
    case PIA_RULE_EXCLUSIVE:
        return read_items(p, r, m, B(PIA_CHECK), 2);
    case PIA_RULE_ONE_OF:
        if (read_one(p, r, m, "group", B(PIA_GROUP)) < 0)
            return -1;
        return has_box(r->items[0]) ? 0 : bad(p, get(p, m, "group"), "group \"%s\" にチェック欄がありません", r->items[0]->id);
    case PIA_RULE_NEEDS_TEXT:
        if (read_items(p, r, m, B(PIA_CHECK), 1) < 0)
            return -1;
        for (int i = 0; i < r->nitems; i++)
            if (!r->items[i]->detail)
                return bad(p, get(p, m, "items"), "\"%s\" には （ ） がありません（detail がない）", r->items[i]->id);
        return 0;
    case PIA_RULE_COUNT:
        return read_count(p, r, m);
    case PIA_RULE_AGREE:
    case PIA_RULE_IMPLIES:
        if (read_cond(p, m, "a", &r->a) < 0 || read_cond(p, m, "b", &r->b) < 0)
            return -1;
        return same_repeat(p, get(p, m, "b"), r->a.node, r->b.node);
    case PIA_RULE_NOT_ABOVE:
        return read_not_above(p, r, m);
    }
    return -1;
}

static int read_rule(rparser *p, pia_rule *r, const yaml_node_t *m)
{
    if (m->type != YAML_MAPPING_NODE)
        return bad(p, m, "規則はマッピング {kind: …} で書きます");
    r->line = (int)m->start_mark.line + 1;
    r->col = (int)m->start_mark.column + 1;
    if (check_keys(p, m) < 0)
        return -1;
    yaml_node_t *k;
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

static int read_rules(rparser *p, const yaml_node_t *seq, pia_rules *rs)
{
    if (seq->type != YAML_SEQUENCE_NODE)
        return bad(p, seq, "rules はリストで書きます");
    int n = (int)(seq->data.sequence.items.top - seq->data.sequence.items.start);
    rs->rule = pia_xcalloc((size_t)(n ? n : 1), sizeof *rs->rule);
    for (int i = 0; i < n; i++) {
        rs->n++;
        if (read_rule(p, &rs->rule[i], node_at(p, seq->data.sequence.items.start[i])) < 0)
            return -1;
    }
    return 0;
}

int pia_rules_parse(const pia_form *form, const char *path, const char *data, size_t len,
                    pia_rules **out, pia_err *err)
{
    *out = pia_xcalloc(1, sizeof **out);
    rparser p = {.form = form, .path = path, .err = err};
    yaml_parser_t yp;
    if (!yaml_parser_initialize(&yp))
        return pia_fail(err, PIA_ENOMEM, "%s: YAML パーサを初期化できません", path);
    yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&yp, (const unsigned char *)(data ? data : ""), data ? len : 0);
    int ok = yaml_parser_load(&yp, &p.doc);
    yaml_parser_delete(&yp);
    if (!ok) {   /* the template parser accepted the same text: cannot happen */
        pia_rules_free(*out);
        *out = NULL;
        return pia_fail(err, PIA_EINVAL, "%s: rules を読めません", path);
    }
    int rc = 0;
    yaml_node_t *root = yaml_document_get_root_node(&p.doc);
    yaml_node_t *seq = root && root->type == YAML_MAPPING_NODE ? get(&p, root, "rules") : NULL;
    if (seq)
        rc = read_rules(&p, seq, *out);
    yaml_document_delete(&p.doc);
    if (rc < 0) {
        pia_rules_free(*out);
        *out = NULL;
    }
    return rc;
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
