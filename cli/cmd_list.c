/*
 * cmd_list.c — `pia list`: one line per assessment, most recent first,
 * tab-separated: id, updated, template, files, answers, title, organisation.
 */
#include "cli.h"

#include <stdio.h>

static int run(pia_cli *cli, int argc, char **argv)
{
    (void)argv;
    if (argc != 1) {
        pia_cli_usage_error("使い方: pia list");
        return PIA_EXIT_USAGE;
    }
    pia_store *st;
    if (pia_cli_open_store(cli, 0, &st))
        return PIA_EXIT_FAIL;
    pia_err err = { 0 };
    pia_summary *s;
    int n;
    int rc = pia_store_list(st, &s, &n, &err);
    if (rc) {
        pia_cli_error(&err);
    } else {
        for (int i = 0; i < n; i++)
            printf("%ld\t%s\t%s\t%d\t%d\t%s\t%s\n", s[i].id, s[i].updated, s[i].template_name,
                   s[i].nfiles, s[i].nanswers, s[i].title, s[i].org);
        pia_summaries_free(s, n);
    }
    pia_store_close(st);
    return rc ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

const pia_command pia_cmd_list = {
    "list", "[--db FILE] list                     評価書の一覧（ID, 更新, 様式, ファイル数, 回答数, 名称, 機関）", run, 0
};
