/*
 * cmd_version.c — versions of an assessment:
 *   pia version ID --label TEXT [--submitted]   freeze the draft; prints N
 *   pia version ID@N|ID@LABEL --submitted | --not-submitted
 *                                              mark which version went to the PPC
 *   pia versions ID                            list: N, label, when, who, 提出, answers
 * A version is then usable wherever an assessment is named: ID@N, ID@LABEL.
 */
#include "cli.h"
#include "args.h"
#include "model/version.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static int create(pia_run *r, const char *label, int submitted)
{
    int n;
    if (pia_version_create(r->st, r->form, r->doc->id, label, submitted, &n, &r->err))
        return -1;
    printf("%d\n", n);
    return 0;
}

static int mark(pia_store *st, long id, const char *spec, int submitted, pia_err *err)
{
    pia_version v;
    if (pia_version_find(st, id, spec, &v, err))
        return -1;
    int rc = pia_version_set_submitted(st, id, v.n, submitted, err);
    pia_version_clear(&v);
    return rc;
}

typedef struct version_args {
    const char *label, *spec;
    int submitted;
    long id;
} version_args;

static int parse_version(pia_run *r)
{
    static const struct option opts[] = {
        { "label", required_argument, NULL, 'l' },
        { "submitted", no_argument, NULL, 's' },
        { "not-submitted", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    version_args *a = r->args;
    a->submitted = -1;
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "l:", opts)) != -1;) {
        if (c == 'l') a->label = optarg;
        else if (c == 's') a->submitted = 1;
        else if (c == 'n') a->submitted = 0;
        else return PIA_RUN_USAGE;   /* getopt told which option; the usage line follows (args.h) */
    }
    if (r->argc - optind != 1 || pia_ref_parse(r->argv[optind], &a->id, &a->spec))
        return PIA_RUN_USAGE;
    /* ID@N takes only the flag; a plain ID needs a label. */
    if ((a->spec && (a->label || a->submitted < 0)) || (!a->spec && (!a->label || a->submitted == 0)))
        return PIA_RUN_USAGE;
    if (!a->spec)
        r->ref = r->argv[optind];      /* a new version is made from the draft and its template */
    return 0;
}

static int run_version(pia_run *r)
{
    const version_args *a = r->args;
    int rc = a->spec ? mark(r->st, a->id, a->spec, a->submitted, &r->err)
                     : create(r, a->label, a->submitted == 1);
    return rc ? PIA_RUN_ERR : 0;
}

static int parse_versions(pia_run *r)
{
    if (r->argc != 2)
        return PIA_RUN_USAGE;
    return pia_cli_id_arg(r->argv[1], r->args);
}

static int run_versions(pia_run *r)
{
    long id = *(const long *)r->args;
    pia_doc *doc = NULL;
    pia_version *v = NULL;
    int n = 0;
    /* Loading the draft first makes a wrong ID an error, not an empty list. */
    if (pia_store_load(r->st, id, &doc, &r->err) || pia_version_list(r->st, id, &v, &n, &r->err)) {
        pia_doc_free(doc);
        return PIA_RUN_ERR;
    }
    for (int i = 0; i < n; i++)
        printf("%d\t%s\t%s\t%s\t%s\t%d\n", v[i].n, v[i].label, v[i].created, v[i].created_by,
               v[i].submitted ? "提出" : "-", v[i].nanswers);
    pia_versions_free(v, n);
    pia_doc_free(doc);
    return 0;
}

const pia_command pia_cmd_version = {
    .name = "version",
    .usage = "version ID --label TEXT [--submitted] | pia version ID@N --submitted|--not-submitted",
    .summary = "版を作成", .flags = CMD_STORE_RW | CMD_LOAD | CMD_EINVAL_USAGE,
    .args_size = sizeof(version_args), .parse = parse_version, .run = run_version,
};

const pia_command pia_cmd_versions = {
    .name = "versions", .usage = "versions ID",
    .summary = "版の一覧（番号, 名前, 日時, 作成者, 提出, 回答数）", .flags = CMD_STORE,
    .args_size = sizeof(long), .parse = parse_versions, .run = run_versions,
};
