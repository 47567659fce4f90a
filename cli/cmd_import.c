/*
 * cmd_import.c — `pia import FILE`: a new assessment from a file; prints
 * its id.  FILE is a YAML answers file (read strictly, all or nothing:
 * FILE:LINE:COLUMN on any error), or a published assessment as PDF, as
 * text taken out of a PDF, or as an Excel workbook (import/import.h).
 * For those, a report of what was filled from where, what was not found
 * and what text could not be placed goes to standard error (or, with
 * --report FILE, to that file, with a summary on standard error); the id
 * alone goes to standard output, so scripts read it as before.
 * --dry-run reads and reports without storing anything.
 */
#include "cli.h"
#include "args.h"
#include "export/export.h"
#include "import/import.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct import_args {
    const char *path, *report, *title, *org, *format;
    int quiet, dry_run;
} import_args;

static int parse_opts(int argc, char **argv, import_args *a)
{
    static const struct option opts[] = {
        { "report", required_argument, NULL, 'r' },
        { "title", required_argument, NULL, 't' },
        { "org", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "quiet", no_argument, NULL, 'q' },
        { "dry-run", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "q", opts)) != -1;) {
        switch (c) {
        case 'r': a->report = optarg; break;
        case 't': a->title = optarg; break;
        case 'o': a->org = optarg; break;
        case 'f': a->format = optarg; break;
        case 'q': a->quiet = 1; break;
        case 'n': a->dry_run = 1; break;
        default: return -1;
        }
    }
    if (argc - optind != 1)
        return -1;
    a->path = argv[optind];
    return 0;
}

static int format_of(const char *s, imp_format *f)
{
    static const char *const names[] = { "auto", "yaml", "text", "pdf", "xlsx" };
    for (int i = 0; i < 5; i++)
        if (s && strcmp(s, names[i]) == 0) {
            *f = (imp_format)i;
            return 0;
        }
    return s ? -1 : 0;
}

static int write_report(const char *path, const char *text, pia_err *err)
{
    pia_out o;
    if (pia_out_open(&o, path, 0600, err))
        return -1;
    if (fputs(text, o.fp) == EOF) {
        pia_out_abort(&o);
        return pia_fail(err, PIA_EIO, "%s: 書けません", path);
    }
    return pia_out_commit(&o, err);
}

/* The report: whole on stderr, or into --report with a summary on stderr. */
static int tell(const import_args *a, const imp_result *r, long id)
{
    if (r->format == IMP_YAML)
        return 0;
    char *full = imp_report(r, id);
    pia_err err = { 0 };
    int rc = 0;
    if (a->report && write_report(a->report, full, &err)) {
        pia_cli_error(&err);
        rc = -1;
    }
    if (!a->quiet) {
        char *summary = a->report ? imp_report_summary(r, id) : NULL;
        fputs(summary ? summary : full, stderr);
        if (a->report && !rc)
            fprintf(stderr, "報告の全文: %s\n", a->report);
        free(summary);
    }
    free(full);
    return rc;
}

/* The store only once the file has been read: a file that cannot be
 * imported must not leave a new, empty database behind. */
static int store(pia_cli *cli, const imp_result *r, long *id)
{
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_CREATE, &st))
        return -1;
    pia_err err = { 0 };
    char *report = r->format == IMP_YAML ? NULL : imp_report(r, 0);
    int rc = pia_import_store(st, r, report, id, &err);
    if (rc)
        pia_cli_error(&err);
    free(report);
    pia_store_close(st);
    return rc;
}

typedef struct import_run {
    import_args a;
    imp_options opt;
} import_run;

static int parse(pia_run *r)
{
    import_run *ir = r->args;
    if (parse_opts(r->argc, r->argv, &ir->a) || format_of(ir->a.format, &ir->opt.format))
        return PIA_RUN_USAGE;
    ir->opt.title = ir->a.title;
    ir->opt.org = ir->a.org;
    return 0;
}

static int run(pia_run *run)
{
    const import_run *ir = run->args;
    const import_args *a = &ir->a;
    imp_result *r;
    if (pia_import_file(a->path, &ir->opt, &r, &run->err))
        return PIA_RUN_ERR;
    long id = 0;
    int rc = PIA_EXIT_OK;
    if (!a->dry_run && store(run->cli, r, &id))
        rc = PIA_EXIT_FAIL;
    if (rc == PIA_EXIT_OK) {
        if (tell(a, r, id))
            rc = PIA_EXIT_FAIL;
        if (!a->dry_run)
            printf("%ld\n", id);
    }
    imp_result_free(r);
    return rc;
}

const pia_command pia_cmd_import = {
    .name = "import",
    .usage = "import FILE [--report FILE] [--title TEXT] [--org TEXT] [--format auto|yaml|text|pdf|xlsx] [--dry-run] [-q]",
    .summary = "評価書（YAML・PDF・テキスト・Excel）を取り込み ID を表示", .flags = CMD_DB,
    .args_size = sizeof(import_run), .parse = parse, .run = run,
};
