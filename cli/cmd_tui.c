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

static int run_tui(pia_run *r)
{
    return start(r->cli, r->argc, r->argv, 0);
}

static int parse_open(pia_run *r)
{
    long *id = r->args;
    for (int i = 1; i < r->argc; i++)
        if (r->argv[i][0] != '-' && pia_cli_parse_id(r->argv[i], id) == 0)
            break;
    return *id ? 0 : PIA_RUN_USAGE;
}

static int run_open(pia_run *r)
{
    return start(r->cli, r->argc, r->argv, *(const long *)r->args);
}

/* The TUI opens the store itself (read-write, else read-only), so no setup. */
const pia_command pia_cmd_tui = {
    .name = "tui", .usage = "[tui] [--ambiguous-wide|--ambiguous-narrow]", .summary = "画面を開く（コマンドなしと同じ）",
    .flags = CMD_DB, .run = run_tui, .draws_screen = 1,
};
const pia_command pia_cmd_open = {
    .name = "open", .usage = "open ID [--ambiguous-wide|--ambiguous-narrow]", .summary = "評価書を画面で開く",
    .flags = CMD_DB, .args_size = sizeof(long), .parse = parse_open, .run = run_open, .draws_screen = 1,
};
