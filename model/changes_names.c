/*
 * changes_names.c — the form's own spellings of 別添3's 項目 (changes.h).
 *
 * pia writes 項目 as "Ⅰ 2. システム1 ①システムの名称": numbers and labels
 * joined by single spaces.  Text read back from a PDF cannot say whether a
 * wrapped line ended at a space, and a workbook filled in by hand spaces
 * it as its author liked; compared folded (no spaces, one width, one kind
 * of bracket), such a 項目 is recognised as the form's and written the
 * form's way, so an assessment imported back compares equal to the one
 * exported.  Text that names no item is left to the caller, as read.
 */
#include "changes.h"
#include "fold.h"

#include <stdlib.h>
#include <string.h>

typedef struct name {
    char *text;          /* as pia writes it */
    uint32_t *cp;        /* folded */
    size_t n;
    size_t nhead;        /* folded length of the part before the first space */
    size_t head_bytes;   /* its length in text */
} name;

struct pia_item_names {
    name *v;
    int n, cap;
};

static void add(pia_item_names *ns, char *text)
{
    if (ns->n == ns->cap) {
        ns->cap = ns->cap ? ns->cap * 2 : 256;
        ns->v = pia_xrealloc(ns->v, (size_t)ns->cap * sizeof *ns->v);
    }
    name *e = &ns->v[ns->n++];
    e->text = text;
    e->n = pia_fold_str(text, PIA_FOLD_LABEL, &e->cp);
    const char *sp = strchr(text, ' ');
    e->head_bytes = sp ? (size_t)(sp - text) : strlen(text);
    char *head = pia_xasprintf("%.*s", (int)e->head_bytes, text);
    uint32_t *hcp;
    e->nhead = pia_fold_str(head, PIA_FOLD_LABEL, &hcp);
    free(hcp);
    free(head);
}

pia_item_names *pia_item_names_new(const pia_form *form, int max_inst)
{
    pia_item_names *ns = pia_xcalloc(1, sizeof *ns);
    for (int i = 0; i < form->nnodes; i++) {
        const pia_node *n = form->nodes[i];
        int from = n->repeat_group ? 1 : 0, to = n->repeat_group ? (max_inst > 1 ? max_inst : 1) : 0;
        for (int inst = from; inst <= to; inst++) {
            add(ns, pia_changes_title(n, 1, inst));
            char *plain = pia_changes_title_plain(n, 1, inst);
            if (strcmp(plain, ns->v[ns->n - 1].text) != 0)
                add(ns, plain);
            else
                free(plain);
            if (!pia_node_is_field(n))
                add(ns, pia_changes_title(n, 0, inst));
        }
    }
    return ns;
}

void pia_item_names_free(pia_item_names *ns)
{
    if (!ns)
        return;
    for (int i = 0; i < ns->n; i++) {
        free(ns->v[i].text);
        free(ns->v[i].cp);
    }
    free(ns->v);
    free(ns);
}

static int same(const uint32_t *a, const uint32_t *b, size_t n)
{
    return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

/* "Ⅲ（FILE） 2. …": e's head, a file name in brackets, then e's rest. */
static char *with_file(const name *e, const pia_fold *t, const char *text)
{
    size_t rest = e->n - e->nhead;
    if (t->n < e->n + 3 || !same(t->cp, e->cp, e->nhead) || t->cp[e->nhead] != '(' ||
        t->cp[t->n - rest - 1] != ')' || !same(t->cp + t->n - rest, e->cp + e->nhead, rest))
        return NULL;
    size_t from = t->at[e->nhead + 1], to = t->end[t->n - rest - 2];
    const char *tail = e->text + e->head_bytes;
    return pia_xasprintf("%.*s（%.*s）%s", (int)e->head_bytes, e->text, (int)(to - from), text + from, tail);
}

char *pia_item_names_canon(const pia_item_names *ns, const char *text)
{
    pia_fold t = { 0 };
    pia_fold_append(&t, text, strlen(text), 0, PIA_FOLD_LABEL);
    char *found = NULL;
    for (int i = 0; i < ns->n && t.n; i++) {
        const name *e = &ns->v[i];
        char *s = NULL;
        if (e->n == t.n && same(e->cp, t.cp, t.n))
            s = pia_xstrdup(e->text);
        else if (e->nhead)
            s = with_file(e, &t, text);
        if (!s)
            continue;
        if (strcmp(s, text) == 0 || !found) {   /* the text's own spelling wins */
            free(found);
            found = s;
            if (strcmp(s, text) == 0)
                break;
        } else {
            free(s);
        }
    }
    pia_fold_free(&t);
    return found;
}
