/*
 * cmd_check.c — `pia check ID`: what is still open.  One line per finding,
 * "WHERE<TAB>WHAT"; exit 1 when anything is found, 0 when nothing is.
 */
#include "cli.h"
#include "model/check.h"

#include <stdio.h>

static int run(pia_cli *cli, int argc, char **argv)
{
    if (argc != 2) {
        pia_cli_usage_error("使い方: pia check ID");
        return PIA_EXIT_USAGE;
    }
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_READONLY, &st))
        return PIA_EXIT_FAIL;
    pia_form *form;
    pia_doc *doc;
    int rc = pia_cli_load(st, argv[1], &form, &doc);
    if (rc == PIA_EXIT_OK) {
        pia_finding *f;
        int n;
        pia_check_doc(form, doc, &f, &n);
        for (int i = 0; i < n; i++)
            printf("%s\t%s\n", f[i].where, f[i].what);
        if (n)
            fprintf(stderr, "pia: %d 件の指摘があります\n", n);
        rc = n ? PIA_EXIT_FAIL : PIA_EXIT_OK;
        pia_findings_free(f, n);
        pia_doc_free(doc);
        pia_form_free(form);
    }
    pia_store_close(st);
    return rc;
}

const pia_command pia_cmd_check = {
    "check", "[--db FILE] check ID                未回答・未記入の対策・該当なしの部分の回答を一覧（あれば終了コード 1）", run, 0
};
