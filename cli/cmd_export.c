/*
 * cmd_export.c — `pia export ID --format text|yaml|xlsx|pdf [-o FILE]`.
 * Without -o, text and YAML go to standard output; files are written
 * atomically (temporary name, then rename).  For XLSX and PDF, characters
 * the sheet's font may lack are reported on standard error.
 */
#include "cli.h"
#include "args.h"
#include "export/export.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

typedef int (*stream_fn)(const pia_form *, const pia_doc *, FILE *, pia_err *);

static int to_stream(stream_fn fn, const pia_form *form, const pia_doc *doc,
                     const char *path, pia_err *err)
{
    if (!path)
        return fn(form, doc, stdout, err);
    pia_out o;
    if (pia_out_open(&o, path, 0600, err))
        return -1;
    if (fn(form, doc, o.fp, err)) {
        pia_out_abort(&o);
        return pia_fail_wrap(err, "%s: ", path);
    }
    return pia_out_commit(&o, err);
}

static void warn(const char *msg, void *ctx)
{
    (void)ctx;
    fprintf(stderr, "pia: 警告: %s\n", msg);
}

static int export_doc(const char *format, const pia_form *form, const pia_doc *doc,
                      const char *path, pia_err *err)
{
    if (strcmp(format, "text") == 0)
        return to_stream(pia_export_text, form, doc, path, err);
    if (strcmp(format, "yaml") == 0)
        return to_stream(pia_export_yaml, form, doc, path, err);
    pia_xlsx_opts o = { .warn = warn };
    if (strcmp(format, "pdf") == 0)
        return pia_export_pdf(form, doc, path, &o, err);
    return pia_export_xlsx_opts(form, doc, path, &o, err);
}

typedef struct export_args {
    const char *format, *path;
} export_args;

static int parse(pia_run *r)
{
    export_args *a = r->args;
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "o:", opts)) != -1;) {
        if (c == 'f') a->format = optarg;
        else if (c == 'o') a->path = optarg;
        else return PIA_RUN_USAGE;   /* getopt told which option; the usage line follows (args.h) */
    }
    const char *format = a->format;
    int file_only = format && (strcmp(format, "xlsx") == 0 || strcmp(format, "pdf") == 0);
    int known = format && (strcmp(format, "text") == 0 || strcmp(format, "yaml") == 0 || file_only);
    if (!known || r->argc - optind != 1 || (file_only && !a->path))
        return PIA_RUN_USAGE;
    r->ref = r->argv[optind];
    return 0;
}

static int run(pia_run *r)
{
    const export_args *a = r->args;
    return export_doc(a->format, r->form, r->doc, a->path, &r->err) ? PIA_RUN_ERR : 0;
}

const pia_command pia_cmd_export = {
    .name = "export", .usage = "export ID --format text|yaml|xlsx|pdf [-o FILE]（xlsx・pdf は -o が必要）",
    .summary = "書き出し", .flags = CMD_LOAD, .args_size = sizeof(export_args),
    .parse = parse, .run = run,
};
