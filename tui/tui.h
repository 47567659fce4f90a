/*
 * tui.h — the terminal UI's entry point.  tui/ draws and reads keys and
 * calls model/ and export/; nothing below it knows about curses.
 */
#ifndef PIA_TUI_H
#define PIA_TUI_H

typedef struct tui_options {
    const char *db_path;
    long open_id;          /* 0: start at the assessment list */
    int ambiguous_wide;    /* draw East Asian Ambiguous characters two columns wide */
} tui_options;

/* Runs until the user quits or SIGHUP/SIGTERM; returns an exit code. */
int tui_run(const tui_options *opt);

#endif
