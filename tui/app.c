/*
 * app.c — the TUI's main loop: terminal setup, colours, signals, and the
 * way between the assessment list and an open assessment.
 */
#include "tui.h"
#include "app.h"
#include "form_view.h"
#include "input.h"
#include "list_view.h"
#include "termcheck.h"
#include "width.h"
#include "model/exists.h"

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

/* `pia open ID` of an assessment that is not there says so and fails,
 * instead of flashing an empty screen and exiting 0. */
static int check_open_id(tui_app *a, long id)
{
    pia_err err = { 0 };
    if (pia_store_exists(a->st, id, &err)) {
        fprintf(stderr, "pia: %s\n", err.msg);
        return -1;
    }
    return 0;
}

/* The screen: newterm rather than initscr, which exits on an unknown
 * terminal with its message sent to the silenced stderr. */
static SCREEN *take_screen(void)
{
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr)
        return NULL;
    set_term(scr);
    raw();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    tui_input_begin();
    return scr;
}

int tui_run(const tui_options *opt)
{
    tui_app a = { .db_path = opt->db_path };
    pia_err err = { 0 };
    if (tui_terminal_check())
        return 1;
    if (open_store(&a, opt, &err)) {
        fprintf(stderr, "pia: %s\n", err.msg);
        return 1;
    }
    if (opt->open_id && check_open_id(&a, opt->open_id)) {
        pia_store_close(a.st);
        return 1;
    }
    tui_width_set_ambiguous_wide(opt->ambiguous_wide);
    setup_signals();
    int saved_stderr = silence_stderr();
    SCREEN *scr = take_screen();
    if (!scr) {
        restore_stderr(saved_stderr);
        fprintf(stderr, "pia: 端末（TERM=%s）を初期化できません\n", getenv("TERM") ? getenv("TERM") : "");
        pia_store_close(a.st);
        return 1;
    }
    setup_colour(&a);
    if (a.readonly)
        tui_status(&a, "書き込めないため読み取り専用で開いています");
    long id = opt->open_id;
    int rc = 0;
    for (;;) {
        if (id) {
            if (tui_form_view(&a, id) && opt->open_id)
                rc = 1;
            if (opt->open_id || tui_quit_signal)
                break;
        }
        if (tui_list_view(&a, &id) || tui_quit_signal)
            break;
    }
    tui_input_end();
    endwin();
    delscreen(scr);
    restore_stderr(saved_stderr);
    if (rc)
        fprintf(stderr, "pia: %s\n", a.status);
    if (a.unsaved[0])
        fprintf(stderr, "pia: %s\n", a.unsaved);
    free(a.list_cache);
    pia_store_close(a.st);
    return rc;
}
