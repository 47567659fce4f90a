/*
 * test_history.c — the whole trail grouped for reading (model/history.c):
 * by section and per-file section's file, in the form's order, what names
 * no item of the form last, newest first within a group.
 */
#include "check.h"
#include "model/history.h"
#include "model/form.h"

static pia_audit row(const char *action, const char *item, int file)
{
    return (pia_audit){ .action = (char *)action, .item = (char *)item, .file = file };
}

int main(void)
{
    pia_form *form;
    pia_err err = { 0 };
    if (pia_form_load_named("zenkomoku", &form, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    pia_audit a[] = {
        row("new", NULL, 0),                                   /* 0 */
        row("set", "risk.keep.r1.incident", 2),                /* 1: Ⅲ file 2 */
        row("set", "cover.title", 0),                          /* 2: 表紙 */
        row("set", "risk.obtain.r1.others", 1),                /* 3: Ⅲ file 1 */
        row("file.add", NULL, 1),                              /* 4 */
        row("set", "risk.obtain.r1.others", 1),                /* 5: Ⅲ file 1 */
        row("set", "no.such.item", 0),                         /* 6: not in the form */
        row("set", "cover.remarks", 0),                        /* 7: 表紙 */
    };
    pia_history_group *g;
    int n = pia_history_grouped(form, a, 8, &g);
    CHECK(n == 4);
    if (n == 4) {
        CHECK(g[0].section == form->sections[0] && g[0].file == 0 && g[0].n == 2);
        CHECK(g[0].rows[0] == 7 && g[0].rows[1] == 2);          /* newest first */
        CHECK(g[1].section && g[1].section->per_file && g[1].file == 1 && g[1].n == 2);
        CHECK(g[1].rows[0] == 5 && g[1].rows[1] == 3);
        CHECK(g[2].section == g[1].section && g[2].file == 2 && g[2].n == 1 && g[2].rows[0] == 1);
        CHECK(g[3].section == NULL && g[3].n == 3);
        CHECK(g[3].rows[0] == 6 && g[3].rows[1] == 4 && g[3].rows[2] == 0);
    }
    pia_history_groups_free(g, n);
    CHECK(pia_history_grouped(form, a, 0, &g) == 0);
    pia_history_groups_free(g, 0);
    pia_form_free(form);
    return check_result();
}
