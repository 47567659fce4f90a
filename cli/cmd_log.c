/*
 * cmd_log.c — `pia log ID`: the audit trail of an assessment, oldest first:
 * time, who, action, item (with file / instance), old → new (abbreviated).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first `n` characters (not bytes) of s, one line, "…" when cut. */
static void put_short(const char *s, int n)
{
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) != 0x80 && ++chars > n) {
            fputs("…", stdout);
            return;
        }
        putchar(*p == '\n' || *p == '\t' ? ' ' : (*p < 0x20 ? '?' : *p));
    }
}

static int run(pia_cli *cli, int argc, char **argv)
{
    long id;
    if (argc != 2 || pia_cli_parse_id(argv[1], &id)) {
        pia_cli_usage_error("使い方: pia log ID");
        return PIA_EXIT_USAGE;
    }
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_READONLY, &st))
        return PIA_EXIT_FAIL;
    pia_err err = { 0 };
    pia_audit *a;
    int n;
    int rc = pia_store_audit(st, id, &a, &n, &err);
    if (rc) {
        pia_cli_error(&err);
    } else {
        for (int i = 0; i < n; i++) {
            printf("%s\t%s\t%s\t%s", a[i].at, a[i].who, a[i].action, a[i].item);
            if (a[i].file || a[i].inst)
                printf(" [file %d, inst %d]", a[i].file, a[i].inst);
            fputc('\t', stdout);
            put_short(a[i].old_value, 30);
            fputs(" → ", stdout);
            put_short(a[i].new_value, 30);
            fputc('\n', stdout);
        }
        pia_audit_free(a, n);
    }
    pia_store_close(st);
    return rc ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

const pia_command pia_cmd_log = {
    "log", "[--db FILE] log ID                  変更履歴（日時, 利用者, 操作, 項目, 変更前 → 変更後）", run
};
