/*
 * map.c — string-keyed hash map (see map.h).  FNV-1a hashing, tombstones on
 * delete, grows at 70% load.
 */
#include "map.h"
#include "err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
    char *key;      /* NULL: empty; TOMB: deleted */
    void *value;
} slot;

struct pia_map {
    slot *slots;
    size_t cap, count, used;   /* used counts live + tombstones */
    void (*free_value)(void *);
};

static char tomb_marker;
#define TOMB (&tomb_marker)

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

pia_map *pia_map_new(void (*free_value)(void *))
{
    pia_map *m = pia_xcalloc(1, sizeof *m);
    m->cap = 16;
    m->slots = pia_xcalloc(m->cap, sizeof *m->slots);
    m->free_value = free_value;
    return m;
}

void pia_map_free(pia_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++) {
        slot *s = &m->slots[i];
        if (!s->key || s->key == TOMB)
            continue;
        free(s->key);
        if (m->free_value)
            m->free_value(s->value);
    }
    free(m->slots);
    free(m);
}

static slot *find(const pia_map *m, const char *key)
{
    size_t i = hash(key) & (m->cap - 1);
    for (;;) {
        slot *s = &m->slots[i];
        if (!s->key)
            return NULL;
        if (s->key != TOMB && strcmp(s->key, key) == 0)
            return s;
        i = (i + 1) & (m->cap - 1);
    }
}

void *pia_map_get(const pia_map *m, const char *key)
{
    slot *s = find(m, key);
    return s ? s->value : NULL;
}

static void grow(pia_map *m)
{
    slot *old = m->slots;
    size_t oldcap = m->cap;
    m->cap = m->count * 4 > oldcap ? oldcap * 2 : oldcap;
    m->slots = pia_xcalloc(m->cap, sizeof *m->slots);
    m->used = m->count;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].key || old[i].key == TOMB)
            continue;
        size_t j = hash(old[i].key) & (m->cap - 1);
        while (m->slots[j].key)
            j = (j + 1) & (m->cap - 1);
        m->slots[j] = old[i];
    }
    free(old);
}

void pia_map_put(pia_map *m, const char *key, void *value)
{
    slot *s = find(m, key);
    if (s) {
        if (m->free_value && s->value != value)
            m->free_value(s->value);
        s->value = value;
        return;
    }
    if ((m->used + 1) * 10 > m->cap * 7)
        grow(m);
    size_t i = hash(key) & (m->cap - 1);
    while (m->slots[i].key && m->slots[i].key != TOMB)
        i = (i + 1) & (m->cap - 1);
    if (!m->slots[i].key)
        m->used++;
    m->slots[i].key = pia_xstrdup(key);
    m->slots[i].value = value;
    m->count++;
}

int pia_map_del(pia_map *m, const char *key)
{
    slot *s = find(m, key);
    if (!s)
        return 0;
    free(s->key);
    if (m->free_value)
        m->free_value(s->value);
    s->key = TOMB;
    s->value = NULL;
    m->count--;
    return 1;
}

size_t pia_map_count(const pia_map *m)
{
    return m->count;
}

int pia_map_each(const pia_map *m, int (*fn)(const char *, void *, void *), void *ctx)
{
    for (size_t i = 0; i < m->cap; i++) {
        slot *s = &m->slots[i];
        if (!s->key || s->key == TOMB)
            continue;
        int rc = fn(s->key, s->value, ctx);
        if (rc)
            return rc;
    }
    return 0;
}
