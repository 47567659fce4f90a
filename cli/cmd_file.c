/*
 * cmd_file.c — `pia file add ID NAME`, `pia file rename ID N NAME`,
 * `pia file remove ID N|NAME [--yes]`, `pia file list ID`: the
 * 特定個人情報ファイル of an assessment (Ⅱ and Ⅲ are answered once for
 * each).  Removing takes the file's answers with it, so it asks first (or
 * needs --yes) and says what went; since the files after it move up one
 * number, a file may be named instead of numbered.
 */
#include "cli.h"
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_pos(const char *s, int *pos)
{
    long v;
    if (pia_cli_parse_num("ファイル番号", s, 1, PIA_MAX_POS, &v))
        return -1;
    *pos = (int)v;
    return 0;
}

/* N, or the exact name of one file (a name is stable, a number moves up
 * when an earlier file is removed). */
static int find_file(pia_store *st, long id, const char *arg, int *pos, pia_err *err)
{
    char **names;
    int nnames;
    if (pia_store_file_names(st, id, &names, &nnames, err))
        return -1;
    int found = 0, n = 0;
    for (int i = 0; i < nnames; i++)
        if (strcmp(names[i], arg) == 0) {
            found = i + 1;
            n++;
        }
    pia_store_names_free(names, nnames);
    if (n == 1) {
        *pos = found;
        return 0;
    }
    if (n > 1)
        return pia_fail(err, PIA_EINVAL, "評価書 %ld に「%s」という名前のファイルが %d 件あります（番号で指定してください）",
                        id, arg, n);
    return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld に「%s」という名前のファイルはありません", id, arg);
}

static int remove_file(pia_store *st, long id, const char *arg, int yes, pia_err *err)
{
    int pos = 0;
    /* Digits are a number (strictly read), anything else a name. */
    int numeric = arg[0] && strspn(arg, "0123456789") == strlen(arg);
    if (numeric && parse_pos(arg, &pos))
        return -3;
    if (!numeric && find_file(st, id, arg, &pos, err))
        return -1;
    pia_removal r;
    if (pia_store_removal(st, id, pos, NULL, 0, &r, err))
        return -1;
    char *what = pia_xasprintf("評価書 %ld のファイル %d「%s」と回答 %d 件", id, pos, r.name, r.answers);
    int rc = pia_cli_confirm(yes, what);
    if (rc == 0 && pia_store_file_remove(st, id, pos, err) == 0)
        fprintf(stderr, "pia: %sを削除しました（後のファイルの番号は 1 つずつ繰り上がります）\n", what);
    else if (rc == 0)
        rc = -1;
    free(what);
    pia_removal_clear(&r);
    return rc;
}

static int list_files(pia_store *st, long id, pia_err *err)
{
    char **names;
    int n;
    if (pia_store_file_names(st, id, &names, &n, err))
        return -1;
    for (int i = 0; i < n; i++)
        printf("%d\t%s\n", i + 1, names[i]);
    pia_store_names_free(names, n);
    return 0;
}

static int dispatch(pia_store *st, long id, int argc, char **argv, pia_err *err)
{
    const char *sub = argv[1];
    int pos = 0;
    if (strcmp(sub, "remove") == 0 && (argc == 4 || (argc == 5 && strcmp(argv[4], "--yes") == 0)))
        return remove_file(st, id, argv[3], argc == 5, err);
    if (strcmp(sub, "add") == 0 && argc == 4) {
        if (pia_store_file_add(st, id, argv[3], &pos, err))
            return -1;
        printf("%d\n", pos);
        return 0;
    }
    if (strcmp(sub, "list") == 0 && argc == 3)
        return list_files(st, id, err);
    if (argc < 4)
        return -2;
    if (parse_pos(argv[3], &pos))
        return -3;
    if (strcmp(sub, "rename") == 0 && argc == 5)
        return pia_store_file_rename(st, id, pos, argv[4], err);
    return -2;
}

static int parse(pia_run *r)
{
    if (r->argc < 3)
        return PIA_RUN_USAGE;
    return pia_cli_id_arg(r->argv[2], r->args);
}

static int run(pia_run *r)
{
    int rc = dispatch(r->st, *(const long *)r->args, r->argc, r->argv, &r->err);
    if (rc == -2)
        return PIA_RUN_USAGE;
    if (rc == -3)
        return PIA_EXIT_USAGE;
    if (rc == PIA_EXIT_USAGE || rc == PIA_EXIT_FAIL)
        return rc;          /* a confirmation refused or declined, already said */
    return rc ? PIA_RUN_ERR : 0;
}

const pia_command pia_cmd_file = {
    .name = "file", .usage = "file add ID NAME | file rename ID N NAME | file remove ID N|NAME [--yes] | file list ID",
    .summary = "特定個人情報ファイル", .flags = CMD_STORE_RW, .args_size = sizeof(long),
    .parse = parse, .run = run,
};
