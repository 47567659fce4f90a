/*
 * dispatch.c — runs one command of the table in cli/main.c: its parse,
 * then the setup its flags declare (template, database, assessment), its
 * run, and the teardown, in one place with one exit-code convention
 * (cli/cli.h: PIA_RUN_ERR, PIA_RUN_USAGE, or an exit code already told).
 *
 * The order is the one users see: a usage error is told before the
 * database is looked at, a template named wrongly before a database is
 * created for it.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

int pia_cli_usage(const pia_command *cmd)
{
    pia_cli_usage_error("使い方: pia %s", cmd->usage);
    return PIA_EXIT_USAGE;
}

void pia_cli_help_line(FILE *out, const pia_command *cmd)
{
    int db = cmd->flags & (CMD_DB | CMD_STORE | CMD_STORE_RW | CMD_LOAD);
    fprintf(out, "  pia %s%s   %s\n", db ? "[--db FILE] " : "", cmd->usage, cmd->summary);
}

/* One convention for what parse and run return. */
static int exit_code(const pia_command *cmd, const pia_run *r, int rc)
{
    if (rc == PIA_RUN_USAGE)
        return pia_cli_usage(cmd);
    if (rc == PIA_RUN_ERR) {
        pia_cli_error(&r->err);
        return (cmd->flags & CMD_EINVAL_USAGE) && r->err.code == PIA_EINVAL ? PIA_EXIT_USAGE
                                                                            : PIA_EXIT_FAIL;
    }
    return rc;
}

static int writes(const pia_command *cmd, const pia_run *r)
{
    return (cmd->flags & CMD_STORE_RW) && !r->readonly;
}

static int open_store(const pia_command *cmd, pia_run *r)
{
    int flags = PIA_STORE_READONLY;
    if (writes(cmd, r))
        flags = cmd->flags & CMD_CREATE ? PIA_STORE_CREATE : 0;
    if (pia_cli_db_path(r->cli, r->db_path, sizeof r->db_path) ||
        pia_cli_open_store(r->cli, flags, &r->st))
        return PIA_EXIT_FAIL;
    return 0;
}

/* The setup the flags declare; 0, or an exit code already told. */
static int setup(const pia_command *cmd, pia_run *r)
{
    if ((cmd->flags & CMD_FORM) && pia_form_load_named(r->template_name, &r->form, &r->err)) {
        pia_cli_error(&r->err);
        return PIA_EXIT_FAIL;
    }
    if ((cmd->flags & (CMD_STORE | CMD_STORE_RW | CMD_LOAD)) && open_store(cmd, r))
        return PIA_EXIT_FAIL;
    if ((cmd->flags & CMD_LOAD) && r->ref) {
        int rc = pia_cli_load(r->st, r->ref, &r->form, &r->doc);
        if (rc)
            return rc;
    }
    /* What a writing command writes is recorded with the template it read
     * (model/store.h), so another edition opening it can say so. */
    if (r->st && r->form && writes(cmd, r))
        pia_store_writing_with(r->st, r->form);
    return 0;
}

static void teardown(pia_run *r)
{
    pia_doc_free(r->doc);
    pia_form_free(r->form);
    if (r->st)
        pia_store_close(r->st);
    free(r->args);
}

int pia_cli_dispatch(const pia_command *cmd, pia_cli *cli, int argc, char **argv)
{
    pia_run r = { .cli = cli, .argc = argc, .argv = argv };
    r.args = pia_xcalloc(1, cmd->args_size ? cmd->args_size : 1);
    int rc = cmd->parse ? exit_code(cmd, &r, cmd->parse(&r)) : 0;
    if (rc == 0)
        rc = setup(cmd, &r);
    if (rc == 0)
        rc = exit_code(cmd, &r, cmd->run(&r));
    teardown(&r);
    return rc;
}
