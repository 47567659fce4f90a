/*
 * app.c — the TUI's main loop: terminal setup, colours, signals, and the
 * way between the assessment list and an open assessment.
 */
#include "tui.h"
#include "app.h"
#include "width.h"

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void on_signal(int sig)
{
    (void)sig;
    tui_quit_signal = 1;      /* the loops notice within 250 ms, save and leave */
}

static void setup_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGINT, SIG_IGN);  /* Ctrl-C is a key here, not a way to lose typing */
}

/* Colours only where they help; NO_COLOR turns them off.  Pairs use the
 * terminal's default background so dark and light themes both read. */
static void setup_colour(tui_app *a)
{
    const char *no = getenv("NO_COLOR");
    a->colour = has_colors() && !(no && *no);
    if (!a->colour)
        return;
    start_color();
    use_default_colors();
    init_pair(PAIR_TITLE, COLOR_BLUE, -1);
    init_pair(PAIR_HEAD, COLOR_BLUE, -1);
    init_pair(PAIR_NA, -1, -1);
    init_pair(PAIR_OPEN, COLOR_RED, -1);
    init_pair(PAIR_STATUS, COLOR_CYAN, -1);
    init_pair(PAIR_SEL, -1, -1);
    init_pair(PAIR_WARN, COLOR_RED, -1);
}

/* Libraries print their own diagnostics to stderr (libxlsxwriter on a
 * full disk, for one), which would land on top of the screen.  While the
 * screen is ours, stderr goes nowhere; pia reports every failure itself.
 * Returns the saved descriptor, or -1 when stderr was left alone. */
static int silence_stderr(void)
{
    int saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved < 0 || null < 0 || dup2(null, STDERR_FILENO) < 0) {
        if (saved >= 0) close(saved);
        if (null >= 0) close(null);
        return -1;
    }
    close(null);
    return saved;
}

static void restore_stderr(int saved)
{
    if (saved < 0)
        return;
    dup2(saved, STDERR_FILENO);
    close(saved);
}

static int open_store(tui_app *a, const tui_options *opt, pia_err *err)
{
    if (pia_store_open(opt->db_path, 0, &a->st, err) == 0)
        return 0;
    if (err->code != PIA_ERDONLY && err->code != PIA_EIO)
        return -1;
    /* A read-only file or folder: open it for reading and say so. */
    pia_err again = { 0 };
    if (pia_store_open(opt->db_path, PIA_STORE_READONLY, &a->st, &again))
        return -1;
    a->readonly = 1;
    return 0;
}

int tui_run(const tui_options *opt)
{
    tui_app a = { .db_path = opt->db_path };
    pia_err err = { 0 };
    if (open_store(&a, opt, &err)) {
        fprintf(stderr, "pia: %s\n", err.msg);
        return 1;
    }
    tui_width_set_ambiguous_wide(opt->ambiguous_wide);
    setup_signals();
    int saved_stderr = silence_stderr();
    initscr();
    raw();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    setup_colour(&a);
    if (a.readonly)
        tui_status(&a, "書き込めないため読み取り専用で開いています");
    long id = opt->open_id;
    for (;;) {
        if (id) {
            tui_form_view(&a, id);
            if (opt->open_id || tui_quit_signal)
                break;
        }
        if (tui_list_view(&a, &id) || tui_quit_signal)
            break;
    }
    endwin();
    restore_stderr(saved_stderr);
    pia_store_close(a.st);
    return 0;
}
