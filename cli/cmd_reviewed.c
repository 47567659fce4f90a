/*
 * cmd_reviewed.c — `pia reviewed ID [--date 日付] [--note TEXT]`: record that
 * an assessment was given its yearly review (an effort obligation of the
 * 特定個人情報保護評価指針) on a day (today when not given; 和暦 or ISO).
 * The review is kept in its own table and in the audit trail; `pia due`
 * counts the next one from it.
 */
#include "cli.h"
#include "args.h"
#include "model/yearly_review.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

typedef struct reviewed_args {
    long id;
    pia_date day;
    const char *note;
} reviewed_args;

static int parse(pia_run *r)
{
    static const struct option opts[] = {
        { "date", required_argument, NULL, 'd' },
        { "note", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    reviewed_args *a = r->args;
    const char *date = NULL;
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "", opts)) != -1;) {
        if (c == 'd') date = optarg;
        else if (c == 'n') a->note = optarg;
        else return PIA_RUN_USAGE;
    }
    if (r->argc - optind != 1 || pia_cli_parse_id(r->argv[optind], &a->id))
        return PIA_RUN_USAGE;
    a->day = pia_date_today();
    if (date && pia_date_parse(date, &a->day, &r->err)) {
        pia_cli_usage_error("--date: %s", r->err.msg);
        return PIA_EXIT_USAGE;
    }
    return 0;
}

static int run(pia_run *r)
{
    const reviewed_args *a = r->args;
    if (pia_yearly_record(r->st, a->id, a->day, a->note, &r->err))
        return PIA_RUN_ERR;
    char wa[48];
    pia_date_wareki(a->day, wa);
    printf("評価書 %ld の見直し（%s）を記録しました\n", a->id, wa);
    return 0;
}

const pia_command pia_cmd_reviewed = {
    .name = "reviewed", .usage = "reviewed ID [--date 日付] [--note TEXT]",
    .summary = "年次の見直しを記録（監査記録に残る）", .flags = CMD_STORE_RW,
    .args_size = sizeof(reviewed_args), .parse = parse, .run = run,
};
