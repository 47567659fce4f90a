/*
 * rules.c — evaluates the template's consistency rules (rules.h) on one
 * assessment.  Rules are read per 特定個人情報ファイル (a rule on items
 * answered once is read once), and inside a repeated group per instance
 * that has anything entered: an empty 委託事項 is reported as unanswered by
 * the check, not as a contradiction.  A part switched off by its box
 * (該当なし) is not judged.
 */
#include "rules.h"
#include "check.h"
#include "format.h"
#include "walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct ev {
    const pia_form *form;
    const pia_doc *doc;
    pia_rule_fn fn;
    void *ctx;
    int file;            /* the 特定個人情報ファイル being read (>= 1) */
} ev;

static int inst_of(const pia_node *n, int inst)
{
    return n->repeat_group ? inst : 0;
}

static const pia_value *get(const ev *e, const pia_node *n, int inst)
{
    return pia_doc_get(e->doc, pia_walk_answer_file(n, e->file), inst_of(n, inst), n->id);
}

static int ticked(const ev *e, const pia_node *n, int inst)
{
    return pia_answered(n, get(e, n, inst));
}

/* The file a node is printed under (its section's copy), for locations. */
static int print_file(const ev *e, const pia_node *n)
{
    while (n->parent)
        n = n->parent;
    return n->per_file ? e->file : 0;
}

static char *where(const ev *e, const pia_node *n, int inst)
{
    return pia_location(n, print_file(e, n), inst_of(n, inst));
}

static void report(const ev *e, const pia_rule *r, const pia_node *n, int inst, char *what)
{
    pia_rule_break b = {.rule = r, .node = n, .file = print_file(e, n),
                        .inst = inst_of(n, inst), .what = what};
    e->fn(&b, e->ctx);
    free(what);
}

/* Whether anything is entered under instance `inst` of a repeated group. */
static int used(const ev *e, const pia_node *g, int inst)
{
    if (pia_node_is_field(g) && get(e, g, inst))
        return 1;
    for (int i = 0; i < g->nkids; i++)
        if (used(e, g->kids[i], inst))
            return 1;
    return 0;
}

static int ninstances(const ev *e, const pia_node *g)
{
    int n = pia_doc_instances(e->doc, pia_walk_answer_file(g, e->file), g->id);
    return n > 0 ? n : 1;
}

static int count_used(const ev *e, const pia_node *g)
{
    int n = ninstances(e, g), k = 0;
    for (int i = 1; i <= n; i++)
        k += used(e, g, i);
    return k;
}

/* ---- the kinds ---------------------------------------------------------- */

static void exclusive(const ev *e, const pia_rule *r, int inst)
{
    const pia_node *first = NULL;
    for (int i = 0; i < r->nitems; i++) {
        if (!ticked(e, r->items[i], inst))
            continue;
        if (!first) {
            first = r->items[i];
            continue;
        }
        char *w = where(e, r->items[i], inst);
        report(e, r, first, inst, pia_xasprintf("%s と両方にチェックがあります（どちらか一方です）", w));
        free(w);
    }
}

static int any_box(const ev *e, const pia_node *g, int inst)
{
    if (g->kind == PIA_CHECK && ticked(e, g, inst))
        return 1;
    for (int i = 0; i < g->nkids; i++)
        if (any_box(e, g->kids[i], inst))
            return 1;
    return 0;
}

static void one_of(const ev *e, const pia_rule *r, int inst)
{
    if (!any_box(e, r->items[0], inst))
        report(e, r, r->items[0], inst, pia_xstrdup("どれにもチェックがありません（一つ以上にチェックします）"));
}

static int blank(const char *s)
{
    while (s && *s) {
        if (strchr(" \t\n\r", *s))
            s++;
        else if (strncmp(s, "\u3000", 3) == 0)   /* 全角スペース */
            s += 3;
        else
            return 0;
    }
    return 1;
}

static void needs_text(const ev *e, const pia_rule *r, int inst)
{
    for (int i = 0; i < r->nitems; i++) {
        const pia_value *v = get(e, r->items[i], inst);
        if (pia_answered(r->items[i], v) && blank(v->detail))
            report(e, r, r->items[i], inst,
                   pia_xstrdup("チェックがありますが （ ） の中が空です（内容を記入します）"));
    }
}

/* "12", "１２" → 12; anything else → -1. */
static long parse_count(const char *s)
{
    long n = 0;
    int digits = 0;
    while (*s == ' ')
        s++;
    while (*s) {
        if (*s >= '0' && *s <= '9')
            n = n * 10 + (*s++ - '0');
        else if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
                 (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
            n = n * 10 + ((unsigned char)s[2] - 0x90), s += 3;
        else
            break;
        if (++digits > 6)
            return -1;
    }
    while (*s == ' ')
        s++;
    return digits && !*s ? n : -1;
}

/* 「委託する（ 2 ）件」, 「提供を行っている（ 2 ）件」 */
static char *stated(const pia_node *n, const pia_value *v)
{
    char *d = pia_format_detail(n, v->detail);
    char *s = pia_xasprintf("「%s%s」", n->kind == PIA_CHOICE ? v->value : n->label, d);
    free(d);
    return s;
}

static void count(const ev *e, const pia_rule *r, int inst)
{
    const pia_node *it = r->items[0];
    const pia_value *v = get(e, it, inst);
    if (!pia_answered(it, v) || (r->when && strcmp(v->value, r->when)))
        return;
    int have = count_used(e, r->other);
    char *w = where(e, r->other, 1);
    char *s = stated(it, v);
    long n = parse_count(v->detail);
    if (blank(v->detail))
        report(e, r, it, inst, pia_xasprintf("%s は %d 件ですが、%s の件数が空です", w, have, s));
    else if (n < 0)
        report(e, r, it, inst, pia_xasprintf("%s の件数が数字ではありません", s));
    else if (n != have)
        report(e, r, it, inst, pia_xasprintf("%s は %d 件ですが、%s です", w, have, s));
    free(s);
    free(w);
}

/* A condition's item has an answer to judge: an unanswered choice is
 * reported as unanswered, not as a contradiction. */
static int known(const ev *e, const pia_rule_cond *c, int inst)
{
    return c->node->kind != PIA_CHOICE || pia_answered(c->node, get(e, c->node, inst));
}

static int holds(const ev *e, const pia_rule_cond *c, int inst)
{
    const pia_value *v = get(e, c->node, inst);
    if (c->is)
        return pia_answered(c->node, v) && strcmp(v->value, c->is) == 0;
    return pia_answered(c->node, v);
}

static char *state(const ev *e, const pia_rule_cond *c, int inst)
{
    const pia_value *v = get(e, c->node, inst);
    int on = pia_answered(c->node, v);
    switch (c->node->kind) {
    case PIA_CHOICE: return pia_xasprintf("「%s」", v->value);
    case PIA_CHECK: return pia_xstrdup(on ? "「チェックあり」" : "「チェックなし」");
    default: return pia_xstrdup(on ? "「記入あり」" : "「空」");
    }
}

static void agree(const ev *e, const pia_rule *r, int inst)
{
    if (!known(e, &r->a, inst) || !known(e, &r->b, inst))
        return;
    int ha = holds(e, &r->a, inst), hb = holds(e, &r->b, inst);
    if (r->kind == PIA_RULE_AGREE ? ha == hb : !ha || hb)
        return;
    char *sa = state(e, &r->a, inst), *sb = state(e, &r->b, inst), *wb = where(e, r->b.node, inst);
    report(e, r, r->a.node, inst, pia_xasprintf("%s が %s で食い違っています（この項目は %s）", wb, sb, sa));
    free(sa);
    free(sb);
    free(wb);
}

static void not_above(const ev *e, const pia_rule *r, int inst)
{
    const pia_node *it = r->items[0];
    const pia_value *v = get(e, it, inst), *lim = get(e, r->other, inst);
    if (!pia_answered(it, v) || !pia_answered(r->other, lim))
        return;
    if (pia_node_choice_index(it, v->value) <= pia_node_choice_index(r->other, lim->value))
        return;
    char *w = where(e, r->other, inst);
    report(e, r, it, inst, pia_xasprintf("%s の「%s」を超えています（この項目は「%s」）", w, lim->value, v->value));
    free(w);
}

/* ---- the walk over files and instances ---------------------------------- */

static const pia_node *first_node(const pia_rule *r)
{
    return r->nitems ? r->items[0] : r->a.node;
}

static int any_per_file(const pia_rule *r)
{
    int pf = first_node(r)->per_file || (r->other && r->other->per_file);
    for (int i = 0; i < r->nitems; i++)
        pf |= r->items[i]->per_file;
    return pf || (r->b.node && r->b.node->per_file);
}

static int switched_off(const ev *e, const pia_rule *r)
{
    if (pia_walk_is_na(e->form, e->doc, first_node(r), e->file))
        return 1;
    const pia_node *second = r->b.node ? r->b.node : r->other;
    return second && pia_walk_is_na(e->form, e->doc, second, e->file);
}

static void eval_at(const ev *e, const pia_rule *r, int inst)
{
    switch (r->kind) {
    case PIA_RULE_EXCLUSIVE: exclusive(e, r, inst); break;
    case PIA_RULE_ONE_OF: one_of(e, r, inst); break;
    case PIA_RULE_NEEDS_TEXT: needs_text(e, r, inst); break;
    case PIA_RULE_COUNT: count(e, r, inst); break;
    case PIA_RULE_AGREE:
    case PIA_RULE_IMPLIES: agree(e, r, inst); break;
    case PIA_RULE_NOT_ABOVE: not_above(e, r, inst); break;
    }
}

static void eval_rule(const ev *e, const pia_rule *r)
{
    if (switched_off(e, r))
        return;
    const pia_node *g = first_node(r)->repeat_group;
    if (!g) {
        eval_at(e, r, 0);
        return;
    }
    int n = ninstances(e, g);
    for (int i = 1; i <= n; i++)
        if (used(e, g, i))
            eval_at(e, r, i);
}

void pia_rules_eval(const pia_form *form, const pia_doc *doc, pia_rule_fn fn, void *ctx)
{
    if (!form->rules)
        return;
    ev e = {.form = form, .doc = doc, .fn = fn, .ctx = ctx};
    int nfiles = doc->nfiles > 0 ? doc->nfiles : 1;
    for (int i = 0; i < form->rules->n; i++) {
        const pia_rule *r = &form->rules->rule[i];
        int per_file = any_per_file(r);
        if (per_file && doc->nfiles == 0)
            continue;
        for (e.file = 1; e.file <= (per_file ? nfiles : 1); e.file++)
            eval_rule(&e, r);
    }
}
