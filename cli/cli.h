/*
 * cli.h — the command line.  Each command lives in cli/cmd_NAME.c and is
 * listed once in the table in cli/main.c, with flags saying what it needs
 * (the database, read-only or not; a template; an assessment).  The
 * dispatcher (cli/dispatch.c) gives its parse the global options already
 * read and its own argv (argv[0] is the command name), does the setup,
 * runs it and tears down; the process exits with:
 *   0  success
 *   1  the command ran and found a problem (check found items, diff found
 *      differences is NOT an error: see each command), or an operation failed
 *   2  usage error (unknown command or option, missing argument)
 * Messages go to stderr as "pia: message".
 */
#ifndef PIA_CLI_H
#define PIA_CLI_H

#include "model/err.h"
#include "model/store.h"
#include "model/form.h"

#include <stdio.h>

#define PIA_EXIT_OK    0
#define PIA_EXIT_FAIL  1
#define PIA_EXIT_USAGE 2

typedef struct pia_cli {
    const char *db_path;   /* --db, or NULL for the default */
    const char *argv0;
    int create;            /* --create: a missing database may be created */
} pia_cli;

/* What a command needs before its run, declared in its table entry (as
 * git's builtins declare RUN_SETUP): the dispatcher (cli/dispatch.c)
 * provides it after the command's parse and takes it down after its run,
 * so no command repeats the open/load/free/close skeleton. */
enum {
    CMD_DB       = 1u << 0,  /* uses the database (--help shows [--db FILE]) */
    CMD_STORE    = 1u << 1,  /* opens it read-only (implies CMD_DB) */
    CMD_STORE_RW = 1u << 2,  /* opens it read-write, unless parse set readonly */
    CMD_CREATE   = 1u << 3,  /* a missing database is created (new, import) */
    CMD_FORM     = 1u << 4,  /* loads the template parse named, before the store */
    CMD_LOAD     = 1u << 5,  /* loads the assessment parse named (ref, when set) with its template */
    CMD_EINVAL_USAGE = 1u << 6, /* an EINVAL from the model exits 2, not 1 */
};

/* What parse and run return: 0, an exit code already told (1, 2), or: */
#define PIA_RUN_ERR   (-1)   /* the error is in run->err: printed, exit 1 */
#define PIA_RUN_USAGE (-2)   /* print the command's usage line, exit 2 */

typedef struct pia_run {
    pia_cli *cli;
    int argc;
    char **argv;           /* argv[0] is the command name */
    void *args;            /* the command's own arguments: args_size zeroed bytes */
    const char *ref;       /* CMD_LOAD: set by parse ("12", "12@3"); NULL loads nothing */
    const char *template_name; /* CMD_FORM: set by parse */
    int readonly;          /* set by parse: this time a CMD_STORE_RW command only reads */
    char db_path[4096];    /* CMD_STORE: the database's path */
    pia_store *st;         /* CMD_STORE: open during run */
    pia_form *form;        /* CMD_FORM, CMD_LOAD */
    pia_doc *doc;          /* CMD_LOAD */
    pia_err err;
} pia_run;

typedef struct pia_command {
    const char *name;
    const char *usage;     /* after "pia ": the usage line of errors and --help */
    const char *summary;   /* what it does, for --help */
    unsigned flags;
    size_t args_size;      /* of the command's arguments struct (run->args) */
    /* Options and arguments, before any setup: a usage error never waits
     * on the database.  NULL when the command reads argv in run. */
    int (*parse)(pia_run *r);
    int (*run)(pia_run *r);
    int draws_screen;      /* the TUI: its output must reach the terminal raw */
} pia_command;

/* Runs `cmd` with its setup and teardown; returns the exit code. */
int pia_cli_dispatch(const pia_command *cmd, pia_cli *cli, int argc, char **argv);
/* "pia: 使い方: pia USAGE"; returns PIA_EXIT_USAGE. */
int pia_cli_usage(const pia_command *cmd);
/* The --help line: "pia [--db FILE] USAGE   SUMMARY". */
void pia_cli_help_line(FILE *out, const pia_command *cmd);

/* Make control characters visible in whatever is printed on a terminal
 * (cli/terminal.c); output to files and pipes is left exact. */
void pia_cli_guard_terminal(void);
/* Guards stdout even when it is not a terminal: for output that carries
 * terminal colours (pia diff --color=always | less -R). */
void pia_cli_guard_stdout_always(void);
/* Writes pia's own colour sequence past that guard. */
void pia_cli_term_style(FILE *out, const char *sgr);

/* Helpers shared by commands.  A missing database is created only when
 * flags has PIA_STORE_CREATE (new, import) or --create was given;
 * otherwise the error names the path. */
int pia_cli_open_store(pia_cli *cli, int flags, pia_store **st);
/* The database path: --db or the default (created 0700 folder); prints
 * the error and returns -1 when there is none. */
int pia_cli_db_path(pia_cli *cli, char *buf, size_t n);
/* 0 when the database at `path` exists or may be created (`may_create`
 * or --create); else prints the error naming the path and returns -1. */
int pia_cli_db_exists(pia_cli *cli, const char *path, int may_create);
void pia_cli_error(const pia_err *err);
void pia_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse an assessment id ("12"); later also "12@LABEL" / "12@3". */
int pia_cli_parse_id(const char *s, long *id);
/* Load assessment `idstr` and its template; returns an exit code (0 ok,
 * having printed the error otherwise).  Says on stderr when the
 * assessment was written with another template than its own now. */
int pia_cli_load(pia_store *st, const char *idstr, pia_form **form, pia_doc **doc);

#endif
