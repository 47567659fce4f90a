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

static int run(pia_cli *cli, int argc, char **argv)
{
    const char *tmpl = NULL, *title = NULL, *org = "";
    static const struct option opts[] = {
        { "template", required_argument, NULL, 't' },
        { "title", required_argument, NULL, 'T' },
        { "org", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "+", opts)) != -1;) {
        if (c == 't') tmpl = optarg;
        else if (c == 'T') title = optarg;
        else if (c == 'o') org = optarg;
        else return PIA_EXIT_USAGE;
    }
    if (!tmpl || !title || optind != argc) {
        pia_cli_usage_error("使い方: pia new --template NAME --title TEXT [--org TEXT]");
        return PIA_EXIT_USAGE;
    }
    pia_err err = { 0 };
    pia_form *form;
    if (pia_form_load_named(tmpl, &form, &err)) {
        pia_cli_error(&err);
        return PIA_EXIT_FAIL;
    }
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_CREATE, &st)) {
        pia_form_free(form);
        return PIA_EXIT_FAIL;
    }
    pia_store_writing_with(st, form);
    long id;
    int rc = pia_title_new(st, form, tmpl, title, org, &id, &err);
    pia_store_writing_with(st, NULL);
    pia_form_free(form);
    if (rc)
        pia_cli_error(&err);
    else
        printf("%ld\n", id);
    pia_store_close(st);
    return rc ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

const pia_command pia_cmd_new = {
    "new", "[--db FILE] new --template NAME --title TEXT [--org TEXT]   評価書を作成し ID を表示", run, 0
};
