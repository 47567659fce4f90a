/*
 * cmd_new.c — `pia new --template NAME --title TEXT [--org TEXT]`:
 * create an assessment and print its id.  The title and organisation are
 * written as the 表紙's 評価書名 and 評価実施機関名 (model/title.h).
 */
#include "cli.h"
#include "args.h"
#include "model/title.h"

#include <getopt.h>
#include <stdio.h>

typedef struct new_args {
    const char *title, *org;
} new_args;

static int parse(pia_run *r)
{
    static const struct option opts[] = {
        { "template", required_argument, NULL, 't' },
        { "title", required_argument, NULL, 'T' },
        { "org", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    new_args *a = r->args;
    a->org = "";
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "+", opts)) != -1;) {
        if (c == 't') r->template_name = optarg;
        else if (c == 'T') a->title = optarg;
        else if (c == 'o') a->org = optarg;
        else return PIA_RUN_USAGE;   /* getopt told which option; the usage line follows (args.h) */
    }
    return r->template_name && a->title && optind == r->argc ? 0 : PIA_RUN_USAGE;
}

static int run(pia_run *r)
{
    const new_args *a = r->args;
    long id;
    if (pia_title_new(r->st, r->form, r->template_name, a->title, a->org, &id, &r->err))
        return PIA_RUN_ERR;
    printf("%ld\n", id);
    return 0;
}

/* The template first (CMD_FORM): a mistyped name must not leave a new,
 * empty database behind. */
const pia_command pia_cmd_new = {
    .name = "new", .usage = "new --template NAME --title TEXT [--org TEXT]",
    .summary = "評価書を作成し ID を表示", .flags = CMD_FORM | CMD_STORE_RW | CMD_CREATE,
    .args_size = sizeof(new_args), .parse = parse, .run = run,
};
