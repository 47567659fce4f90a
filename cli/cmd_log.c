/*
 * cmd_log.c — `pia log ID`: the audit trail of an assessment, oldest first:
 * time (or first〜latest time of saves in a row), who, action, item (with
 * file / instance), old → new (abbreviated).
 */
#include "cli.h"
#include "args.h"
#include "model/format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A log is read by people, piped or not: abbreviated, control characters
 * shown. */
static void put_short(const char *s)
{
    char *t = pia_text_abbrev(s, 30), *v = pia_text_visible(t);
    fputs(v, stdout);
    free(v);
    free(t);
}

static int run(pia_cli *cli, int argc, char **argv)
{
    long id;
    if (argc != 2) {
        pia_cli_usage_error("使い方: pia log ID");
        return PIA_EXIT_USAGE;
    }
    if (pia_cli_id_arg(argv[1], &id))
        return PIA_EXIT_USAGE;
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_READONLY, &st))
        return PIA_EXIT_FAIL;
    pia_err err = { 0 };
    pia_audit *a;
    int n;
    int rc = pia_store_audit(st, id, &a, &n, &err);
    pia_doc *doc = NULL;
    /* An assessment that never was has no trail; a deleted one keeps its
     * trail, which is still shown. */
    if (!rc && n == 0 && pia_store_load(st, id, &doc, &err))
        rc = -1;
    pia_doc_free(doc);
    if (rc) {
        pia_cli_error(&err);
    } else {
        for (int i = 0; i < n; i++) {
            /* Saves in a row share a row: its time is "first〜latest". */
            printf("%s%s%s\t%s\t%s\t%s", a[i].at, a[i].last_at ? "〜" : "",
                   a[i].last_at ? a[i].last_at : "", a[i].who, a[i].action, a[i].item);
            if (a[i].file || a[i].inst)
                printf(" [file %d, inst %d]", a[i].file, a[i].inst);
            fputc('\t', stdout);
            put_short(a[i].old_value);
            fputs(" → ", stdout);
            put_short(a[i].new_value);
            fputc('\n', stdout);
        }
        pia_audit_free(a, n);
    }
    pia_store_close(st);
    return rc ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

const pia_command pia_cmd_log = {
    "log", "[--db FILE] log ID                  変更履歴（日時, 利用者, 操作, 項目, 変更前 → 変更後）", run, 0
};
