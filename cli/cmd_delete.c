/*
 * cmd_delete.c — `pia delete ID [--yes]`: delete an assessment with all its
 * files, answers, versions and comments.  It asks first on a terminal and
 * needs --yes elsewhere; the message and the audit row name the title and
 * how many files and answers went.  A backup (pia backup) is the way back.
 */
#include "cli.h"
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct delete_args {
    long id;
    int yes;
} delete_args;

static int parse(pia_run *r)
{
    delete_args *a = r->args;
    a->yes = r->argc == 3 && strcmp(r->argv[2], "--yes") == 0;
    if ((r->argc != 2 && !a->yes) || pia_cli_parse_id(r->argv[1], &a->id))
        return PIA_RUN_USAGE;
    return 0;
}

static int run(pia_run *r)
{
    const delete_args *a = r->args;
    pia_removal rm;
    if (pia_store_removal(r->st, a->id, 0, NULL, 0, &rm, &r->err))
        return PIA_RUN_ERR;
    char *what = pia_xasprintf("評価書 %ld「%s」（ファイル %d 件、回答 %d 件）", a->id, rm.name, rm.files, rm.answers);
    int rc = pia_cli_confirm(a->yes, what);
    if (rc == 0 && pia_store_delete(r->st, a->id, &r->err) == 0)
        fprintf(stderr, "pia: %sを削除しました\n", what);
    else if (rc == 0)
        rc = PIA_RUN_ERR;
    free(what);
    pia_removal_clear(&rm);
    return rc;
}

const pia_command pia_cmd_delete = {
    .name = "delete", .usage = "delete ID [--yes]",
    .summary = "評価書を削除（確認あり。スクリプトでは --yes）", .flags = CMD_STORE_RW,
    .args_size = sizeof(delete_args), .parse = parse, .run = run,
};
