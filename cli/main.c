/*
 * main.c — pia's entry point: global options, then one command from the
 * table below.  Each command lives in its own cli/cmd_*.c.
 */
#include "cli.h"
#include "args.h"
#include "model/limits.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern const pia_command pia_cmd_new, pia_cmd_list, pia_cmd_file, pia_cmd_set,
    pia_cmd_export, pia_cmd_import, pia_cmd_template, pia_cmd_delete;
/* Instances of repeated groups (cli/cmd_inst.c). */
extern const pia_command pia_cmd_inst;
/* The terminal UI and the check shared with it (cli/cmd_tui.c, cmd_check.c). */
extern const pia_command pia_cmd_tui, pia_cmd_open, pia_cmd_check;
/* Controls: audit trail and backups (cli/cmd_log.c, cmd_backup.c). */
extern const pia_command pia_cmd_log, pia_cmd_backup, pia_cmd_restore;
/* Restoring an earlier text from the trail (cli/cmd_revert.c). */
extern const pia_command pia_cmd_revert;
/* Bulk export (cli/cmd_bundle.c). */
extern const pia_command pia_cmd_bundle;
/* Versions, comparison and review (cli/cmd_version.c, cmd_diff.c, cmd_changes.c, cmd_review.c). */
extern const pia_command pia_cmd_version, pia_cmd_versions, pia_cmd_diff, pia_cmd_changes,
    pia_cmd_review;
/* しきい値判断 and due dates (cli/cmd_threshold.c, cmd_due.c, cmd_reviewed.c). */
extern const pia_command pia_cmd_threshold, pia_cmd_due, pia_cmd_reviewed;
extern const pia_command pia_cmd_copy;
/* Search across assessments (cli/cmd_search.c). */
extern const pia_command pia_cmd_search;

/* Sorted by name; `pia --help` prints them in this order. */
static const pia_command *const commands[] = {
    &pia_cmd_backup,
    &pia_cmd_bundle,
    &pia_cmd_changes,
    &pia_cmd_check,
    &pia_cmd_copy,
    &pia_cmd_delete,
    &pia_cmd_diff,
    &pia_cmd_due,
    &pia_cmd_export,
    &pia_cmd_file,
    &pia_cmd_import,
    &pia_cmd_inst,
    &pia_cmd_list,
    &pia_cmd_log,
    &pia_cmd_new,
    &pia_cmd_open,
    &pia_cmd_restore,
    &pia_cmd_revert,
    &pia_cmd_review,
    &pia_cmd_reviewed,
    &pia_cmd_search,
    &pia_cmd_set,
    &pia_cmd_template,
    &pia_cmd_threshold,
    &pia_cmd_tui,
    &pia_cmd_version,
    &pia_cmd_versions,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* What `pia` does with no command (the TUI registers itself here). */
static const pia_command *default_command(void)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i]->name, "tui") == 0)
            return commands[i];
    return NULL;
}

/* --template-dir: the statutory form from a folder the person named, never
 * from wherever pia happens to be started (model/template.c). */
static int use_template_dir(const char *dir)
{
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        pia_cli_usage_error("--template-dir %s: フォルダがありません", dir);
        return -1;
    }
    setenv("PIA_TEMPLATE_DIR", dir, 1);
    return 0;
}

static void usage(FILE *out)
{
    fprintf(out,
        "使い方: pia [--db FILE] [COMMAND [ARGS]]\n"
        "特定個人情報保護評価書の作成・比較・一括出力\n\n"
        "共通オプション:\n"
        "  --db FILE     データベース（既定: $XDG_DATA_HOME/pia/pia.db）\n"
        "  --create      データベースがなければ作成する（new・import は常に作成）\n"
        "  --template-dir DIR  テンプレートをこのフォルダから探す（PIA_TEMPLATE_DIR と同じ）\n"
        "  --help        この説明\n"
        "  --version     版\n\n"
        "コマンド:\n");
    for (size_t i = 0; i < NCOMMANDS; i++)
        pia_cli_help_line(out, commands[i]);
    fprintf(out,
        "\n終了コード: 0 成功, 1 失敗（または検査で問題あり）, 2 使い方の誤り\n");
}

/* The command the arguments name, or the default one; NULL for none. */
static const pia_command *named_command(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--template-dir") == 0) {
            i++;           /* its value */
            continue;
        }
        if (argv[i][0] == '-')
            continue;
        for (size_t c = 0; c < NCOMMANDS; c++)
            if (strcmp(commands[c]->name, argv[i]) == 0)
                return commands[c];
        return NULL;
    }
    return default_command();
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    /* What is printed on a terminal shows control characters instead of
     * obeying them, in the terminal's encoding (cli/terminal.c); the TUI
     * draws the screen itself. */
    const pia_command *named = named_command(argc, argv);
    if (!named || !named->draws_screen)
        pia_cli_guard_terminal();
    int rc = pia_cli_check_args(argc, argv);
    if (rc)
        return rc;
    pia_cli cli = { .argv0 = argv[0] };
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return PIA_EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("pia %s\n", PIA_VERSION);
            return PIA_EXIT_OK;
        } else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
            cli.db_path = argv[++i];
        } else if (strcmp(argv[i], "--db") == 0) {
            pia_cli_usage_error("--db には値が必要です（データベースのファイル名）");
            return PIA_EXIT_USAGE;
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            cli.db_path = argv[i] + 5;
        } else if (strcmp(argv[i], "--create") == 0) {
            cli.create = 1;
        } else if (strcmp(argv[i], "--template-dir") == 0 && i + 1 < argc) {
            if (use_template_dir(argv[++i]))
                return PIA_EXIT_USAGE;
        } else if (strncmp(argv[i], "--template-dir=", 15) == 0) {
            if (use_template_dir(argv[i] + 15))
                return PIA_EXIT_USAGE;
        } else if (default_command()) {
            break;   /* TUI options such as --ambiguous-wide */
        } else {
            pia_cli_usage_error("不明なオプション: %s", argv[i]);
            return PIA_EXIT_USAGE;
        }
    }
    if (i >= argc || argv[i][0] == '-') {
        const pia_command *c = default_command();
        if (!c) {
            usage(stderr);
            return PIA_EXIT_USAGE;
        }
        char *args[PIA_MAX_ARGS + 2] = { (char *)c->name };
        int n = 1;
        for (; i < argc && n <= PIA_MAX_ARGS; i++)
            args[n++] = argv[i];
        if (i < argc) {
            pia_cli_usage_error("引数が多すぎます（%d 個まで）", PIA_MAX_ARGS);
            return PIA_EXIT_USAGE;
        }
        return pia_cli_dispatch(c, &cli, n, args);
    }
    for (size_t c = 0; c < NCOMMANDS; c++)
        if (strcmp(commands[c]->name, argv[i]) == 0)
            return pia_cli_dispatch(commands[c], &cli, argc - i, argv + i);
    pia_cli_usage_error("不明なコマンド: %s（pia --help で一覧）", argv[i]);
    return PIA_EXIT_USAGE;
}
