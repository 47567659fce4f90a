/*
 * doc.c — one assessment's answers in memory (see doc.h).
 *
 * Answers live in a hash map keyed "file:inst:item"; each entry remembers
 * its own address so pia_doc_each can hand it back without parsing keys.
 */
#include "doc.h"
#include "map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    pia_value v;       /* first, so a pia_value* is an entry* */
    int file, inst;
    char *item;
} entry;

static void entry_free(void *p)
{
    entry *e = p;
    if (!e)
        return;
    free(e->v.value);
    free(e->v.detail);
    free(e->v.updated);
    free(e->v.updated_by);
    free(e->item);
    free(e);
}

static char *nz(const char *s)
{
    return s ? pia_xstrdup(s) : NULL;
}

pia_doc *pia_doc_new(const char *template_name, const char *title, const char *org)
{
    pia_doc *d = pia_xcalloc(1, sizeof *d);
    d->template_name = pia_xstrdup(template_name ? template_name : "");
    d->title = pia_xstrdup(title ? title : "");
    d->org = pia_xstrdup(org ? org : "");
    d->answers = pia_map_new(entry_free);
    d->counts = pia_map_new(free);
    return d;
}

void pia_doc_free(pia_doc *d)
{
    if (!d)
        return;
    for (int i = 0; i < d->nfiles; i++) {
        free(d->files[i].name);
        free(d->files[i].updated);
    }
    free(d->files);
    free(d->template_name);
    free(d->template_sha);
    free(d->title);
    free(d->org);
    free(d->created);
    free(d->updated);
    pia_map_free(d->answers);
    pia_map_free(d->counts);
    free(d);
}

int pia_doc_add_file(pia_doc *d, const char *name)
{
    d->files = pia_xrealloc(d->files, (size_t)(d->nfiles + 1) * sizeof *d->files);
    d->files[d->nfiles].name = pia_xstrdup(name);
    d->files[d->nfiles].updated = NULL;
    return ++d->nfiles;
}

static void answer_key(char *buf, size_t n, int file, int inst, const char *item)
{
    snprintf(buf, n, "%d:%d:%s", file, inst, item);
}

const pia_value *pia_doc_get(const pia_doc *d, int file, int inst, const char *item)
{
    char key[512];
    answer_key(key, sizeof key, file, inst, item);
    return pia_map_get(d->answers, key);
}

void pia_doc_set_full(pia_doc *d, int file, int inst, const char *item, const pia_value *v)
{
    char key[512];
    answer_key(key, sizeof key, file, inst, item);
    int empty = (!v->value || !*v->value) && (!v->detail || !*v->detail);
    if (empty) {
        pia_map_del(d->answers, key);
        return;
    }
    entry *e = pia_xcalloc(1, sizeof *e);
    e->v.value = pia_xstrdup(v->value ? v->value : "");
    e->v.detail = pia_xstrdup(v->detail ? v->detail : "");
    e->v.updated = nz(v->updated);
    e->v.updated_by = nz(v->updated_by);
    e->v.rev = v->rev;
    e->file = file;
    e->inst = inst;
    e->item = pia_xstrdup(item);
    pia_map_put(d->answers, key, e);
}

void pia_doc_set(pia_doc *d, int file, int inst, const char *item,
                 const char *value, const char *detail)
{
    pia_value v = { .value = (char *)value, .detail = (char *)detail };
    pia_doc_set_full(d, file, inst, item, &v);
}

int pia_doc_instances(const pia_doc *d, int file, const char *group)
{
    char key[512];
    snprintf(key, sizeof key, "%d:%s", file, group);
    int *n = pia_map_get(d->counts, key);
    return n ? *n : 0;
}

void pia_doc_set_instances(pia_doc *d, int file, const char *group, int n)
{
    char key[512];
    snprintf(key, sizeof key, "%d:%s", file, group);
    if (n <= 0) {
        pia_map_del(d->counts, key);
        return;
    }
    int *p = pia_xmalloc(sizeof *p);
    *p = n;
    pia_map_put(d->counts, key, p);
}

int pia_doc_count(const pia_doc *d)
{
    return (int)pia_map_count(d->answers);
}

typedef struct each_ctx {
    pia_doc_answer_fn fn;
    void *ctx;
} each_ctx;

static int each_entry(const char *key, void *value, void *ctx)
{
    (void)key;
    each_ctx *c = ctx;
    entry *e = value;
    return c->fn(e->file, e->inst, e->item, &e->v, c->ctx);
}

int pia_doc_each(const pia_doc *d, pia_doc_answer_fn fn, void *ctx)
{
    each_ctx c = { fn, ctx };
    return pia_map_each(d->answers, each_entry, &c);
}

typedef struct count_ctx {
    pia_doc_count_fn fn;
    void *ctx;
} count_ctx;

static int each_count(const char *key, void *value, void *ctx)
{
    count_ctx *c = ctx;
    char *end;
    long file = strtol(key, &end, 10);
    return c->fn((int)file, end + 1, *(int *)value, c->ctx);
}

int pia_doc_each_instances(const pia_doc *d, pia_doc_count_fn fn, void *ctx)
{
    count_ctx c = { fn, ctx };
    return pia_map_each(d->counts, each_count, &c);
}

static int copy_answer(int file, int inst, const char *item, const pia_value *v, void *ctx)
{
    pia_doc_set_full(ctx, file, inst, item, v);
    return 0;
}

static int copy_count(const char *key, void *value, void *ctx)
{
    int *p = pia_xmalloc(sizeof *p);
    *p = *(int *)value;
    pia_map_put(((pia_doc *)ctx)->counts, key, p);
    return 0;
}

pia_doc *pia_doc_clone(const pia_doc *d)
{
    pia_doc *c = pia_doc_new(d->template_name, d->title, d->org);
    c->id = d->id;
    c->template_sha = nz(d->template_sha);
    c->created = nz(d->created);
    c->updated = nz(d->updated);
    for (int i = 0; i < d->nfiles; i++) {
        pia_doc_add_file(c, d->files[i].name);
        c->files[i].updated = nz(d->files[i].updated);
    }
    pia_doc_each(d, copy_answer, c);
    pia_map_each(d->counts, copy_count, c);
    return c;
}
