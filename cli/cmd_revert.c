/*
 * cmd_revert.c — `pia revert ID ROW [--yes]`: put back the text that row
 * ROW of `pia log ID` left in its item, as a new change (audited like any
 * save; the text replaced stays in the trail).  It shows both texts and
 * asks first on a terminal; elsewhere it needs --yes.
 */
#include "cli.h"
#include "args.h"
#include "model/format.h"
#include "model/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    pia_cli_usage_error("使い方: pia revert ID ROW [--yes]（ROW は pia log ID の行番号）");
    return PIA_EXIT_USAGE;
}

/* "the text of row ROW" for the question, or NULL when ROW is no answer's. */
static char *describe(pia_store *st, long id, long row, pia_err *err)
{
    pia_audit *a;
    int n;
    if (pia_store_audit(st, id, &a, &n, err))
        return NULL;
    char *what = NULL;
    if (row <= n && pia_history_is_answer(&a[row - 1])) {
        char *t = pia_text_abbrev(a[row - 1].new_value, 60), *v = pia_text_visible(t);
        what = pia_xasprintf("評価書 %ld の項目 %s を %ld 行目（%s、%s）の記載「%s」に戻す", id,
                             a[row - 1].item, row, a[row - 1].last_at ? a[row - 1].last_at : a[row - 1].at,
                             a[row - 1].who, v);
        free(v);
        free(t);
    } else {
        what = pia_xstrdup("");
    }
    pia_audit_free(a, n);
    return what;
}

static int run(pia_cli *cli, int argc, char **argv)
{
    long id, row;
    int yes = argc == 4 && strcmp(argv[3], "--yes") == 0;
    if ((argc != 3 && !yes) || pia_cli_parse_id(argv[1], &id) ||
        pia_cli_parse_num("ROW", argv[2], 1, 1000000000L, &row))
        return usage();
    pia_store *st;
    if (pia_cli_open_store(cli, 0, &st))
        return PIA_EXIT_FAIL;
    pia_err err = { 0 };
    pia_form *form = NULL;
    pia_doc *doc = NULL;
    char *what = NULL, *item = NULL;
    int rc = PIA_EXIT_FAIL;
    if (pia_store_load(st, id, &doc, &err) || pia_form_load_named(doc->template_name, &form, &err) ||
        !(what = describe(st, id, row, &err))) {
        pia_cli_error(&err);
        goto out;
    }
    pia_store_writing_with(st, form);
    /* A row that is no answer's: the restore names why. */
    rc = *what ? pia_cli_ask(yes, what, "何も変更していません") : 0;
    if (rc == 0 && pia_history_restore(st, form, id, (int)row, &item, &err) == 0) {
        fprintf(stderr, "pia: 評価書 %ld の項目 %s を %ld 行目の記載に戻しました\n", id, item, row);
    } else if (rc == 0) {
        pia_cli_error(&err);
        rc = PIA_EXIT_FAIL;
    }
out:
    free(what);
    free(item);
    pia_doc_free(doc);
    pia_form_free(form);
    pia_store_close(st);
    return rc;
}

const pia_command pia_cmd_revert = {
    "revert", "[--db FILE] revert ID ROW [--yes]    回答を pia log の ROW 行目の記載に戻す（新しい変更として記録）", run, 0
};
