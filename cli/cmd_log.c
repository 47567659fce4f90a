/*
 * cmd_log.c — `pia log ID [--item ITEM]`: the audit trail of an assessment,
 * oldest first: row number (what `pia revert ID ROW` takes), time (or
 * first〜latest time of saves in a row), who, action, item (with file /
 * instance), old → new (abbreviated).  --item keeps the rows of one item;
 * their numbers stay those of the whole trail.
 */
#include "cli.h"
#include "args.h"
#include "model/format.h"

#include <getopt.h>
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

static void put_row(int row, const pia_audit *a)
{
    /* Saves in a row share a row: its time is "first〜latest". */
    printf("%d\t%s%s%s\t%s\t%s\t%s", row, a->at, a->last_at ? "〜" : "",
           a->last_at ? a->last_at : "", a->who, a->action, a->item ? a->item : "");
    if (a->file || a->inst)
        printf(" [file %d, inst %d]", a->file, a->inst);
    fputc('\t', stdout);
    put_short(a->old_value);
    fputs(" → ", stdout);
    put_short(a->new_value);
    fputc('\n', stdout);
}

static int usage(void)
{
    pia_cli_usage_error("使い方: pia log ID [--item ITEM]");
    return PIA_EXIT_USAGE;
}

static int run(pia_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        { "item", required_argument, NULL, 'i' },
        { NULL, 0, NULL, 0 },
    };
    const char *item = NULL;
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "", opts)) != -1;) {
        if (c != 'i')
            return usage();
        item = optarg;
    }
    long id;
    if (argc - optind != 1)
        return usage();
    if (pia_cli_id_arg(argv[optind], &id))
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
        for (int i = 0; i < n; i++)
            if (!item || (a[i].item && strcmp(a[i].item, item) == 0))
                put_row(i + 1, &a[i]);
        pia_audit_free(a, n);
    }
    pia_store_close(st);
    return rc ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

const pia_command pia_cmd_log = {
    "log", "[--db FILE] log ID [--item ITEM]    変更履歴（行番号, 日時, 利用者, 操作, 項目, 変更前 → 変更後）", run, 0
};
