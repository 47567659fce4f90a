/*
 * editions.c — reading templates/editions/NAME.yaml (see editions.h).
 * Small and strict: unknown keys and unknown item ids are errors naming
 * FILE:LINE:COLUMN, as for templates.
 */
#include "editions.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#define MAX_FILE (1u << 20)

typedef struct reader {
    const char *path;
    yaml_document_t d;
    const pia_form *form;
    imp_editions *out;
    pia_err *err;
} reader;

static int bad(reader *r, yaml_node_t *n, const char *what)
{
    return pia_fail(r->err, PIA_EINVAL, "%s:%zu:%zu: %s", r->path, n->start_mark.line + 1,
                    n->start_mark.column + 1, what);
}

static const char *scalar(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *at(reader *r, int i)
{
    return yaml_document_get_node(&r->d, i);
}

static int item(reader *r, yaml_node_t *v, const pia_node **out)
{
    const char *id = scalar(v);
    if (!id || !(*out = pia_form_find(r->form, id)))
        return bad(r, v, "テンプレートにない項目 id です");
    return 0;
}

static int read_others(reader *r, yaml_node_t *m)
{
    if (m->type != YAML_MAPPING_NODE)
        return bad(r, m, "other_forms は 様式番号: 名称 の組です");
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const char *k = scalar(at(r, p->key)), *v = scalar(at(r, p->value));
        if (!k || !v)
            return bad(r, at(r, p->key), "other_forms は 様式番号: 名称 の組です");
        imp_editions *e = r->out;
        e->others = pia_xrealloc(e->others, (size_t)(e->nothers + 1) * sizeof *e->others);
        e->others[e->nothers++] = (imp_other_form){ pia_xstrdup(k), pia_xstrdup(v) };
    }
    return 0;
}

static int read_labels(reader *r, imp_edition *ed, yaml_node_t *m)
{
    if (m->type != YAML_MAPPING_NODE)
        return bad(r, m, "labels は 項目id: 見出し の組です");
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        const pia_node *node;
        const char *label = scalar(at(r, p->value));
        if (item(r, at(r, p->key), &node))
            return -1;
        if (!label || !*label)
            return bad(r, at(r, p->value), "見出しの文字列が必要です");
        ed->aliases = pia_xrealloc(ed->aliases, (size_t)(ed->naliases + 1) * sizeof *ed->aliases);
        ed->aliases[ed->naliases++] = (imp_alias){ node, pia_xstrdup(label) };
    }
    return 0;
}

static int read_edition(reader *r, yaml_node_t *m)
{
    if (m->type != YAML_MAPPING_NODE)
        return bad(r, m, "版は name と labels の組です");
    imp_editions *e = r->out;
    e->e = pia_xrealloc(e->e, (size_t)(e->n + 1) * sizeof *e->e);
    imp_edition *ed = &e->e[e->n++];
    memset(ed, 0, sizeof *ed);
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = at(r, p->key), *v = at(r, p->value);
        const char *key = scalar(k);
        if (key && strcmp(key, "name") == 0 && scalar(v))
            ed->name = pia_xstrdup(scalar(v));
        else if (key && strcmp(key, "labels") == 0) {
            if (read_labels(r, ed, v))
                return -1;
        } else
            return bad(r, k, "不明なキーです（name, labels）");
    }
    if (!ed->name)
        return bad(r, m, "版に name がありません");
    return 0;
}

static int read_root(reader *r, yaml_node_t *root)
{
    if (!root || root->type != YAML_MAPPING_NODE)
        return pia_fail(r->err, PIA_EINVAL, "%s:1:1: 組（キー: 値）が必要です", r->path);
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = at(r, p->key), *v = at(r, p->value);
        const char *key = scalar(k);
        int rc = 0;
        if (!key)
            rc = bad(r, k, "キーは文字列です");
        else if (strcmp(key, "form") == 0)
            rc = scalar(v) && strcmp(scalar(v), r->form->name) == 0 ? 0 : bad(r, v, "テンプレート名が違います");
        else if (strcmp(key, "form_number") == 0 && scalar(v))
            r->out->form_number = pia_xstrdup(scalar(v));
        else if (strcmp(key, "title_item") == 0)
            rc = item(r, v, &r->out->title_item);
        else if (strcmp(key, "org_item") == 0)
            rc = item(r, v, &r->out->org_item);
        else if (strcmp(key, "other_forms") == 0)
            rc = read_others(r, v);
        else if (strcmp(key, "editions") == 0 && v->type == YAML_SEQUENCE_NODE) {
            for (yaml_node_item_t *i = v->data.sequence.items.start; !rc && i < v->data.sequence.items.top; i++)
                rc = read_edition(r, at(r, *i));
        } else
            rc = bad(r, k, "不明なキーです");
        if (rc)
            return -1;
    }
    return 0;
}

int imp_editions_load_file(const pia_form *form, const char *path, imp_editions **out, pia_err *err)
{
    *out = pia_xcalloc(1, sizeof **out);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return pia_fail(err, PIA_EIO, "%s: 開けません（%s）", path, pia_errno_ja(errno));
    char *data = pia_xmalloc(MAX_FILE + 1);
    size_t len = fread(data, 1, MAX_FILE + 1, fp);
    fclose(fp);
    (*out)->path = pia_xstrdup(path);
    reader r = { .path = path, .form = form, .out = *out, .err = err };
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    int rc;
    if (len > MAX_FILE)
        rc = pia_fail(err, PIA_EINVAL, "%s: 大きすぎます", path);
    else if (!yaml_parser_load(&p, &r.d))
        rc = pia_fail(err, PIA_EINVAL, "%s:%zu:%zu: YAML の構文エラー: %s", path,
                      p.problem_mark.line + 1, p.problem_mark.column + 1, p.problem ? p.problem : "");
    else {
        rc = read_root(&r, yaml_document_get_root_node(&r.d));
        yaml_document_delete(&r.d);
    }
    yaml_parser_delete(&p);
    free(data);
    if (rc) {
        imp_editions_free(*out);
        *out = NULL;
    }
    return rc;
}

int imp_editions_load(const pia_form *form, imp_editions **out, pia_err *err)
{
    const char *dirs[8];
    int n = pia_template_dirs(dirs, 8);
    for (int i = 0; i < n; i++) {
        char *path = pia_xasprintf("%s/editions/%s.yaml", dirs[i], form->name);
        int found = access(path, F_OK) == 0;
        int rc = found ? imp_editions_load_file(form, path, out, err) : 0;
        free(path);
        if (found)
            return rc;
    }
    *out = pia_xcalloc(1, sizeof **out);
    return 0;
}

void imp_editions_free(imp_editions *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->n; i++) {
        for (int j = 0; j < e->e[i].naliases; j++)
            free(e->e[i].aliases[j].label);
        free(e->e[i].aliases);
        free(e->e[i].name);
    }
    for (int i = 0; i < e->nothers; i++) {
        free(e->others[i].number);
        free(e->others[i].title);
    }
    free(e->others);
    free(e->e);
    free(e->form_number);
    free(e->path);
    free(e);
}
