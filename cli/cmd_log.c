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

typedef struct log_args {
    long id;
    const char *item;
} log_args;

static int parse(pia_run *r)
{
    static const struct option opts[] = {
        { "item", required_argument, NULL, 'i' },
        { NULL, 0, NULL, 0 },
    };
    log_args *a = r->args;
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "", opts)) != -1;) {
        if (c != 'i')
            return PIA_RUN_USAGE;
        a->item = optarg;
    }
    if (r->argc - optind != 1)
        return PIA_RUN_USAGE;
    return pia_cli_id_arg(r->argv[optind], &a->id);
}

static int run(pia_run *r)
{
    const log_args *a = r->args;
    pia_audit *au;
    int n;
    if (pia_store_audit(r->st, a->id, &au, &n, &r->err))
        return PIA_RUN_ERR;
    /* An assessment that never was has no trail; a deleted one keeps its
     * trail, which is still shown. */
    pia_doc *doc = NULL;
    if (n == 0 && pia_store_load(r->st, a->id, &doc, &r->err))
        return PIA_RUN_ERR;
    pia_doc_free(doc);
    for (int i = 0; i < n; i++)
        if (!a->item || (au[i].item && strcmp(au[i].item, a->item) == 0))
            put_row(i + 1, &au[i]);
    pia_audit_free(au, n);
    return 0;
}

const pia_command pia_cmd_log = {
    .name = "log", .usage = "log ID [--item ITEM]",
    .summary = "変更履歴（行番号, 日時, 利用者, 操作, 項目, 変更前 → 変更後）", .flags = CMD_STORE,
    .args_size = sizeof(log_args), .parse = parse, .run = run,
};
