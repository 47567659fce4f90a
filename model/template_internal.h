/*
 * template_internal.h — what template.c (public entry points) and
 * template_parse.c (the YAML parser and validator) share.  Not for use
 * outside model/template*.c.
 */
#ifndef PIA_TEMPLATE_INTERNAL_H
#define PIA_TEMPLATE_INTERNAL_H

#include "form.h"

/* Parse and validate a template held in memory; nothing returned on error. */
int pia_template_parse(const char *path, const char *data, size_t len,
                       pia_form **out, pia_err *err);
/* Free a form, also one left half-built by a failed parse. */
void pia_template_free_form(pia_form *form);

#endif
