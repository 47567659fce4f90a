/*
 * cmd_import.c — `pia import FILE.yaml`: a new assessment from a YAML
 * answers file; prints its id.  All or nothing: a file with any error is
 * rejected with FILE:LINE:COLUMN and nothing is stored.
 */
#include "cli.h"
#include "export/export.h"

#include <stdio.h>

static int run(pia_cli *cli, int argc, char **argv)
{
    if (argc != 2) {
        pia_cli_usage_error("使い方: pia import FILE.yaml");
        return PIA_EXIT_USAGE;
    }
    pia_err err = { 0 };
    pia_form *form;
    pia_doc *doc;
    if (pia_import_yaml(argv[1], &form, &doc, &err)) {
        pia_cli_error(&err);
        return PIA_EXIT_FAIL;
    }
    pia_store *st;
    int rc = PIA_EXIT_FAIL;
    if (pia_cli_open_store(cli, PIA_STORE_CREATE, &st) == 0) {
        long id;
        if (pia_store_import(st, doc, &id, &err) == 0) {
            printf("%ld\n", id);
            rc = PIA_EXIT_OK;
        } else {
            pia_cli_error(&err);
        }
        pia_store_close(st);
    }
    pia_doc_free(doc);
    pia_form_free(form);
    return rc;
}

const pia_command pia_cmd_import = {
    "import", "[--db FILE] import FILE.yaml          回答ファイルから評価書を作成し ID を表示", run, 0
};
