/*
 * yaml_event.h — what the strict YAML readers of model/ (templates,
 * template_parse.c; data tables, ytable.c) decide alike about one libyaml
 * event: whether it carries an anchor or is an alias (both refused, so no
 * alias can expand), and whether a scalar is a YAML null (an empty value,
 * which the readers treat as "not given").
 */
#ifndef PIA_YAML_EVENT_H
#define PIA_YAML_EVENT_H

#include <string.h>
#include <yaml.h>

static inline int pia_yaml_anchored(const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_ALIAS_EVENT: return 1;
    case YAML_SCALAR_EVENT: return e->data.scalar.anchor != NULL;
    case YAML_SEQUENCE_START_EVENT: return e->data.sequence_start.anchor != NULL;
    case YAML_MAPPING_START_EVENT: return e->data.mapping_start.anchor != NULL;
    default: return 0;
    }
}

static inline int pia_yaml_null(const yaml_event_t *e)
{
    if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *v = (const char *)e->data.scalar.value;
    return !*v || !strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL");
}

#endif
