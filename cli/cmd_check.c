/*
 * cmd_check.c — `pia check ID`: what is still open.  One line per finding,
 * "WHERE<TAB>WHAT"; exit 1 when anything is found, 0 when nothing is.
 */
#include "cli.h"
#include "model/check.h"

#include <stdio.h>

static int parse(pia_run *r)
{
    if (r->argc != 2)
        return PIA_RUN_USAGE;
    r->ref = r->argv[1];
    return 0;
}

static int run(pia_run *r)
{
    pia_finding *f;
    int n;
    pia_check_doc(r->form, r->doc, &f, &n);
    for (int i = 0; i < n; i++)
        printf("%s\t%s\n", f[i].where, f[i].what);
    if (n)
        fprintf(stderr, "pia: %d 件の指摘があります\n", n);
    pia_findings_free(f, n);
    return n ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

const pia_command pia_cmd_check = {
    .name = "check", .usage = "check ID",
    .summary = "未回答・未記入の対策・該当なしの部分の回答を一覧（あれば終了コード 1）",
    .flags = CMD_LOAD, .parse = parse, .run = run,
};
