/*
 * ytable.c — strict reading of small YAML data tables (see ytable.h).
 *
 * libyaml's event API builds the tree directly, so an alias is refused
 * before it could expand, and every node keeps the mark of its first
 * token for messages.  A table is a few KiB; the limits below only stop
 * mistakes and hostile files.
 */
#include "ytable.h"
#include "form.h"
#include "yaml_event.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#define MAX_BYTES (1u << 20)
#define MAX_DEPTH 16
#define MAX_NODES 20000

typedef struct reader {
    yaml_parser_t yp;
    yaml_event_t ev;
    int have_ev;
    const char *path;
    pia_err *err;
} reader;

static int bad_at(pia_err *err, const char *path, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int bad_at(pia_err *err, const char *path, yaml_mark_t m, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pia_fail(err, PIA_EINVAL, "%s:%d:%d: %s", path, (int)m.line + 1, (int)m.column + 1, what);
}

static int tagged(const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_SCALAR_EVENT: return e->data.scalar.tag != NULL;
    case YAML_SEQUENCE_START_EVENT: return e->data.sequence_start.tag != NULL;
    case YAML_MAPPING_START_EVENT: return e->data.mapping_start.tag != NULL;
    default: return 0;
    }
}

static int next(void *ctx)
{
    reader *r = ctx;
    if (r->have_ev)
        yaml_event_delete(&r->ev);
    r->have_ev = 0;
    if (!yaml_parser_parse(&r->yp, &r->ev))
        return bad_at(r->err, r->path, r->yp.problem_mark, "YAML の構文エラー: %s",
                      r->yp.problem ? r->yp.problem : "不明");
    r->have_ev = 1;
    if (pia_yaml_anchored(&r->ev))
        return bad_at(r->err, r->path, r->ev.start_mark, "アンカー・エイリアスは使えません");
    if (tagged(&r->ev))
        return bad_at(r->err, r->path, r->ev.start_mark, "タグ（!）は使えません");
    return 0;
}

void pia_ynode_free(pia_ynode *n)
{
    if (!n)
        return;
    for (int i = 0; i < n->nkids; i++)
        pia_ynode_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n->key);
    free(n);
}

static void add_kid(pia_ynode *parent, pia_ynode *kid)
{
    parent->kids = pia_xrealloc(parent->kids, (size_t)(parent->nkids + 1) * sizeof *parent->kids);
    parent->kids[parent->nkids++] = kid;
}

static int build(pia_ysource *s, int depth, pia_ynode **out);

/* Entries of a mapping whose MAPPING_START is the current event. */
static int build_map(pia_ysource *s, int depth, pia_ynode *m)
{
    for (;;) {
        if (s->next(s->ctx) < 0)
            return -1;
        const yaml_event_t *ev = s->ev;
        if (ev->type == YAML_MAPPING_END_EVENT)
            return 0;
        if (ev->type != YAML_SCALAR_EVENT || pia_yaml_null(ev))
            return bad_at(s->err, s->path, ev->start_mark, "キーが文字列ではありません");
        const char *k = (const char *)ev->data.scalar.value;
        const pia_ynode *first = pia_ynode_get(m, k);
        if (first)
            return bad_at(s->err, s->path, ev->start_mark, "キー \"%s\" が重複しています（最初は %d:%d）",
                          k, first->key_line, first->key_col);
        char *key = pia_xstrdup(k);
        yaml_mark_t km = ev->start_mark;
        pia_ynode *v = NULL;
        if (s->next(s->ctx) < 0 || build(s, depth + 1, &v) < 0) {
            free(key);
            pia_ynode_free(v);
            return -1;
        }
        v->key = key;
        v->key_line = (int)km.line + 1;
        v->key_col = (int)km.column + 1;
        add_kid(m, v);
    }
}

static int build_list(pia_ysource *s, int depth, pia_ynode *l)
{
    for (;;) {
        if (s->next(s->ctx) < 0)
            return -1;
        if (s->ev->type == YAML_SEQUENCE_END_EVENT)
            return 0;
        pia_ynode *v = NULL;
        if (build(s, depth + 1, &v) < 0) {
            pia_ynode_free(v);
            return -1;
        }
        add_kid(l, v);
    }
}

/* Build the node whose first event is the current one.  *out is set
 * (possibly half-built) whenever a node was allocated; the caller frees. */
static int build(pia_ysource *s, int depth, pia_ynode **out)
{
    const yaml_event_t *ev = s->ev;
    yaml_mark_t m = ev->start_mark;
    if (depth > s->max_depth)
        return bad_at(s->err, s->path, m, "入れ子が深すぎます（%d 段まで）", s->max_depth);
    if (++s->nodes > s->max_nodes)
        return bad_at(s->err, s->path, m, "要素が多すぎます（%d 個まで）", s->max_nodes);
    pia_ynode *n = pia_xcalloc(1, sizeof *n);
    *out = n;
    n->line = (int)m.line + 1;
    n->col = (int)m.column + 1;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n->kind = PIA_Y_SCALAR;
        if (strlen((const char *)ev->data.scalar.value) != ev->data.scalar.length)
            return bad_at(s->err, s->path, m, "値に NUL 文字があります");
        n->text = pia_yaml_null(ev) ? NULL : pia_xstrdup((const char *)ev->data.scalar.value);
        return 0;
    case YAML_SEQUENCE_START_EVENT:
        n->kind = PIA_Y_LIST;
        return build_list(s, depth, n);
    case YAML_MAPPING_START_EVENT:
        n->kind = PIA_Y_MAP;
        return build_map(s, depth, n);
    default:
        return bad_at(s->err, s->path, m, "値がありません");
    }
}

int pia_ynode_build(pia_ysource *s, pia_ynode **out)
{
    *out = NULL;
    if (build(s, 0, out) == 0)
        return 0;
    pia_ynode_free(*out);
    *out = NULL;
    return -1;
}

static int expect(reader *r, yaml_event_type_t type, const char *what)
{
    if (next(r) < 0)
        return -1;
    return r->ev.type == type ? 0 : bad_at(r->err, r->path, r->ev.start_mark, "%s", what);
}

static int read_stream(reader *r, pia_ynode **root)
{
    if (expect(r, YAML_STREAM_START_EVENT, "YAML ではありません") < 0 || next(r) < 0)
        return -1;
    if (r->ev.type == YAML_STREAM_END_EVENT)
        return bad_at(r->err, r->path, r->ev.start_mark, "表が空です");
    pia_ysource s = {.next = next, .ctx = r, .ev = &r->ev, .path = r->path, .err = r->err,
                     .max_depth = MAX_DEPTH, .max_nodes = MAX_NODES};
    if (next(r) < 0 || pia_ynode_build(&s, root) < 0)
        return -1;
    if ((*root)->kind != PIA_Y_MAP)
        return pia_fail(r->err, PIA_EINVAL, "%s:%d:%d: 最上位がマッピングではありません", r->path,
                        (*root)->line, (*root)->col);
    if (expect(r, YAML_DOCUMENT_END_EVENT, "文書の終わりがありません") < 0)
        return -1;
    return expect(r, YAML_STREAM_END_EVENT, "文書が複数あります（--- は一つだけ）");
}

int pia_ytable_parse(const char *path, const char *data, size_t len,
                     pia_ytable **out, pia_err *err)
{
    *out = NULL;
    if (len > MAX_BYTES)
        return pia_fail(err, PIA_EINVAL, "%s:1:1: ファイルが大きすぎます（%u KiB まで）", path, MAX_BYTES >> 10);
    reader r = {.path = path, .err = err};
    if (!yaml_parser_initialize(&r.yp))
        return pia_fail(err, PIA_ENOMEM, "%s: YAML パーサを初期化できません", path);
    yaml_parser_set_encoding(&r.yp, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&r.yp, (const unsigned char *)(data ? data : ""), data ? len : 0);
    pia_ynode *root = NULL;
    int rc = read_stream(&r, &root);
    if (r.have_ev)
        yaml_event_delete(&r.ev);
    yaml_parser_delete(&r.yp);
    if (rc < 0) {
        pia_ynode_free(root);
        return -1;
    }
    pia_ytable *t = pia_xcalloc(1, sizeof *t);
    t->path = pia_xstrdup(path);
    t->root = root;
    *out = t;
    return 0;
}

int pia_ytable_load(const char *path, pia_ytable **out, pia_err *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return pia_fail(err, errno == ENOENT ? PIA_ENOTFOUND : PIA_EIO, "%s: 開けません（%s）",
                        path, pia_errno_ja(errno));
    /* One byte past the limit tells an oversized file from a full one. */
    char *buf = pia_xmalloc(MAX_BYTES + 1);
    size_t n = fread(buf, 1, MAX_BYTES + 1, f);
    int failed = ferror(f);
    fclose(f);
    int rc = failed ? pia_fail(err, PIA_EIO, "%s: 読めません", path)
                    : pia_ytable_parse(path, buf, n, out, err);
    free(buf);
    return rc;
}

void pia_ytable_free(pia_ytable *t)
{
    if (!t)
        return;
    pia_ynode_free(t->root);
    free(t->path);
    free(t);
}

int pia_ytable_open(const char *path, const char *name, pia_ytable **out, pia_err *err)
{
    *out = NULL;
    char *found = NULL;
    if (!path && pia_ytable_find(name, &found, err) < 0)
        return -1;
    int rc = pia_ytable_load(path ? path : found, out, err);
    free(found);
    return rc;
}

int pia_ytable_find(const char *name, char **path, pia_err *err)
{
    *path = NULL;
    const char *dirs[8];
    int nd = pia_template_dirs(dirs, 8);
    char tried[700] = "";
    for (int i = 0; i < nd; i++) {
        char *p = pia_xasprintf("%s/tables/%s.yaml", dirs[i], name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            *path = p;
            return 0;
        }
        free(p);
        size_t used = strlen(tried);
        snprintf(tried + used, sizeof tried - used, "%s%s", i ? "、" : "", dirs[i]);
    }
    return pia_fail(err, PIA_ENOTFOUND, "表 tables/%s.yaml が見つかりません（探した場所: %s）", name, tried);
}

int pia_ytable_fail(pia_err *err, const pia_ytable *t, const pia_ynode *n, const char *fmt, ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pia_fail(err, PIA_EINVAL, "%s:%d:%d: %s", t->path, n ? n->line : 1, n ? n->col : 1, what);
}

const pia_ynode *pia_ynode_get(const pia_ynode *m, const char *key)
{
    for (int i = 0; m && m->kind == PIA_Y_MAP && i < m->nkids; i++)
        if (!strcmp(m->kids[i]->key, key))
            return m->kids[i];
    return NULL;
}

static const char *kind_ja(pia_ykind k)
{
    return k == PIA_Y_MAP ? "マッピング" : k == PIA_Y_LIST ? "リスト" : "文字列";
}

int pia_ytable_expect(const pia_ytable *t, const pia_ynode *n, pia_ykind kind,
                      const char *what, pia_err *err)
{
    if (n->kind == kind && (kind != PIA_Y_SCALAR || n->text))
        return 0;
    if (n->kind == PIA_Y_SCALAR && !n->text)
        return pia_ytable_fail(err, t, n, "%s が空です", what);
    return pia_ytable_fail(err, t, n, "%s は%sでなければなりません（%sがあります）",
                           what, kind_ja(kind), kind_ja(n->kind));
}

int pia_ytable_known_keys(const pia_ytable *t, const pia_ynode *m,
                          const char *const *allowed, pia_err *err)
{
    for (int i = 0; i < m->nkids; i++) {
        const char *k = m->kids[i]->key;
        int ok = 0;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = !strcmp(*a, k);
        if (!ok) {
            pia_ynode at = {.line = m->kids[i]->key_line, .col = m->kids[i]->key_col};
            return pia_ytable_fail(err, t, &at, "不明なキー \"%s\"", k);
        }
    }
    return 0;
}

/* Where to point when a required key is missing: the mapping itself. */
static int missing(const pia_ytable *t, const pia_ynode *m, const char *key, pia_err *err)
{
    return pia_ytable_fail(err, t, m, "%s がありません", key);
}

int pia_ytable_string(const pia_ytable *t, const pia_ynode *m, const char *key,
                      int required, const char **out, pia_err *err)
{
    *out = NULL;
    const pia_ynode *v = pia_ynode_get(m, key);
    if (!v)
        return required ? missing(t, m, key, err) : 0;
    if (pia_ytable_expect(t, v, PIA_Y_SCALAR, key, err) < 0)
        return -1;
    *out = v->text;
    return 0;
}

int pia_ytable_long(const pia_ytable *t, const pia_ynode *m, const char *key,
                    int required, long min, long max, long *out, int *present,
                    pia_err *err)
{
    if (present)
        *present = 0;
    const pia_ynode *v = pia_ynode_get(m, key);
    if (!v)
        return required ? missing(t, m, key, err) : 0;
    if (pia_ytable_expect(t, v, PIA_Y_SCALAR, key, err) < 0)
        return -1;
    const char *s = v->text;
    long n = 0;
    int ok = *s != '\0';
    for (const char *c = s; *c && ok; c++) {
        ok = *c >= '0' && *c <= '9' && n <= (max - (*c - '0')) / 10;
        n = n * 10 + (*c - '0');
    }
    if (!ok || n < min || n > max)
        return pia_ytable_fail(err, t, v, "%s には %ld〜%ld の整数を書いてください（\"%s\"）", key, min, max, s);
    *out = n;
    if (present)
        *present = 1;
    return 0;
}
