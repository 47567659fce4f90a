/*
 * cmd_due.c — `pia due [--today D] [--within DAYS] [--all]`: assessments
 * due for re-assessment (5 years after the 公表日) or for their yearly
 * review (a year after the latest `pia reviewed`, or after the 公表日), both
 * effort obligations; soonest first.  One line per obligation:
 *   DUE(ISO) <TAB> DUE(和暦) <TAB> ID <TAB> WHAT <TAB> WHY <TAB> TITLE
 * Without --all only what is due by today (+ DAYS) is listed; exit 1 when
 * anything is due by today or a 公表日 cannot be read, 0 otherwise.
 */
#include "cli.h"
#include "args.h"
#include "model/due.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct due_args {
    pia_date today;
    long within;
    int all;
} due_args;

static int parse(pia_run *r)
{
    due_args *a = r->args;
    int argc = r->argc;
    char **argv = r->argv;
    static const struct option opts[] = {
        { "today", required_argument, NULL, 't' },
        { "within", required_argument, NULL, 'w' },
        { "all", no_argument, NULL, 'a' },
        { NULL, 0, NULL, 0 },
    };
    *a = (due_args){ .today = pia_date_today() };
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "", opts)) != -1;) {
        pia_err err = { 0 };
        if (c == 't' && pia_date_parse(optarg, &a->today, &err)) {
            pia_cli_usage_error("--today: %s", err.msg);
            return PIA_EXIT_USAGE;
        } else if (c == 'w' && pia_cli_parse_num("--within", optarg, 0, 3650, &a->within)) {
            return PIA_EXIT_USAGE;
        } else if (c == 'a') {
            a->all = 1;
        } else if (c != 't' && c != 'w') {
            return PIA_RUN_USAGE;
        }
    }
    return optind == argc ? 0 : PIA_RUN_USAGE;
}

static void why(const pia_due_entry *e, char *buf, size_t n)
{
    char from[48];
    pia_date_wareki(e->from, from);
    int off = snprintf(buf, n, "%s %sから%d年。", e->from_what, from, e->years);
    if (off < 0 || (size_t)off >= n)
        return;
    if (e->days_left < 0)
        snprintf(buf + off, n - (size_t)off, "期限を%ld日過ぎています", -e->days_left);
    else if (e->days_left == 0)
        snprintf(buf + off, n - (size_t)off, "今日が期限です");
    else
        snprintf(buf + off, n - (size_t)off, "期限まであと%ld日です", e->days_left);
}

static void print(const pia_due_entry *e)
{
    char iso[16] = "-", wa[48] = "-", reason[256];
    if (e->has_due) {
        pia_date_iso(e->due, iso);
        pia_date_wareki(e->due, wa);
        why(e, reason, sizeof reason);
    } else {
        snprintf(reason, sizeof reason, "%s", e->problem);
    }
    printf("%s\t%s\t%ld\t%s（%s）\t%s\t%s\n", iso, wa, e->id, e->label, e->kind, reason, e->title);
}

/* A 公表日 that is not a date: said once per assessment, listed or not. */
static int warn_bad_dates(const pia_due_entry *e, int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        if (!e[i].bad_date)
            continue;
        int seen = 0;
        for (int k = 0; k < i && !seen; k++)
            seen = e[k].bad_date && e[k].id == e[i].id;
        if (!seen)
            fprintf(stderr, "pia: 評価書 %ld「%s」: %s\n", e[i].id, e[i].title, e[i].problem);
        bad = 1;
    }
    return bad;
}

static int report(const pia_due_table *t, const due_args *a, const pia_due_entry *e, int n)
{
    int due = 0, listed = 0;
    for (int i = 0; i < n; i++) {
        int show = a->all || (e[i].has_due && e[i].days_left <= a->within);
        if (!show)
            continue;
        print(&e[i]);
        listed++;
        due += e[i].has_due && e[i].days_left <= 0;
    }
    int bad = warn_bad_dates(e, n);
    if (due)
        fprintf(stderr, "pia: 期限を過ぎた・今日が期限のもの %d 件（%sに基づく努力義務）\n", due, pia_due_source(t));
    else if (!listed)
        fprintf(stderr, "pia: 期限が来ているものはありません\n");
    return due || bad ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

static int run(pia_run *r)
{
    pia_due_table *t;
    if (pia_due_load(NULL, &t, &r->err))
        return PIA_RUN_ERR;
    pia_due_entry *e;
    int n, rc = PIA_RUN_ERR;
    if (pia_due_list(r->st, t, ((const due_args *)r->args)->today, &e, &n, &r->err) == 0) {
        rc = report(t, r->args, e, n);
        pia_due_entries_free(e, n);
    }
    pia_due_free(t);
    return rc;
}

const pia_command pia_cmd_due = {
    .name = "due", .usage = "due [--today 日付] [--within 日数] [--all]",
    .summary = "再評価・年次の見直しの期限が来た評価書（期限の近い順）", .flags = CMD_STORE,
    .args_size = sizeof(due_args), .parse = parse, .run = run,
};
