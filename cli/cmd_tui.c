/*
 * cmd_tui.c — `pia [--db FILE] [--ambiguous-wide]` opens the TUI at the
 * assessment list; `pia [--db FILE] open ID` opens one assessment.
 * PIA_AMBIGUOUS_WIDE=1 is the same as --ambiguous-wide.
 */
#include "cli.h"
#include "tui/tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int start(pia_cli *cli, int argc, char **argv, long id)
{
    tui_options opt = { .open_id = id };
    const char *env = getenv("PIA_AMBIGUOUS_WIDE");
    opt.ambiguous_wide = env && strcmp(env, "1") == 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--ambiguous-wide") == 0) {
            opt.ambiguous_wide = 1;
        } else if (strcmp(argv[i], "--ambiguous-narrow") == 0) {
            opt.ambiguous_wide = 0;
        } else if (id == 0 || pia_cli_parse_id(argv[i], &(long){ 0 })) {
            pia_cli_usage_error("不明な引数: %s", argv[i]);
            return PIA_EXIT_USAGE;
        }
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        pia_cli_usage_error("端末ではありません: 画面はターミナルで開いてください（pia --help でコマンド一覧）");
        return PIA_EXIT_USAGE;
    }
    char path[4096];
    /* The default database is pia's own and starts empty on first use;
     * a --db that names nothing is a mistake to report. */
    if (pia_cli_db_path(cli, path, sizeof path) || pia_cli_db_exists(cli, path, !cli->db_path))
        return PIA_EXIT_FAIL;
    opt.db_path = path;
    return tui_run(&opt);
}

static int run_tui(pia_cli *cli, int argc, char **argv)
{
    return start(cli, argc, argv, 0);
}

static int run_open(pia_cli *cli, int argc, char **argv)
{
    long id = 0;
    for (int i = 1; i < argc; i++)
        if (argv[i][0] != '-' && pia_cli_parse_id(argv[i], &id) == 0)
            break;
    if (!id) {
        pia_cli_usage_error("使い方: pia open ID [--ambiguous-wide]");
        return PIA_EXIT_USAGE;
    }
    return start(cli, argc, argv, id);
}

const pia_command pia_cmd_tui = {
    "tui", "[--db FILE] [tui] [--ambiguous-wide]   画面を開く（コマンドなしと同じ）", run_tui, 1
};
const pia_command pia_cmd_open = {
    "open", "[--db FILE] open ID [--ambiguous-wide]   評価書を画面で開く", run_open, 1
};
