/*
 * template_parse.c — turns the YAML text of a template into a pia_form and
 * rejects everything docs/template-format.md forbids.
 *
 * libyaml's event API is used (not its document loader) so that aliases are
 * refused before anything is expanded, every message can carry the exact
 * mark of the offending token, and a hostile file costs no more memory than
 * its own size.  Each node is appended to form->nodes when its mapping
 * opens, which makes the index pre-order for free; everything that depends
 * on keys that may come later in the mapping (kind, per_file, repeat) is
 * settled when the mapping closes or in a final pass over the whole tree.
 * The `rules:` block is kept from the same pass and read at the end.
 */
#include "form.h"
#include "doc.h"
#include "template_internal.h"
#include "map.h"
#include "rules.h"
#include "yaml_event.h"
#include "ytable.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "limits.h"

#define MAX_DEPTH PIA_MAX_DEPTH
#define MAX_NODES PIA_MAX_NODES

typedef struct mark { int line, col; } mark;   /* 1-based; line 0 = unset */

enum nkey {
    K_ID, K_KIND, K_LABEL, K_NUMBER, K_SEP, K_NOTE, K_ITEMS, K_PER_FILE,
    K_REPEAT, K_CHOICES, K_CONCERN, K_DETAIL, K_DISABLES, K_NOTICE, K_SHORT,
    K_AUTO, K_HELP, K_WAS, K_LAYOUT, K_INLINE, NKEYS
};

/* Which kinds a key may appear on: a key that would be silently ignored is
 * almost always a mistake in the template. */
#define ANY ((1u << PIA_GROUP) | (1u << PIA_TEXT) | (1u << PIA_CHOICE) | (1u << PIA_CHECK))
static const struct { const char *name; unsigned kinds; const char *kinds_ja; } node_keys[NKEYS] = {
    [K_ID] = {"id", ANY, NULL},
    [K_KIND] = {"kind", ANY, NULL},
    [K_LABEL] = {"label", ANY, NULL},
    [K_NUMBER] = {"number", ANY, NULL},
    [K_SEP] = {"sep", ANY, NULL},
    [K_NOTE] = {"note", ANY, NULL},
    [K_ITEMS] = {"items", ANY, NULL},
    [K_PER_FILE] = {"per_file", ANY, NULL},
    [K_REPEAT] = {"repeat", 1u << PIA_GROUP, "group"},
    [K_CHOICES] = {"choices", 1u << PIA_CHOICE, "choice"},
    [K_CONCERN] = {"concern", 1u << PIA_CHOICE, "choice"},
    [K_DETAIL] = {"detail", (1u << PIA_CHECK) | (1u << PIA_CHOICE), "check・choice"},
    [K_DISABLES] = {"disables", 1u << PIA_CHECK, "check"},
    [K_NOTICE] = {"notice", ANY, NULL},
    [K_SHORT] = {"short", 1u << PIA_TEXT, "text"},
    [K_AUTO] = {"auto", 1u << PIA_TEXT, "text"},
    [K_HELP] = {"help", ANY, NULL},
    [K_WAS] = {"was", ANY, NULL},
    [K_LAYOUT] = {"layout", 1u << PIA_GROUP, "group"},
    [K_INLINE] = {"inline", 1u << PIA_TEXT, "text"},
};

static const char *const kind_names[] = {
    [PIA_GROUP] = "group", [PIA_TEXT] = "text", [PIA_CHOICE] = "choice", [PIA_CHECK] = "check",
};

enum tkey { T_FORM, T_TITLE, T_EDITION, T_CONTENTS, T_SECTIONS, T_RULES, NTKEYS };
static const char *const top_keys[NTKEYS] = {"form", "title", "edition", "contents", "sections", "rules"};

/* What the parser remembers about a node only until loading ends. */
typedef struct aux {
    mark key[NKEYS];      /* where each key was given */
    mark id_value;
    int kind_set;
    int per_file_set;
    int nitems;
    mark *disables;       /* one per node->disables entry */
    mark *was;            /* one per node->was entry */
} aux;

typedef struct parser {
    yaml_parser_t yp;
    yaml_event_t ev;
    int have_ev;
    const char *path;
    const char *data;
    size_t len;
    pia_err *err;
    pia_form *form;
    pia_map *ids;         /* id -> node; becomes form->index */
    aux **aux;            /* parallel to form->nodes */
    int cap;
    int nsections_cap;
    char **contents;      /* section ids of the 項目一覧, resolved at the end */
    mark *contents_at;
    int ncontents;
    mark contents_key;
    pia_ynode *rules;     /* the `rules:` block, read once the tree is whole */
} parser;

/* ---- messages ---------------------------------------------------------- */

static int bad(parser *p, mark m, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int bad(parser *p, mark m, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pia_fail(p->err, PIA_EINVAL, "%s:%d:%d: %s", p->path, m.line, m.col, what);
}

static mark from_yaml(yaml_mark_t m)
{
    return (mark){(int)m.line + 1, (int)m.column + 1};
}

static mark here(const parser *p)
{
    return from_yaml(p->ev.start_mark);
}

/* libyaml's reader reports a byte offset, not a mark; columns are counted
 * in characters like everywhere else. */
static mark mark_at_offset(const parser *p, size_t off)
{
    mark m = {1, 1};
    for (size_t i = 0; i < off && i < p->len; i++) {
        unsigned char c = (unsigned char)p->data[i];
        if (c == '\n')
            m.line++, m.col = 1;
        else if ((c & 0xC0) != 0x80)
            m.col++;
    }
    return m;
}

static int syntax_error(parser *p)
{
    const yaml_parser_t *y = &p->yp;
    mark m = y->error == YAML_READER_ERROR ? mark_at_offset(p, y->problem_offset)
                                           : from_yaml(y->problem_mark);
    const char *problem = y->problem ? y->problem : "unknown error";
    if (y->context)
        return bad(p, m, "YAML の構文エラー: %s（%s、%d:%d）", problem, y->context,
                   (int)y->context_mark.line + 1, (int)y->context_mark.column + 1);
    return bad(p, m, "YAML の構文エラー: %s", problem);
}

/* ---- events ------------------------------------------------------------ */

/* Advance to the next event.  Aliases are refused here, at the source, so
 * an alias bomb never gets the chance to expand. */
static int next(parser *p)
{
    if (p->have_ev)
        yaml_event_delete(&p->ev);
    p->have_ev = 0;
    if (!yaml_parser_parse(&p->yp, &p->ev))
        return syntax_error(p);
    p->have_ev = 1;
    if (pia_yaml_anchored(&p->ev))
        return bad(p, here(p), "エイリアス・アンカーは使えません");
    return 0;
}

static const char *event_what(const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_SCALAR_EVENT: return "文字列";
    case YAML_SEQUENCE_START_EVENT: return "リスト";
    case YAML_MAPPING_START_EVENT: return "マッピング";
    default: return "値";
    }
}

/* The current event must be a scalar; *out gets a copy, or NULL for a YAML
 * null (an empty plain value), which callers treat as "not given". */
static int take_string(parser *p, const char *key, char **out)
{
    if (p->ev.type != YAML_SCALAR_EVENT)
        return bad(p, here(p), "%s の値が文字列ではありません（%sがあります）", key, event_what(&p->ev));
    const char *v = (const char *)p->ev.data.scalar.value;
    if (strlen(v) != p->ev.data.scalar.length)
        return bad(p, here(p), "%s の値に NUL 文字があります", key);
    free(*out);
    *out = pia_yaml_null(&p->ev) ? NULL : pia_xstrdup(v);
    return 0;
}

static int read_string(parser *p, const char *key, char **out)
{
    if (next(p) < 0)
        return -1;
    return take_string(p, key, out);
}

static int read_bool(parser *p, const char *key, int *out)
{
    if (next(p) < 0)
        return -1;
    const char *v = p->ev.type == YAML_SCALAR_EVENT ? (const char *)p->ev.data.scalar.value : "";
    if (!strcmp(v, "true") || !strcmp(v, "True") || !strcmp(v, "TRUE"))
        return *out = 1, 0;
    if (!strcmp(v, "false") || !strcmp(v, "False") || !strcmp(v, "FALSE"))
        return *out = 0, 0;
    return bad(p, here(p), "%s の値が true・false ではありません", key);
}

static int expect_sequence(parser *p, const char *key)
{
    if (next(p) < 0)
        return -1;
    if (p->ev.type != YAML_SEQUENCE_START_EVENT)
        return bad(p, here(p), "%s の値がリストではありません（%sがあります）", key, event_what(&p->ev));
    return 0;
}

/* A list of non-empty strings; marks[i] says where entry i was written. */
static int read_string_list(parser *p, const char *key, char ***out, int *n, mark **marks)
{
    if (expect_sequence(p, key) < 0)
        return -1;
    int cap = 0;
    for (;;) {
        if (next(p) < 0)
            return -1;
        if (p->ev.type == YAML_SEQUENCE_END_EVENT)
            return 0;
        char *s = NULL;
        if (take_string(p, key, &s) < 0)
            return -1;
        if (!s)
            return bad(p, here(p), "%s に空の要素があります", key);
        if (*n == cap) {
            cap = cap ? cap * 2 : 4;
            *out = pia_xrealloc(*out, (size_t)cap * sizeof **out);
            if (marks)
                *marks = pia_xrealloc(*marks, (size_t)cap * sizeof **marks);
        }
        if (marks)
            (*marks)[*n] = here(p);
        (*out)[(*n)++] = s;
    }
}

/* ---- nodes ------------------------------------------------------------- */

static int valid_id(const char *s)
{
    if (!*s || *s == '.')
        return 0;
    for (const char *c = s; *c; c++) {
        int ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '.';
        if (!ok || (*c == '.' && (c[1] == '.' || c[1] == '\0')))
            return 0;
    }
    return 1;
}

static int read_id(parser *p, pia_node *n, aux *a)
{
    if (read_string(p, "id", &n->id) < 0)
        return -1;
    a->id_value = here(p);
    if (!n->id)
        return bad(p, here(p), "id が空です");
    if (!valid_id(n->id))
        return bad(p, here(p), "id \"%s\" が不正です（英小文字・数字・_・. だけが使えます）", n->id);
    const pia_node *first = pia_map_get(p->ids, n->id);
    if (first)
        return bad(p, here(p), "id \"%s\" が重複しています（最初の定義は %d:%d）",
                   n->id, first->line, first->col);
    pia_map_put(p->ids, n->id, n);
    n->id_hash = pia_doc_item_hash(n->id);
    return 0;
}

static int read_kind(parser *p, pia_node *n, aux *a)
{
    char *k = NULL;
    if (read_string(p, "kind", &k) < 0)
        return -1;
    for (int i = 0; k && i < (int)(sizeof kind_names / sizeof *kind_names); i++) {
        if (!strcmp(k, kind_names[i])) {
            free(k);
            n->kind = (pia_kind)i;
            a->kind_set = 1;
            return 0;
        }
    }
    bad(p, here(p), "不明な kind \"%s\"（group・text・choice・check のいずれか）", k ? k : "");
    free(k);
    return -1;
}

static int read_auto(parser *p, pia_node *n)
{
    if (read_string(p, "auto", &n->autofill) < 0)
        return -1;
    if (n->autofill && strcmp(n->autofill, "file_name") != 0)
        return bad(p, here(p), "不明な auto \"%s\"（file_name のみ）", n->autofill);
    return 0;
}

static int read_layout(parser *p, pia_node *n)
{
    if (read_string(p, "layout", &n->layout) < 0)
        return -1;
    if (n->layout && strcmp(n->layout, "cover") != 0 && strcmp(n->layout, "table") != 0)
        return bad(p, here(p), "不明な layout \"%s\"（cover・table のいずれか）", n->layout);
    return 0;
}

static int parse_node(parser *p, pia_node *parent, int depth);

static int read_items(parser *p, pia_node *n, aux *a)
{
    if (expect_sequence(p, "items") < 0)
        return -1;
    for (;;) {
        if (next(p) < 0)
            return -1;
        if (p->ev.type == YAML_SEQUENCE_END_EVENT)
            return 0;
        if (p->ev.type != YAML_MAPPING_START_EVENT)
            return bad(p, here(p), "items の要素がマッピングではありません（%sがあります）",
                       event_what(&p->ev));
        if (parse_node(p, n, n->depth + 1) < 0)
            return -1;
        a->nitems++;
    }
}

static int read_node_value(parser *p, pia_node *n, aux *a, enum nkey k)
{
    const char *name = node_keys[k].name;
    switch (k) {
    case K_ID: return read_id(p, n, a);
    case K_KIND: return read_kind(p, n, a);
    case K_LABEL: return read_string(p, name, &n->label);
    case K_NUMBER: return read_string(p, name, &n->number);
    case K_SEP: return read_string(p, name, &n->sep);
    case K_NOTE: return read_string(p, name, &n->note);
    case K_HELP: return read_string(p, name, &n->help);
    case K_DETAIL: return read_string(p, name, &n->detail);
    case K_CONCERN: return read_string(p, name, &n->concern);
    case K_REPEAT: return read_string(p, name, &n->repeat);
    case K_AUTO: return read_auto(p, n);
    case K_PER_FILE: a->per_file_set = 1; return read_bool(p, name, &n->per_file);
    case K_NOTICE: return read_bool(p, name, &n->notice);
    case K_SHORT: return read_bool(p, name, &n->is_short);
    case K_ITEMS: return read_items(p, n, a);
    case K_CHOICES: return read_string_list(p, name, &n->choices, &n->nchoices, NULL);
    case K_DISABLES: return read_string_list(p, name, &n->disables, &n->ndisables, &a->disables);
    case K_WAS: return read_string_list(p, name, &n->was, &n->nwas, &a->was);
    case K_LAYOUT: return read_layout(p, n);
    case K_INLINE: return read_bool(p, name, &n->is_inline);
    case NKEYS: break;
    }
    return -1;
}

/* Keys are plain strings; a mapping or list in key position is refused. */
static int read_key(parser *p, const char *const *names, int nnames, int *which)
{
    if (p->ev.type != YAML_SCALAR_EVENT)
        return bad(p, here(p), "キーが文字列ではありません（%sがあります）", event_what(&p->ev));
    const char *k = (const char *)p->ev.data.scalar.value;
    for (int i = 0; i < nnames; i++)
        if (!strcmp(k, names[i]))
            return *which = i, 0;
    return bad(p, here(p), "不明なキー \"%s\"", k);
}

static void push_node(parser *p, pia_node *n, aux *a)
{
    pia_form *f = p->form;
    if (f->nnodes == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        f->nodes = pia_xrealloc(f->nodes, (size_t)p->cap * sizeof *f->nodes);
        p->aux = pia_xrealloc(p->aux, (size_t)p->cap * sizeof *p->aux);
    }
    n->index = f->nnodes;
    p->aux[f->nnodes] = a;
    f->nodes[f->nnodes++] = n;
}

static void attach(parser *p, pia_node *parent, pia_node *n)
{
    pia_node ***list = parent ? &parent->kids : &p->form->sections;
    int *count = parent ? &parent->nkids : &p->form->nsections;
    /* Children are few; growing by one keeps the code simple and the
     * total work is bounded by MAX_NODES. */
    *list = pia_xrealloc(*list, (size_t)(*count + 1) * sizeof **list);
    (*list)[(*count)++] = n;
}

static int check_kind(parser *p, pia_node *n, aux *a, mark start)
{
    if (!a->kind_set) {
        if (!a->key[K_ITEMS].line)
            return bad(p, start, "kind がありません（items のない項目は text・choice・check のいずれか）");
        n->kind = PIA_GROUP;
    }
    for (int k = 0; k < NKEYS; k++) {
        if (a->key[k].line && !(node_keys[k].kinds & (1u << n->kind)))
            return bad(p, a->key[k], "%s は %s にだけ指定できます（この項目は %s）",
                       node_keys[k].name, node_keys[k].kinds_ja, kind_names[n->kind]);
    }
    if (n->kind == PIA_GROUP && !a->key[K_ITEMS].line)
        return bad(p, start, "group に items がありません");
    if (a->key[K_ITEMS].line && a->nitems == 0)
        return bad(p, a->key[K_ITEMS], "items が空です");
    return 0;
}

static int check_choices(parser *p, pia_node *n, aux *a, mark start)
{
    if (n->kind != PIA_CHOICE)
        return 0;
    if (!a->key[K_CHOICES].line)
        return bad(p, start, "choice に choices がありません");
    if (n->nchoices == 0)
        return bad(p, a->key[K_CHOICES], "choice に choices がありません（空のリスト）");
    if (n->nchoices > PIA_MAX_CHOICES)
        return bad(p, a->key[K_CHOICES], "choices が多すぎます（%d 個、%d 個まで）", n->nchoices,
                   PIA_MAX_CHOICES);
    for (int i = 1; i < n->nchoices; i++)
        if (pia_node_choice_index(n, n->choices[i]) < i)
            return bad(p, a->key[K_CHOICES], "choices の \"%s\" が重複しています", n->choices[i]);
    if (n->concern && pia_node_choice_index(n, n->concern) < 0)
        return bad(p, a->key[K_CONCERN], "concern \"%s\" が choices にありません", n->concern);
    return 0;
}

/* Everything that needs the whole mapping read. */
static int check_node(parser *p, pia_node *n, aux *a, mark start)
{
    if (!n->id)
        return bad(p, start, "id がありません");
    if (!n->label)
        return bad(p, a->key[K_LABEL].line ? a->key[K_LABEL] : start, "label がありません");
    if (check_kind(p, n, a, start) < 0)
        return -1;
    return check_choices(p, n, a, start);
}

/* Called with the node's MAPPING_START as the current event. */
static int parse_node(parser *p, pia_node *parent, int depth)
{
    mark start = here(p);
    if (depth >= MAX_DEPTH)
        return bad(p, start, "入れ子が深すぎます（%d 段まで）", MAX_DEPTH);
    if (p->form->nnodes >= MAX_NODES)
        return bad(p, start, "項目が多すぎます（%d 個まで）", MAX_NODES);
    pia_node *n = pia_xcalloc(1, sizeof *n);
    aux *a = pia_xcalloc(1, sizeof *a);
    push_node(p, n, a);   /* owned by the form from here on, even on error */
    n->parent = parent;
    n->depth = depth;
    n->line = start.line;
    n->col = start.col;
    attach(p, parent, n);
    for (;;) {
        if (next(p) < 0)
            return -1;
        if (p->ev.type == YAML_MAPPING_END_EVENT)
            break;
        int k;
        const char *names[NKEYS];
        for (int i = 0; i < NKEYS; i++)
            names[i] = node_keys[i].name;
        if (read_key(p, names, NKEYS, &k) < 0)
            return -1;
        if (a->key[k].line)
            return bad(p, here(p), "キー \"%s\" が重複しています（最初は %d:%d）",
                       names[k], a->key[k].line, a->key[k].col);
        a->key[k] = here(p);
        if (read_node_value(p, n, a, (enum nkey)k) < 0)
            return -1;
    }
    return check_node(p, n, a, start);
}

/* ---- the whole tree ---------------------------------------------------- */

/* Former ids (`was`) find the node that now carries them; they may not
 * be anyone's current id. */
static int finish_aliases(parser *p)
{
    pia_form *f = p->form;
    for (int i = 0; i < f->nnodes; i++) {
        pia_node *n = f->nodes[i];
        for (int j = 0; j < n->nwas; j++) {
            const pia_node *other = pia_map_get(p->ids, n->was[j]);
            if (!valid_id(n->was[j]))
                return bad(p, p->aux[i]->was[j], "was の id \"%s\" が不正です", n->was[j]);
            if (other)
                return bad(p, p->aux[i]->was[j], "was の id \"%s\" は %d:%d で使われています",
                           n->was[j], other->line, other->col);
            pia_map_put(p->ids, n->was[j], n);
        }
    }
    return 0;
}

/* The 項目一覧 names sections by id. */
static int finish_contents(parser *p)
{
    pia_form *f = p->form;
    if (!p->ncontents)
        return 0;
    f->contents = pia_xcalloc((size_t)p->ncontents, sizeof *f->contents);
    for (int i = 0; i < p->ncontents; i++) {
        const pia_node *n = pia_map_get(p->ids, p->contents[i]);
        if (!n || n->parent)
            return bad(p, p->contents_at[i], "contents の \"%s\" は sections にありません", p->contents[i]);
        f->contents[f->ncontents++] = n;
    }
    return 0;
}

/* Each node learns which boxes switch it off, so a walk asks the node
 * rather than comparing its id with every box's list.  The ids were
 * checked to exist; a box naming a node twice is listed once. */
static void link_disables(pia_form *f)
{
    for (int i = 0; i < f->nnodes; i++) {
        const pia_node *box = f->nodes[i];
        for (int j = 0; j < box->ndisables; j++) {
            pia_node *t = pia_map_get(f->index, box->disables[j]);
            if (!t || (t->ndisabled_by > 0 && t->disabled_by[t->ndisabled_by - 1] == box))
                continue;
            t->disabled_by = pia_xrealloc(t->disabled_by, (size_t)(t->ndisabled_by + 1) * sizeof *t->disabled_by);
            t->disabled_by[t->ndisabled_by++] = box;
        }
    }
}

/* Inheritance and cross-references: needs every node and every id. */
static int finish_tree(parser *p)
{
    pia_form *f = p->form;
    for (int i = 0; i < f->nnodes; i++) {
        pia_node *n = f->nodes[i];
        aux *a = p->aux[i];
        const pia_node *up = n->parent;
        if (!a->per_file_set)
            n->per_file = up ? up->per_file : 0;
        if (n->repeat && up && up->repeat_group) {
            const pia_node *outer = up->repeat_group;
            return bad(p, a->key[K_REPEAT], "repeat の中に repeat は置けません（外側は %d:%d の \"%s\"）",
                       outer->line, outer->col, outer->id);
        }
        n->repeat_group = n->repeat ? n : up ? up->repeat_group : NULL;
        for (int j = 0; j < n->ndisables; j++)
            if (!pia_map_get(p->ids, n->disables[j]))
                return bad(p, a->disables[j], "disables の id \"%s\" がありません", n->disables[j]);
        if (n->is_inline && (!up || up->kind != PIA_GROUP))
            return bad(p, a->key[K_INLINE], "inline の項目は group の中に置きます");
        if (n->layout && up)
            return bad(p, a->key[K_LAYOUT], "layout は sections の直下にだけ指定できます");
    }
    link_disables(f);
    for (int i = 0; i < f->nnodes; i++)      /* every row of every export prints one */
        f->nodes[i]->heading = pia_node_heading(f->nodes[i]);
    return finish_aliases(p) < 0 ? -1 : finish_contents(p);
}

static int read_sections(parser *p)
{
    if (expect_sequence(p, "sections") < 0)
        return -1;
    mark list = here(p);
    for (;;) {
        if (next(p) < 0)
            return -1;
        if (p->ev.type == YAML_SEQUENCE_END_EVENT)
            break;
        if (p->ev.type != YAML_MAPPING_START_EVENT)
            return bad(p, here(p), "sections の要素がマッピングではありません（%sがあります）",
                       event_what(&p->ev));
        if (p->form->nsections >= PIA_MAX_SECTIONS)
            return bad(p, here(p), "sections が多すぎます（%d 個まで）", PIA_MAX_SECTIONS);
        if (parse_node(p, NULL, 0) < 0)
            return -1;
    }
    if (p->form->nsections == 0)
        return bad(p, list, "sections が空です");
    return 0;
}

static int valid_form_name(const char *s)
{
    for (const char *c = s; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_' || *c == '-'))
            return 0;
    return *s != '\0';
}

/* contents: {title: 項目一覧, sections: [id, …]} */
static int read_contents(parser *p)
{
    p->contents_key = here(p);
    if (next(p) < 0)
        return -1;
    if (p->ev.type != YAML_MAPPING_START_EVENT)
        return bad(p, here(p), "contents の値がマッピングではありません（%sがあります）", event_what(&p->ev));
    static const char *const keys[] = {"title", "sections"};
    mark seen[2] = {{0, 0}, {0, 0}};
    for (;;) {
        if (next(p) < 0)
            return -1;
        if (p->ev.type == YAML_MAPPING_END_EVENT)
            break;
        int k;
        if (read_key(p, keys, 2, &k) < 0)
            return -1;
        if (seen[k].line)
            return bad(p, here(p), "キー \"%s\" が重複しています（最初は %d:%d）", keys[k], seen[k].line, seen[k].col);
        seen[k] = here(p);
        int rc = k == 0 ? read_string(p, "title", &p->form->contents_title)
                        : read_string_list(p, "sections", &p->contents, &p->ncontents, &p->contents_at);
        if (rc < 0)
            return -1;
    }
    if (!p->form->contents_title || !p->ncontents)
        return bad(p, p->contents_key, "contents には title と sections が要ります");
    return 0;
}

static int next_event(void *ctx)
{
    return next(ctx);
}

/* The rules name nodes that may be written after them, so the block is
 * kept as a small tree from this same pass (next() still refusing aliases)
 * and read by rules_parse.c once the whole tree exists. */
static int keep_rules(parser *p)
{
    if (next(p) < 0)
        return -1;
    pia_ysource s = {.next = next_event, .ctx = p, .ev = &p->ev, .path = p->path, .err = p->err,
                     .max_depth = MAX_DEPTH, .max_nodes = MAX_NODES};
    return pia_ynode_build(&s, &p->rules);
}

static int read_top_value(parser *p, enum tkey k)
{
    pia_form *f = p->form;
    switch (k) {
    case T_FORM:
        if (read_string(p, "form", &f->name) < 0)
            return -1;
        if (f->name && !valid_form_name(f->name))
            return bad(p, here(p), "form \"%s\" が不正です（英小文字・数字・_・- だけが使えます）", f->name);
        return 0;
    case T_TITLE: return read_string(p, "title", &f->title);
    case T_EDITION: return read_string(p, "edition", &f->edition);
    case T_CONTENTS: return read_contents(p);
    case T_SECTIONS: return read_sections(p);
    case T_RULES: return keep_rules(p);
    case NTKEYS: break;
    }
    return -1;
}

static int read_top(parser *p)
{
    mark start = here(p);
    if (p->ev.type != YAML_MAPPING_START_EVENT)
        return bad(p, start, "最上位がマッピングではありません（%sがあります）", event_what(&p->ev));
    mark seen[NTKEYS] = {{0, 0}};
    for (;;) {
        if (next(p) < 0)
            return -1;
        if (p->ev.type == YAML_MAPPING_END_EVENT)
            break;
        int k;
        if (read_key(p, top_keys, NTKEYS, &k) < 0)
            return -1;
        if (seen[k].line)
            return bad(p, here(p), "キー \"%s\" が重複しています（最初は %d:%d）",
                       top_keys[k], seen[k].line, seen[k].col);
        seen[k] = here(p);
        if (read_top_value(p, (enum tkey)k) < 0)
            return -1;
    }
    if (!p->form->name)
        return bad(p, start, "form がありません");
    if (!seen[T_SECTIONS].line)
        return bad(p, start, "sections がありません");
    return 0;
}

static int expect_event(parser *p, yaml_event_type_t type, const char *what)
{
    if (next(p) < 0)
        return -1;
    if (p->ev.type != type)
        return bad(p, here(p), "%s", what);
    return 0;
}

static int read_stream(parser *p)
{
    if (expect_event(p, YAML_STREAM_START_EVENT, "YAML ではありません") < 0)
        return -1;
    if (next(p) < 0)
        return -1;
    if (p->ev.type == YAML_STREAM_END_EVENT)
        return bad(p, here(p), "テンプレートが空です");
    if (next(p) < 0 || read_top(p) < 0)
        return -1;
    if (expect_event(p, YAML_DOCUMENT_END_EVENT, "文書の終わりがありません") < 0)
        return -1;
    if (expect_event(p, YAML_STREAM_END_EVENT, "文書が複数あります（--- は一つだけ）") < 0)
        return -1;
    return finish_tree(p);
}

static void parser_done(parser *p)
{
    if (p->have_ev)
        yaml_event_delete(&p->ev);
    yaml_parser_delete(&p->yp);
    for (int i = 0; p->form && i < p->form->nnodes; i++) {
        free(p->aux[i]->disables);
        free(p->aux[i]->was);
        free(p->aux[i]);
    }
    free(p->aux);
    for (int i = 0; i < p->ncontents; i++)
        free(p->contents[i]);
    free(p->contents);
    free(p->contents_at);
    pia_ynode_free(p->rules);
}

int pia_template_parse(const char *path, const char *data, size_t len,
                       pia_form **out, pia_err *err)
{
    *out = NULL;
    parser p = {.path = path, .data = data ? data : "", .len = data ? len : 0, .err = err};
    if (!yaml_parser_initialize(&p.yp))
        return pia_fail(err, PIA_ENOMEM, "%s: YAML パーサを初期化できません", path);
    yaml_parser_set_encoding(&p.yp, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&p.yp, (const unsigned char *)p.data, p.len);
    p.form = pia_xcalloc(1, sizeof *p.form);
    p.ids = pia_map_new(NULL);
    p.form->index = p.ids;
    int rc = read_stream(&p);
    if (rc == 0)
        rc = pia_rules_read(p.form, path, p.rules, &p.form->rules, err);
    parser_done(&p);
    if (rc < 0) {
        pia_template_free_form(p.form);
        return -1;
    }
    p.form->path = pia_xstrdup(path);
    if (!p.form->title)
        p.form->title = pia_xstrdup("");
    if (!p.form->edition)
        p.form->edition = pia_xstrdup("");
    *out = p.form;
    return 0;
}
