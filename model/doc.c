/*
 * doc.c — one assessment's answers in memory (see doc.h).
 *
 * Answers and instance counts live in hash tables keyed by (file, inst,
 * item) as integers and the item's string: a lookup hashes the id once and
 * formats nothing.  Every walk of the form looks up each node's answer,
 * so this is on the path of every export, check, count and redraw.
 */
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    uint64_t hash;
    int file, inst;    /* inst is 0 in the counts table */
    char *item;        /* the node id; a repeated group's id in the counts table */
    pia_value v;       /* answers */
    int n;             /* counts */
} entry;

/* Open addressing with linear probing; tombstones on removal; grows at 70 %. */
typedef struct table {
    entry **slots;
    size_t cap, count, used;   /* used counts live entries and tombstones */
} table;

static entry tomb_marker;
#define TOMB (&tomb_marker)

uint64_t pia_doc_item_hash(const char *item)
{
    uint64_t h = 1469598103934665603ULL;          /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)item; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

static uint64_t mix(uint64_t item_hash, int file, int inst)
{
    uint64_t h = item_hash;
    h ^= (uint64_t)(uint32_t)file * 0x9E3779B97F4A7C15ULL;
    h ^= (uint64_t)(uint32_t)inst * 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 29;                                  /* spread into the low bits */
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

static uint64_t key_hash(int file, int inst, const char *item)
{
    return mix(pia_doc_item_hash(item), file, inst);
}

static table *table_new(void)
{
    table *t = pia_xcalloc(1, sizeof *t);
    t->cap = 64;
    t->slots = pia_xcalloc(t->cap, sizeof *t->slots);
    return t;
}

/* An entry and its strings are one allocation. */
static void entry_free(entry *e)
{
    free(e);
}

static void table_free(table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i] && t->slots[i] != TOMB)
            entry_free(t->slots[i]);
    free(t->slots);
    free(t);
}

/* The slot holding (file, inst, item), or NULL. */
static entry **table_find(const table *t, uint64_t h, int file, int inst, const char *item)
{
    for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        entry *e = t->slots[i];
        if (!e)
            return NULL;
        if (e != TOMB && e->hash == h && e->file == file && e->inst == inst && strcmp(e->item, item) == 0)
            return &t->slots[i];
    }
}

static entry *table_get(const table *t, int file, int inst, const char *item)
{
    entry **s = table_find(t, key_hash(file, inst, item), file, inst, item);
    return s ? *s : NULL;
}

static void table_grow(table *t)
{
    entry **old = t->slots;
    size_t oldcap = t->cap;
    t->cap = t->count * 4 > oldcap ? oldcap * 2 : oldcap;    /* same size: only tombstones go */
    t->slots = pia_xcalloc(t->cap, sizeof *t->slots);
    t->used = t->count;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i] || old[i] == TOMB)
            continue;
        size_t j = old[i]->hash & (t->cap - 1);
        while (t->slots[j])
            j = (j + 1) & (t->cap - 1);
        t->slots[j] = old[i];
    }
    free(old);
}

/* Put e in place of any entry with its key (that one is freed). */
static void table_put(table *t, entry *e)
{
    entry **s = table_find(t, e->hash, e->file, e->inst, e->item);
    if (s) {
        entry_free(*s);
        *s = e;
        return;
    }
    if ((t->used + 1) * 10 > t->cap * 7)
        table_grow(t);
    size_t i = e->hash & (t->cap - 1);
    while (t->slots[i] && t->slots[i] != TOMB)
        i = (i + 1) & (t->cap - 1);
    if (!t->slots[i])
        t->used++;
    t->slots[i] = e;
    t->count++;
}

static void table_del(table *t, int file, int inst, const char *item)
{
    entry **s = table_find(t, key_hash(file, inst, item), file, inst, item);
    if (!s)
        return;
    entry_free(*s);
    *s = TOMB;
    t->count--;
}

/* An entry for (file, inst, item) with `extra` bytes after it for the
 * strings of its value (see put). */
static entry *entry_new(int file, int inst, const char *item, size_t extra)
{
    size_t n = strlen(item) + 1;
    entry *e = pia_xmalloc(sizeof *e + n + extra);
    memset(e, 0, sizeof *e);
    e->hash = key_hash(file, inst, item);
    e->file = file;
    e->inst = inst;
    e->item = memcpy(e + 1, item, n);
    return e;
}

/* A copy of s at *at (NULL stays NULL); *at moves past it. */
static char *put(char **at, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = memcpy(*at, s, n);
    *at += n;
    return copy;
}

static size_t size_of(const char *s)
{
    return s ? strlen(s) + 1 : 0;
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
    d->answers = table_new();
    d->counts = table_new();
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
    table_free(d->answers);
    table_free(d->counts);
    free(d);
}

int pia_doc_add_file(pia_doc *d, const char *name)
{
    d->files = pia_xrealloc(d->files, (size_t)(d->nfiles + 1) * sizeof *d->files);
    d->files[d->nfiles].name = pia_xstrdup(name);
    d->files[d->nfiles].updated = NULL;
    return ++d->nfiles;
}

const pia_value *pia_doc_get(const pia_doc *d, int file, int inst, const char *item)
{
    entry *e = table_get(d->answers, file, inst, item);
    return e ? &e->v : NULL;
}

const pia_value *pia_doc_get_h(const pia_doc *d, int file, int inst, const char *item, uint64_t item_hash)
{
    entry **s = table_find(d->answers, mix(item_hash, file, inst), file, inst, item);
    return s ? &(*s)->v : NULL;
}

void pia_doc_set_full(pia_doc *d, int file, int inst, const char *item, const pia_value *v)
{
    int empty = (!v->value || !*v->value) && (!v->detail || !*v->detail);
    if (empty) {
        table_del(d->answers, file, inst, item);
        return;
    }
    const char *value = v->value ? v->value : "", *detail = v->detail ? v->detail : "";
    entry *e = entry_new(file, inst, item, size_of(value) + size_of(detail) + size_of(v->updated) +
                                               size_of(v->updated_by));
    char *at = e->item + strlen(item) + 1;
    e->v.value = put(&at, value);
    e->v.detail = put(&at, detail);
    e->v.updated = put(&at, v->updated);
    e->v.updated_by = put(&at, v->updated_by);
    e->v.rev = v->rev;
    table_put(d->answers, e);
}

void pia_doc_set(pia_doc *d, int file, int inst, const char *item,
                 const char *value, const char *detail)
{
    pia_value v = { .value = (char *)value, .detail = (char *)detail };
    pia_doc_set_full(d, file, inst, item, &v);
}

int pia_doc_instances(const pia_doc *d, int file, const char *group)
{
    entry *e = table_get(d->counts, file, 0, group);
    return e ? e->n : 0;
}

void pia_doc_set_instances(pia_doc *d, int file, const char *group, int n)
{
    if (n <= 0) {
        table_del(d->counts, file, 0, group);
        return;
    }
    entry *e = entry_new(file, 0, group, 0);
    e->n = n;
    table_put(d->counts, e);
}

int pia_doc_count(const pia_doc *d)
{
    return (int)((const table *)d->answers)->count;
}

int pia_doc_each(const pia_doc *d, pia_doc_answer_fn fn, void *ctx)
{
    const table *t = d->answers;
    for (size_t i = 0; i < t->cap; i++) {
        const entry *e = t->slots[i];
        if (!e || e == TOMB)
            continue;
        int rc = fn(e->file, e->inst, e->item, &e->v, ctx);
        if (rc)
            return rc;
    }
    return 0;
}

int pia_doc_each_instances(const pia_doc *d, pia_doc_count_fn fn, void *ctx)
{
    const table *t = d->counts;
    for (size_t i = 0; i < t->cap; i++) {
        const entry *e = t->slots[i];
        if (!e || e == TOMB)
            continue;
        int rc = fn(e->file, e->item, e->n, ctx);
        if (rc)
            return rc;
    }
    return 0;
}

static int copy_answer(int file, int inst, const char *item, const pia_value *v, void *ctx)
{
    pia_doc_set_full(ctx, file, inst, item, v);
    return 0;
}

static int copy_count(int file, const char *group, int n, void *ctx)
{
    pia_doc_set_instances(ctx, file, group, n);
    return 0;
}

pia_doc *pia_doc_clone(const pia_doc *d)
{
    pia_doc *c = pia_doc_new(d->template_name, d->title, d->org);
    c->id = d->id;
    c->loaded_file = d->loaded_file;
    c->template_sha = nz(d->template_sha);
    c->created = nz(d->created);
    c->updated = nz(d->updated);
    for (int i = 0; i < d->nfiles; i++) {
        pia_doc_add_file(c, d->files[i].name);
        c->files[i].updated = nz(d->files[i].updated);
    }
    pia_doc_each(d, copy_answer, c);
    pia_doc_each_instances(d, copy_count, c);
    return c;
}
