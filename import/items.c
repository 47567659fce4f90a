/*
 * items.c — 別添3's 項目 written the form's way after an import.
 *
 * A 項目 that pia wrote ("Ⅰ 2. システム1 ①システムの名称") comes back from
 * a PDF without the space where its narrow column wrapped, and a workbook
 * filled in by hand spaces it as its author liked.  Each 項目 read is
 * compared with the form's own spellings (model/changes_names.c) and, when
 * they are equal but for spaces, widths and brackets, replaced by the
 * form's; a 項目 that names no item of the form stays as read.
 */
#include "import.h"
#include "model/changes.h"
#include "model/fold.h"
#include "model/format.h"

#include <stdlib.h>
#include <string.h>

/* The largest number (<= 99) written in any 項目, full-width digits
 * included: the instances whose spellings are needed. */
static int max_number(const pia_doc *doc, const pia_changes_table *t, int rows)
{
    int max = 1;
    for (int k = 1; k <= rows; k++) {
        const pia_value *v = pia_doc_get(doc, 0, k, t->item->id);
        uint32_t *cp;
        size_t n = pia_fold_str(v ? v->value : "", PIA_FOLD_LABEL, &cp);
        for (size_t i = 0; i < n; i++) {
            if (cp[i] < '0' || cp[i] > '9' || (i > 0 && cp[i - 1] >= '0' && cp[i - 1] <= '9'))
                continue;
            int x = 0;
            for (size_t j = i; j < n && cp[j] >= '0' && cp[j] <= '9' && x <= 99; j++)
                x = x * 10 + (int)(cp[j] - '0');
            if (x > max && x <= 99)
                max = x;
        }
        free(cp);
    }
    return max;
}

/* The report shows what is stored. */
static void repreview(imp_result *r, const pia_node *item, int inst, const char *text)
{
    for (int i = 0; i < r->nfilled; i++) {
        if (r->filled[i].node != item || r->filled[i].inst != inst)
            continue;
        free(r->filled[i].preview);
        r->filled[i].preview = pia_text_abbrev(text, 40);
    }
}

void imp_canon_items(imp_result *r)
{
    pia_changes_table t;
    if (!r->doc || pia_changes_table_find(r->form, &t, NULL) || !t.item || t.group->per_file)
        return;
    int rows = pia_doc_instances(r->doc, 0, t.group->id);
    if (rows <= 0)
        return;
    pia_item_names *names = pia_item_names_new(r->form, max_number(r->doc, &t, rows));
    for (int k = 1; k <= rows; k++) {
        const pia_value *v = pia_doc_get(r->doc, 0, k, t.item->id);
        char *canon = v && v->value[0] ? pia_item_names_canon(names, v->value) : NULL;
        if (canon && strcmp(canon, v->value) != 0) {
            pia_doc_set(r->doc, 0, k, t.item->id, canon, "");
            repreview(r, t.item, k, canon);
        }
        free(canon);
    }
    pia_item_names_free(names);
}
