/*
 * cmd_list.c — `pia list`: one line per assessment, most recent first,
 * tab-separated: id, updated, template, files, answers, title, organisation.
 */
#include "cli.h"

#include <stdio.h>

static int parse(pia_run *r)
{
    return r->argc == 1 ? 0 : PIA_RUN_USAGE;
}

static int run(pia_run *r)
{
    pia_summary *s;
    int n;
    if (pia_store_list(r->st, &s, &n, &r->err))
        return PIA_RUN_ERR;
    for (int i = 0; i < n; i++)
        printf("%ld\t%s\t%s\t%d\t%d\t%s\t%s\n", s[i].id, s[i].updated, s[i].template_name,
               s[i].nfiles, s[i].nanswers, s[i].title, s[i].org);
    pia_summaries_free(s, n);
    return 0;
}

/* Read-write although it only reads: `pia --create list` makes the
 * database it names, as it always has. */
const pia_command pia_cmd_list = {
    .name = "list", .usage = "list",
    .summary = "評価書の一覧（ID, 更新, 様式, ファイル数, 回答数, 名称, 機関）",
    .flags = CMD_STORE_RW, .parse = parse, .run = run,
};
