/*
 * cmd_backup.c — `pia backup [--keep N] [--dir DIR]`: a consistent copy of
 * the database, keeping the newest N (10) generations; `pia restore FILE`:
 * put a backup back (the current state is backed up first).
 */
#include "cli.h"
#include "args.h"
#include "model/backup.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static int db_path(pia_cli *cli, char *buf, size_t n)
{
    pia_err err = { 0 };
    if (cli->db_path) {
        snprintf(buf, n, "%s", cli->db_path);
        return 0;
    }
    if (pia_store_default_path(buf, n, &err)) {
        pia_cli_error(&err);
        return -1;
    }
    return 0;
}

static int parse(int argc, char **argv, int *keep, const char **dir)
{
    static const struct option opts[] = {
        { "keep", required_argument, NULL, 'k' },
        { "dir", required_argument, NULL, 'd' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "", opts)) != -1;) {
        long k;
        if (c == 'k' && pia_cli_parse_num("--keep", optarg, 1, 10000, &k))
            return -2;
        if (c == 'k') *keep = (int)k;
        else if (c == 'd') *dir = optarg;
        else return -1;
    }
    return *keep > 0 ? 0 : -1;
}

static int run_backup(pia_cli *cli, int argc, char **argv)
{
    int keep = 10;
    const char *dir = NULL;
    char path[4096];
    int prc = parse(argc, argv, &keep, &dir);
    if (prc == -2)
        return PIA_EXIT_USAGE;
    if (prc || optind != argc) {
        pia_cli_usage_error("使い方: pia backup [--keep N] [--dir DIR]");
        return PIA_EXIT_USAGE;
    }
    if (db_path(cli, path, sizeof path))
        return PIA_EXIT_FAIL;
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_READONLY, &st))
        return PIA_EXIT_FAIL;
    char *d = dir ? pia_xstrdup(dir) : pia_backup_dir(path), *made = NULL;
    pia_err err = { 0 };
    int rc = pia_backup(st, d, keep, &made, &err);
    if (rc)
        pia_cli_error(&err);
    else
        printf("%s\n", made);
    free(made);
    free(d);
    pia_store_close(st);
    return rc ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

static int run_restore(pia_cli *cli, int argc, char **argv)
{
    int keep = 10;
    const char *dir = NULL;
    char path[4096];
    int prc = parse(argc, argv, &keep, &dir);
    if (prc == -2)
        return PIA_EXIT_USAGE;
    if (prc || argc - optind != 1) {
        pia_cli_usage_error("使い方: pia restore BACKUP.db [--dir DIR]");
        return PIA_EXIT_USAGE;
    }
    if (db_path(cli, path, sizeof path))
        return PIA_EXIT_FAIL;
    char *d = dir ? pia_xstrdup(dir) : pia_backup_dir(path);
    pia_err err = { 0 };
    int rc = pia_restore(path, argv[optind], d, &err);
    if (rc)
        pia_cli_error(&err);
    else
        fprintf(stderr, "pia: %s を %s から復元しました（復元前の状態は %s に保存）\n", path, argv[optind], d);
    free(d);
    return rc ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

const pia_command pia_cmd_backup = {
    "backup", "[--db FILE] backup [--keep N] [--dir DIR]   バックアップ（既定で 10 世代）", run_backup, 0
};
const pia_command pia_cmd_restore = {
    "restore", "[--db FILE] restore BACKUP.db [--dir DIR]   バックアップから復元（復元前の状態も保存）", run_restore, 0
};
