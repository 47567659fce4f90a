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

#define USAGE "使い方: pia reviewed ID [--date 日付] [--note TEXT]"

static int run(pia_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        { "date", required_argument, NULL, 'd' },
        { "note", required_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    const char *date = NULL, *note = NULL;
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "", opts)) != -1;) {
        if (c == 'd') date = optarg;
        else if (c == 'n') note = optarg;
        else {
            pia_cli_usage_error(USAGE);
            return PIA_EXIT_USAGE;
        }
    }
    long id;
    if (argc - optind != 1 || pia_cli_parse_id(argv[optind], &id)) {
        pia_cli_usage_error(USAGE);
        return PIA_EXIT_USAGE;
    }
    pia_err err = { 0 };
    pia_date day = pia_date_today();
    if (date && pia_date_parse(date, &day, &err)) {
        pia_cli_usage_error("--date: %s", err.msg);
        return PIA_EXIT_USAGE;
    }
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_NOCREATE, &st))
        return PIA_EXIT_FAIL;
    int rc = pia_yearly_record(st, id, day, note, &err);
    pia_store_close(st);
    if (rc) {
        pia_cli_error(&err);
        return PIA_EXIT_FAIL;
    }
    char wa[48];
    pia_date_wareki(day, wa);
    printf("評価書 %ld の見直し（%s）を記録しました\n", id, wa);
    return PIA_EXIT_OK;
}

const pia_command pia_cmd_reviewed = {
    "reviewed", "[--db FILE] reviewed ID [--date 日付] [--note TEXT]   年次の見直しを記録（監査記録に残る）", run, 0
};
