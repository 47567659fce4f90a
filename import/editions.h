/*
 * editions.h — what the importer knows about a template's editions, read
 * from templates/editions/NAME.yaml (data, like the templates): the number
 * in the cover's edition stamp, the titles of the other forms (so a
 * 基礎項目評価書 is refused rather than half-read), which items give the
 * assessment's title and organisation, and the labels of older editions.
 * A template without such a file imports with its own labels only.
 */
#ifndef PIA_IMPORT_EDITIONS_H
#define PIA_IMPORT_EDITIONS_H

#include "model/form.h"

typedef struct imp_alias {
    const pia_node *node;
    char *label;
} imp_alias;

typedef struct imp_edition {
    char *name;            /* "平成26年4月 様式4" */
    imp_alias *aliases;
    int naliases;
} imp_edition;

typedef struct imp_other_form {
    char *number;          /* "様式2" */
    char *title;           /* "基礎項目評価書" */
} imp_other_form;

typedef struct imp_editions {
    char *path;            /* the file read, NULL when there was none */
    char *form_number;     /* "様式4", NULL when unknown */
    const pia_node *title_item, *org_item;
    imp_other_form *others;
    int nothers;
    imp_edition *e;
    int n;
} imp_editions;

/* Load the editions file of `form` from the template directories; an
 * absent file gives an empty set, a malformed one an error naming it. */
int imp_editions_load(const pia_form *form, imp_editions **out, pia_err *err);
int imp_editions_load_file(const pia_form *form, const char *path, imp_editions **out, pia_err *err);
void imp_editions_free(imp_editions *e);

#endif
