/*
 * cmd_threshold.c — `pia threshold --persons N [--handlers N]
 * [--incident yes|no] [--fill ID] [--table FILE]`: which assessments the
 * しきい値判断 requires, with the reason and the source, from the table in
 * templates/tables/threshold.yaml.  --fill writes the result into Ⅵ1②
 * しきい値判断結果 of an assessment (audited like any answer) and warns when
 * its Ⅰ1③対象人数 says otherwise.
 */
#include "cli.h"
#include "args.h"
#include "model/threshold.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct th_args {
    long persons, handlers;
    int incident;            /* -1: not given */
    const char *fill, *table;
} th_args;

static int parse_incident(const char *s, int *out)
{
    static const char *const yes[] = { "yes", "あり", "有", NULL }, *const no[] = { "no", "なし", "無", NULL };
    for (int i = 0; yes[i]; i++) {
        if (!strcmp(s, yes[i]))
            return *out = 1, 0;
        if (!strcmp(s, no[i]))
            return *out = 0, 0;
    }
    pia_cli_usage_error("--incident には yes か no を指定してください（指定: %s）", s);
    return PIA_EXIT_USAGE;
}

static int parse(pia_run *r)
{
    th_args *a = r->args;
    int argc = r->argc;
    char **argv = r->argv;
    static const struct option opts[] = {
        { "persons", required_argument, NULL, 'p' },
        { "handlers", required_argument, NULL, 'h' },
        { "incident", required_argument, NULL, 'i' },
        { "fill", required_argument, NULL, 'f' },
        { "table", required_argument, NULL, 't' },
        { NULL, 0, NULL, 0 },
    };
    *a = (th_args){ .persons = -1, .handlers = -1, .incident = -1 };
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "", opts)) != -1;) {
        int rc = 0;
        if (c == 'p') rc = pia_cli_parse_num("--persons", optarg, 0, 2000000000L, &a->persons);
        else if (c == 'h') rc = pia_cli_parse_num("--handlers", optarg, 0, 100000000L, &a->handlers);
        else if (c == 'i') rc = parse_incident(optarg, &a->incident);
        else if (c == 'f') a->fill = optarg;
        else if (c == 't') a->table = optarg;
        else rc = PIA_RUN_USAGE;
        if (rc)
            return rc;
    }
    return optind == argc && a->persons >= 0 ? 0 : PIA_RUN_USAGE;
}

static void print(const pia_threshold *t, const pia_threshold_result *r)
{
    printf("しきい値判断: %s\n", r->result_label);
    fputs("必要な評価: ", stdout);
    for (int i = 0; i < r->nrequired; i++)
        printf("%s%s", i ? "、" : "", r->required[i]);
    puts(r->nrequired ? "" : "なし");
    printf("理由: %s\n", r->reason);
    printf("根拠: %s\n", pia_threshold_source(t));
    for (int i = 0; pia_threshold_note(t, i); i++)
        printf("注: %s\n", pia_threshold_note(t, i));
}

/* The store only for --fill: judging alone needs no database. */
static int fill(pia_cli *cli, const pia_threshold *t, const th_args *a, const pia_threshold_result *r)
{
    long id;
    if (pia_cli_parse_id(a->fill, &id)) {
        pia_cli_usage_error("--fill には評価書の ID を指定してください（指定: %s）", a->fill);
        return PIA_EXIT_USAGE;
    }
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_NOCREATE, &st))
        return PIA_EXIT_FAIL;
    pia_err err = { 0 };
    char *warning = NULL;
    int rc = pia_threshold_fill(st, t, id, a->persons, r, &warning, &err);
    pia_store_close(st);
    if (rc) {
        pia_cli_error(&err);
        return PIA_EXIT_FAIL;
    }
    printf("評価書 %ld のしきい値判断結果に記入しました\n", id);
    if (warning)
        fprintf(stderr, "pia: 注意: %s\n", warning);
    free(warning);
    return PIA_EXIT_OK;
}

static int run(pia_run *run)
{
    const th_args *a = run->args;
    pia_threshold *t;
    if (pia_threshold_load(a->table, &t, &run->err))
        return PIA_RUN_ERR;
    pia_threshold_result r;
    int rc = PIA_EXIT_OK;
    if (pia_threshold_judge(t, a->persons, a->handlers, a->incident, &r, &run->err)) {
        pia_cli_usage_error("%s: --handlers と --incident を指定してください", run->err.msg);
        rc = PIA_EXIT_USAGE;
    } else {
        print(t, &r);
        if (a->fill)
            rc = fill(run->cli, t, a, &r);
    }
    pia_threshold_result_free(&r);
    pia_threshold_free(t);
    return rc;
}

const pia_command pia_cmd_threshold = {
    .name = "threshold", .usage = "threshold --persons N [--handlers N] [--incident yes|no] [--fill ID] [--table FILE]",
    .summary = "しきい値判断（必要な評価と理由）", .flags = CMD_DB, .args_size = sizeof(th_args),
    .parse = parse, .run = run,
};
