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

typedef struct revert_args {
    long id, row;
    int yes;
} revert_args;

static int parse(pia_run *r)
{
    revert_args *a = r->args;
    a->yes = r->argc == 4 && strcmp(r->argv[3], "--yes") == 0;
    if ((r->argc != 3 && !a->yes) || pia_cli_parse_id(r->argv[1], &a->id) ||
        pia_cli_parse_num("ROW", r->argv[2], 1, 1000000000L, &a->row))
        return PIA_RUN_USAGE;
    r->ref = r->argv[1];
    return 0;
}

static int run(pia_run *r)
{
    const revert_args *a = r->args;
    char *item = NULL, *what = describe(r->st, a->id, a->row, &r->err);
    if (!what)
        return PIA_RUN_ERR;
    /* A row that is no answer's: the restore names why. */
    int rc = *what ? pia_cli_ask(a->yes, what, "何も変更していません") : 0, changed = 0;
    if (rc == 0 && pia_history_restore(r->st, r->form, a->id, (int)a->row, &item, &changed, &r->err) == 0)
        fprintf(stderr, changed ? "pia: 評価書 %ld の項目 %s を %ld 行目の記載に戻しました\n"
                                : "pia: 評価書 %ld の項目 %s は %ld 行目の記載と同じです。変更はありません（履歴にも記録していません）\n",
                a->id, item, a->row);
    else if (rc == 0)
        rc = PIA_RUN_ERR;
    free(what);
    free(item);
    return rc;
}

const pia_command pia_cmd_revert = {
    .name = "revert", .usage = "revert ID ROW [--yes]（ROW は pia log ID の行番号）",
    .summary = "回答を pia log の ROW 行目の記載に戻す（新しい変更として記録）",
    .flags = CMD_STORE_RW | CMD_LOAD, .args_size = sizeof(revert_args), .parse = parse, .run = run,
};
