/*
 * cmd_backup.c — `pia backup [--keep N] [--dir DIR]`: a consistent copy of
 * the database, keeping the newest N (10) generations; `pia restore FILE`:
 * put a backup back (the current state is backed up first).  Restoring
 * replaces what is in the database now, so it asks first on a terminal and
 * needs --yes elsewhere.
 */
#include "cli.h"
#include "args.h"
#include "model/backup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct args {
    long keep;
    const char *dir;
    int yes;
} args;

/* 0, or the exit code of a usage error (already reported when 2 comes
 * from the number parser). */
static int parse_opts(int argc, char **argv, args *a)
{
    static const struct option opts[] = {
        { "keep", required_argument, NULL, 'k' },
        { "dir", required_argument, NULL, 'd' },
        { "yes", no_argument, NULL, 'y' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "", opts)) != -1;) {
        if (c == 'k' && pia_cli_parse_num("--keep", optarg, 1, 100000, &a->keep))
            return PIA_EXIT_USAGE;
        else if (c == 'd') a->dir = optarg;
        else if (c == 'y') a->yes = 1;
        else if (c != 'k') return -1;
    }
    return 0;
}

static int parse_backup(pia_run *r)
{
    args *a = r->args;
    a->keep = 10;
    int bad = parse_opts(r->argc, r->argv, a);
    if (bad == PIA_EXIT_USAGE)
        return bad;
    return bad || optind != r->argc || a->yes ? PIA_RUN_USAGE : 0;
}

static int run_backup(pia_run *r)
{
    const args *a = r->args;
    char *d = a->dir ? pia_xstrdup(a->dir) : pia_backup_dir(r->db_path), *made = NULL;
    int rc = pia_backup(r->st, d, (int)a->keep, &made, &r->err);
    if (!rc)
        printf("%s\n", made);
    free(made);
    free(d);
    return rc ? PIA_RUN_ERR : 0;
}

/* What a restore replaces, for the question: "t.db の現在の内容（評価書 3 件、
 * 回答 412 件）".  NULL when the database cannot be read (restore then
 * reports why). */
static char *current_contents(const char *path)
{
    pia_store *st;
    pia_err err = { 0 };
    if (pia_store_open(path, PIA_STORE_READONLY, &st, &err))
        return NULL;
    pia_summary *s;
    int n = 0;
    long answers = 0;
    char *what = NULL;
    if (pia_store_list(st, &s, &n, &err) == 0) {
        for (int i = 0; i < n; i++)
            answers += s[i].nanswers;
        pia_summaries_free(s, n);
        what = pia_xasprintf("%s の現在の内容（評価書 %d 件、回答 %ld 件。復元前の状態はバックアップに残します）",
                             path, n, answers);
    }
    pia_store_close(st);
    return what;
}

static int parse_restore(pia_run *r)
{
    args *a = r->args;
    int bad = parse_opts(r->argc, r->argv, a);
    if (bad == PIA_EXIT_USAGE)
        return bad;
    return bad || r->argc - optind != 1 ? PIA_RUN_USAGE : 0;
}

/* No store of its own: restoring replaces the file, so it is not held open. */
static int run_restore(pia_run *r)
{
    const args *a = r->args;
    char path[4096];
    const char *from = r->argv[r->argc - 1];
    if (pia_cli_db_path(r->cli, path, sizeof path) || pia_cli_db_exists(r->cli, path, 0))
        return PIA_EXIT_FAIL;
    char *what = current_contents(path);
    int ok = pia_cli_confirm(a->yes, what ? what : path);
    free(what);
    if (ok)
        return ok;
    char *d = a->dir ? pia_xstrdup(a->dir) : pia_backup_dir(path);
    int rc = pia_restore(path, from, d, &r->err);
    if (!rc)
        fprintf(stderr, "pia: %s を %s から復元しました（復元前の状態は %s に保存）\n", path, from, d);
    free(d);
    return rc ? PIA_RUN_ERR : 0;
}

const pia_command pia_cmd_backup = {
    .name = "backup", .usage = "backup [--keep N] [--dir DIR]", .summary = "バックアップ（既定で 10 世代）",
    .flags = CMD_STORE, .args_size = sizeof(args), .parse = parse_backup, .run = run_backup,
};
const pia_command pia_cmd_restore = {
    .name = "restore", .usage = "restore BACKUP.db [--dir DIR] [--yes]",
    .summary = "バックアップから復元（復元前の状態も保存）", .flags = CMD_DB,
    .args_size = sizeof(args), .parse = parse_restore, .run = run_restore,
};
