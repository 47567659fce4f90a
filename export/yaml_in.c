/*
 * yaml_in.c — reading a YAML answers file (docs/answers-format.md).
 *
 * Strict on purpose: an unknown id, an item in the wrong scope, a choice
 * value that is not one of the options, or any YAML the format does not
 * describe is rejected with FILE:LINE:COLUMN, and nothing is returned, so
 * an import is all or nothing.  Anchors and aliases, deep nesting and huge
 * inputs are refused before the document is built.
 */
#include "export.h"
#include "model/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define MAX_INPUT   (64u << 20)
#define MAX_DEPTH   32

typedef struct reader {
    const char *path;
    yaml_document_t d;
    pia_form *form;
    pia_doc *doc;
    pia_err *err;
} reader;

static int fail_at(reader *r, yaml_mark_t m, const char *fmt, const char *a, const char *b)
{
    char what[768];
    snprintf(what, sizeof what, fmt, a ? a : "", b ? b : "");
    return pia_fail(r->err, PIA_EINVAL, "%s:%zu:%zu: %s", r->path, m.line + 1, m.column + 1, what);
}

/* First pass over the events: refuse aliases, anchors and deep nesting,
 * and report syntax errors with their position. */
static int prescan(const char *path, const char *data, size_t len, pia_err *err)
{
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    int depth = 0, docs = 0, rc = 0, done = 0;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            rc = pia_fail(err, PIA_EINVAL, "%s:%zu:%zu: YAML の構文エラー: %s", path,
                          p.problem_mark.line + 1, p.problem_mark.column + 1,
                          p.problem ? p.problem : "不明");
            break;
        }
        yaml_mark_t m = ev.start_mark;
        const char *bad = NULL;
        if ((ev.type == YAML_SCALAR_EVENT && ev.data.scalar.tag) ||
            (ev.type == YAML_SEQUENCE_START_EVENT && ev.data.sequence_start.tag) ||
            (ev.type == YAML_MAPPING_START_EVENT && ev.data.mapping_start.tag) ||
            (ev.type == YAML_DOCUMENT_START_EVENT &&
             ev.data.document_start.tag_directives.start != ev.data.document_start.tag_directives.end))
            bad = "タグ（!!str、!foo、%TAG など）は使えません: 値はそのまま書いてください";
        else if (ev.type == YAML_ALIAS_EVENT ||
            (ev.type == YAML_SCALAR_EVENT && ev.data.scalar.anchor) ||
            (ev.type == YAML_SEQUENCE_START_EVENT && ev.data.sequence_start.anchor) ||
            (ev.type == YAML_MAPPING_START_EVENT && ev.data.mapping_start.anchor))
            bad = "アンカー・エイリアスは使えません";
        if (ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)
            if (++depth > MAX_DEPTH)
                bad = "入れ子が深すぎます";
        if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT)
            depth--;
        /* yaml_parser_load reads one document; a second would be ignored. */
        if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1)
            bad = "文書が二つ以上あります（--- は一つのファイルに一度だけ）";
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (bad) {
            rc = pia_fail(err, PIA_EINVAL, "%s:%zu:%zu: %s", path, m.line + 1, m.column + 1, bad);
            break;
        }
    }
    yaml_parser_delete(&p);
    return rc;
}

static yaml_node_t *node_at(reader *r, int i)
{
    return yaml_document_get_node(&r->d, i);
}

static const char *scalar_of(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static int want(reader *r, yaml_node_t *n, yaml_node_type_t type, const char *what)
{
    if (n->type == type)
        return 0;
    return fail_at(r, n->start_mark, "%sが必要です", what, NULL);
}

static int read_check(reader *r, yaml_node_t *n, const char **out)
{
    const char *s = scalar_of(n);
    if (s && strcmp(s, "true") == 0) {
        *out = "1";
        return 0;
    }
    if (s && strcmp(s, "false") == 0) {
        *out = "0";
        return 0;
    }
    return fail_at(r, n->start_mark, "チェック欄の値は true か false です（\"%s\"）", s ? s : "", NULL);
}

static int read_plain_value(reader *r, const pia_node *item, yaml_node_t *n, const char **out)
{
    if (item->kind == PIA_CHECK)
        return read_check(r, n, out);
    const char *s = scalar_of(n);
    if (!s)
        return fail_at(r, n->start_mark, "項目 %s の値は文字列です", item->id, NULL);
    if (item->kind == PIA_CHOICE && pia_node_choice_index(item, s) < 0)
        return fail_at(r, n->start_mark, "項目 %s に選択肢 \"%s\" はありません", item->id, s);
    *out = s;
    return 0;
}

/* A value: a scalar, or {value, detail} for items with a parenthetical. */
static int read_value(reader *r, const pia_node *item, yaml_node_t *n, int file, int inst)
{
    const char *value = "", *detail = "";
    if (n->type != YAML_MAPPING_NODE) {
        if (read_plain_value(r, item, n, &value))
            return -1;
        pia_doc_set(r->doc, file, inst, item->id, value, "");
        return 0;
    }
    if (!item->detail)
        return fail_at(r, n->start_mark, "項目 %s には（ ）内の記載がありません", item->id, NULL);
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(r, p->key), *v = node_at(r, p->value);
        const char *key = scalar_of(k);
        if (key && strcmp(key, "value") == 0) {
            if (read_plain_value(r, item, v, &value))
                return -1;
        } else if (key && strcmp(key, "detail") == 0) {
            if (!(detail = scalar_of(v)))
                return fail_at(r, v->start_mark, "detail は文字列です", NULL, NULL);
        } else {
            return fail_at(r, k->start_mark, "不明なキー \"%s\"（value と detail だけが使えます）", key ? key : "", NULL);
        }
    }
    pia_doc_set(r->doc, file, inst, item->id, value, detail);
    return 0;
}

static int read_answers(reader *r, yaml_node_t *map, int file, const pia_node *group, int inst);

static int read_repeat(reader *r, const pia_node *g, yaml_node_t *seq, int file)
{
    if (want(r, seq, YAML_SEQUENCE_NODE, "繰り返し項目の一覧（- で始まる行）"))
        return -1;
    int count = 0;
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
        yaml_node_t *m = node_at(r, *it);
        if (want(r, m, YAML_MAPPING_NODE, "項目と値の組"))
            return -1;
        if (read_answers(r, m, file, g, ++count))
            return -1;
    }
    pia_doc_set_instances(r->doc, file, g->id, count);
    return 0;
}

static int check_placement(reader *r, yaml_node_t *k, const pia_node *item, int file,
                           const pia_node *group)
{
    if (group) {
        if (item->repeat_group != group)
            return fail_at(r, k->start_mark, "項目 %s は %s の中には書けません", item->id, group->id);
        return 0;
    }
    if (item->repeat_group && item->repeat_group != item)
        return fail_at(r, k->start_mark, "項目 %s は繰り返し項目 %s の中に書きます", item->id,
                       item->repeat_group->id);
    if (item->per_file && file == 0)
        return fail_at(r, k->start_mark, "項目 %s は特定個人情報ファイルごとの項目です（files の下に書きます）", item->id, NULL);
    if (!item->per_file && file > 0)
        return fail_at(r, k->start_mark, "項目 %s は評価書に一つの項目です（最上位の answers に書きます）", item->id, NULL);
    return 0;
}

static int read_answers(reader *r, yaml_node_t *map, int file, const pia_node *group, int inst)
{
    if (want(r, map, YAML_MAPPING_NODE, "項目と値の組（answers）"))
        return -1;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(r, p->key), *v = node_at(r, p->value);
        const char *id = scalar_of(k);
        const pia_node *item = id ? pia_form_find(r->form, id) : NULL;
        if (!item)
            return fail_at(r, k->start_mark, "不明な項目 id \"%s\"（テンプレート %s にありません）",
                           id ? id : "", r->form->name);
        if (check_placement(r, k, item, file, group))
            return -1;
        int seen_before = item->repeat ? pia_doc_instances(r->doc, file, item->id) > 0
                                       : pia_doc_get(r->doc, file, inst, item->id) != NULL;
        if (seen_before)
            return fail_at(r, k->start_mark, "項目 %s が二度書かれています", item->id, NULL);
        if (item->repeat) {
            if (group)
                return fail_at(r, k->start_mark, "繰り返し項目 %s は入れ子にできません", item->id, NULL);
            if (read_repeat(r, item, v, file))
                return -1;
            continue;
        }
        if (item->kind == PIA_GROUP)
            return fail_at(r, k->start_mark, "%s は見出しで、値を持ちません", item->id, NULL);
        if (item->autofill)
            return fail_at(r, k->start_mark, "項目 %s はファイル名から自動で入ります", item->id, NULL);
        if (read_value(r, item, v, file, inst))
            return -1;
    }
    return 0;
}

static int read_file_entry(reader *r, yaml_node_t *m)
{
    if (want(r, m, YAML_MAPPING_NODE, "name と answers の組"))
        return -1;
    const char *name = NULL;
    yaml_node_t *answers = NULL;
    for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(r, p->key), *v = node_at(r, p->value);
        const char *key = scalar_of(k);
        if (key && strcmp(key, "name") == 0 && scalar_of(v))
            name = scalar_of(v);
        else if (key && strcmp(key, "answers") == 0)
            answers = v;
        else
            return fail_at(r, k->start_mark, "不明なキー \"%s\"（name と answers だけが使えます）", key ? key : "", NULL);
    }
    if (!name || !*name)
        return fail_at(r, m->start_mark, "特定個人情報ファイルの name がありません", NULL, NULL);
    int file = pia_doc_add_file(r->doc, name);
    return answers ? read_answers(r, answers, file, NULL, 0) : 0;
}

static int read_files(reader *r, yaml_node_t *seq)
{
    if (want(r, seq, YAML_SEQUENCE_NODE, "特定個人情報ファイルの一覧（files）"))
        return -1;
    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++)
        if (read_file_entry(r, node_at(r, *it)))
            return -1;
    return 0;
}

typedef struct top_keys {
    yaml_node_t *version, *template_name, *title, *org, *answers, *files;
} top_keys;

static int read_top_keys(reader *r, yaml_node_t *root, top_keys *t)
{
    static const char *names[] = { "pia", "template", "title", "organisation", "answers", "files" };
    yaml_node_t **slots[] = { &t->version, &t->template_name, &t->title, &t->org, &t->answers, &t->files };
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node_at(r, p->key);
        const char *key = scalar_of(k);
        int found = 0;
        for (size_t i = 0; key && i < sizeof names / sizeof names[0]; i++) {
            if (strcmp(key, names[i]) != 0)
                continue;
            if (*slots[i])
                return fail_at(r, k->start_mark, "キー \"%s\" が二度書かれています", key, NULL);
            *slots[i] = node_at(r, p->value);
            found = 1;
        }
        if (!found)
            return fail_at(r, k->start_mark, "不明なキー \"%s\"", key ? key : "", NULL);
    }
    return 0;
}

static int key_order(const void *a, const void *b)
{
    const yaml_node_t *x = *(yaml_node_t *const *)a, *y = *(yaml_node_t *const *)b;
    int c = strcmp((const char *)x->data.scalar.value, (const char *)y->data.scalar.value);
    if (c)
        return c;
    return x->start_mark.index < y->start_mark.index ? -1 : x->start_mark.index > y->start_mark.index;
}

/* Every key of a mapping is a string, and none is written twice: YAML
 * readers differ on which of two equal keys wins, so neither may. */
static int check_keys(reader *r, yaml_node_t *map)
{
    size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
    yaml_node_t **keys = pia_xcalloc(n + 1, sizeof *keys);
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        keys[i] = node_at(r, map->data.mapping.pairs.start[i].key);
        if (!keys[i] || keys[i]->type != YAML_SCALAR_NODE)
            rc = fail_at(r, keys[i] ? keys[i]->start_mark : map->start_mark, "キーは文字列で書いてください", NULL, NULL);
    }
    if (!rc)
        qsort(keys, n, sizeof *keys, key_order);
    for (size_t i = 1; i < n && !rc; i++)
        if (strcmp((const char *)keys[i - 1]->data.scalar.value, (const char *)keys[i]->data.scalar.value) == 0) {
            char first[32];
            snprintf(first, sizeof first, "%zu:%zu", keys[i - 1]->start_mark.line + 1, keys[i - 1]->start_mark.column + 1);
            rc = fail_at(r, keys[i]->start_mark, "キー \"%s\" が二度書かれています（最初は %s）",
                         (const char *)keys[i]->data.scalar.value, first);
        }
    free(keys);
    return rc;
}

/* Text holding a NUL ("\0" in a quoted string) would be cut short where it
 * is stored; a string is checked whole, by its length. */
static int check_scalar(reader *r, yaml_node_t *n)
{
    const char *v = (const char *)n->data.scalar.value;
    size_t len = n->data.scalar.length;
    pia_err err = { 0 };
    if (pia_utf8_check("", 0, v, len, &err) == 0)
        return 0;
    return fail_at(r, n->start_mark, v[pia_utf8_bad_offset(v, len)] == '\0'
                   ? "NUL 文字（\\0）は使えません%s" : "UTF-8 ではない文字があります%s", "", NULL);
}

/* Checks that hold for every node, wherever it is. */
static int check_nodes(reader *r)
{
    for (yaml_node_t *n = r->d.nodes.start; n < r->d.nodes.top; n++) {
        if (n->type == YAML_MAPPING_NODE && check_keys(r, n))
            return -1;
        if (n->type == YAML_SCALAR_NODE && check_scalar(r, n))
            return -1;
    }
    return 0;
}

/* `template:` names a template on the template path, never a file: an
 * answers file from elsewhere must not make pia read (and quote in its
 * messages) whatever local file it names. */
static int template_name_ok(const char *s)
{
    if (!s[0] || s[0] == '.' || strlen(s) > 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-' || *p == '.'))
            return 0;
    return 1;
}

static int read_document(reader *r)
{
    yaml_node_t *root = yaml_document_get_root_node(&r->d);
    if (!root)
        return pia_fail(r->err, PIA_EINVAL, "%s:1:1: 空のファイルです", r->path);
    if (want(r, root, YAML_MAPPING_NODE, "回答ファイル（pia: 1 で始まる組）"))
        return -1;
    top_keys t = { 0 };
    if (check_nodes(r) || read_top_keys(r, root, &t))
        return -1;
    if (!t.version || !scalar_of(t.version) || strcmp(scalar_of(t.version), "1") != 0)
        return fail_at(r, t.version ? t.version->start_mark : root->start_mark,
                       "pia: 1 がありません（この版が読める回答ファイルではありません）", NULL, NULL);
    if (!t.template_name || !scalar_of(t.template_name))
        return fail_at(r, root->start_mark, "template がありません", NULL, NULL);
    if (!template_name_ok(scalar_of(t.template_name)))
        return fail_at(r, t.template_name->start_mark, "template には様式の名前（zenkomoku など）を書きます。"
                       "ファイルのパスは使えません（\"%s\"）", scalar_of(t.template_name), NULL);
    if (!t.title || !scalar_of(t.title))
        return fail_at(r, root->start_mark, "title がありません", NULL, NULL);
    if (pia_form_load_named(scalar_of(t.template_name), &r->form, r->err))
        return pia_fail_wrap(r->err, "%s:%zu:%zu: ", r->path, t.template_name->start_mark.line + 1,
                             t.template_name->start_mark.column + 1);
    r->doc = pia_doc_new(r->form->name, scalar_of(t.title), t.org ? scalar_of(t.org) : "");
    if (t.org && !scalar_of(t.org))
        return fail_at(r, t.org->start_mark, "organisation は文字列です", NULL, NULL);
    if (t.answers && read_answers(r, t.answers, 0, NULL, 0))
        return -1;
    if (t.files && read_files(r, t.files))
        return -1;
    return 0;
}

int pia_import_yaml_buffer(const char *path, const char *data, size_t len,
                           pia_form **form, pia_doc **doc, pia_err *err)
{
    *form = NULL;
    *doc = NULL;
    if (len > MAX_INPUT)
        return pia_fail(err, PIA_EINVAL, "%s: 大きすぎます（%zu バイト、上限 %u バイト）", path, len, MAX_INPUT);
    /* UTF-16 and UTF-32 files (with their byte order mark) are YAML too and
     * are read by libyaml; anything else must be UTF-8. */
    int bom16 = len >= 2 && ((data[0] == '\xFF' && data[1] == '\xFE') || (data[0] == '\xFE' && data[1] == '\xFF'));
    if (!bom16 && pia_utf8_check(path, 1, data, len, err))
        return -1;
    if (prescan(path, data, len, err))
        return -1;
    reader r = { .path = path, .err = err };
    yaml_parser_t p;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    if (!yaml_parser_load(&p, &r.d)) {
        pia_fail(err, PIA_EINVAL, "%s:%zu:%zu: YAML の構文エラー: %s", path,
                 p.problem_mark.line + 1, p.problem_mark.column + 1, p.problem ? p.problem : "不明");
        yaml_parser_delete(&p);
        return -1;
    }
    int rc = read_document(&r);
    yaml_document_delete(&r.d);
    yaml_parser_delete(&p);
    if (rc) {
        pia_doc_free(r.doc);
        pia_form_free(r.form);
        return -1;
    }
    *form = r.form;
    *doc = r.doc;
    return 0;
}

int pia_import_yaml(const char *path, pia_form **form, pia_doc **doc, pia_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return pia_fail(err, errno == ENOENT ? PIA_ENOTFOUND : PIA_EIO, "%s: 開けません（%s）",
                        path, pia_errno_ja(errno));
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 65536 > cap) {
            cap = cap ? cap * 2 : 65536 * 2;
            data = pia_xrealloc(data, cap);
        }
        size_t n = fread(data + len, 1, cap - len, fp);
        len += n;
        if (n == 0 || len > MAX_INPUT)
            break;
    }
    int bad = ferror(fp);
    fclose(fp);
    int rc = bad ? pia_fail(err, PIA_EIO, "%s: 読めません", path)
                 : pia_import_yaml_buffer(path, data, len, form, doc, err);
    free(data);
    return rc;
}
