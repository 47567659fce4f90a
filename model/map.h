/*
 * map.h — a string-keyed hash map (open addressing, linear probing).
 * Keys are copied; values are owned by the caller unless a free function
 * is given.  Used for node lookup by id and for a doc's answers.
 */
#ifndef PIA_MAP_H
#define PIA_MAP_H

#include <stddef.h>

typedef struct pia_map pia_map;

pia_map *pia_map_new(void (*free_value)(void *));
void pia_map_free(pia_map *m);
void *pia_map_get(const pia_map *m, const char *key);
/* Replaces (and frees) an existing value. */
void pia_map_put(pia_map *m, const char *key, void *value);
/* Removes and frees; returns 1 if the key was there. */
int pia_map_del(pia_map *m, const char *key);
size_t pia_map_count(const pia_map *m);
/* Visit every entry; stop when fn returns non-zero and return that. */
int pia_map_each(const pia_map *m, int (*fn)(const char *key, void *value, void *ctx), void *ctx);

#endif
