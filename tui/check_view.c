/*
 * check_view.c — what is still open, as a list; Enter jumps to the item.
 * The findings come from model/check.c, the same as `pia check`.
 */
#include "app.h"
#include "model/check.h"

#include <stdlib.h>

int tui_check_view(tui_app *a, const pia_form *form, const pia_doc *doc,
                   const pia_node **node, int *file, int *inst)
{
    pia_finding *f;
    int n;
    pia_check_doc(form, doc, &f, &n);
    if (n == 0) {
        tui_status(a, "確認: 指摘はありません");
        pia_findings_free(f, n);
        return -1;
    }
    const char **items = pia_xcalloc((size_t)n, sizeof *items);
    char **owned = pia_xcalloc((size_t)n, sizeof *owned);
    for (int i = 0; i < n; i++)
        items[i] = owned[i] = pia_xasprintf("%s ― %s", f[i].where, f[i].what);
    char *title = pia_xasprintf("確認: %d 件（Enter で項目へ）", n);
    int c = tui_menu(a, title, items, n, 0);
    free(title);
    int rc = -1;
    if (c >= 0) {
        *node = f[c].node;
        *file = f[c].file;
        *inst = f[c].inst;
        rc = 0;
    }
    for (int i = 0; i < n; i++)
        free(owned[i]);
    free(owned);
    free(items);
    pia_findings_free(f, n);
    return rc;
}
