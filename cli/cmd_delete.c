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

static int run(pia_cli *cli, int argc, char **argv)
{
    long id;
    int yes = argc == 3 && strcmp(argv[2], "--yes") == 0;
    if ((argc != 2 && !yes) || pia_cli_parse_id(argv[1], &id)) {
        pia_cli_usage_error("使い方: pia delete ID [--yes]");
        return PIA_EXIT_USAGE;
    }
    pia_store *st;
    if (pia_cli_open_store(cli, 0, &st))
        return PIA_EXIT_FAIL;
    pia_err err = { 0 };
    pia_removal r;
    int rc = PIA_EXIT_FAIL;
    if (pia_store_removal(st, id, 0, NULL, 0, &r, &err)) {
        pia_cli_error(&err);
        pia_store_close(st);
        return rc;
    }
    char *what = pia_xasprintf("評価書 %ld「%s」（ファイル %d 件、回答 %d 件）", id, r.name, r.files, r.answers);
    rc = pia_cli_confirm(yes, what);
    if (rc == 0 && pia_store_delete(st, id, &err) == 0) {
        fprintf(stderr, "pia: %sを削除しました\n", what);
    } else if (rc == 0) {
        pia_cli_error(&err);
        rc = PIA_EXIT_FAIL;
    }
    free(what);
    pia_removal_clear(&r);
    pia_store_close(st);
    return rc;
}

const pia_command pia_cmd_delete = {
    "delete", "[--db FILE] delete ID [--yes]        評価書を削除（確認あり。スクリプトでは --yes）", run, 0
};
