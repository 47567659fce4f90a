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

static int usage_version(void)
{
    pia_cli_usage_error("使い方: pia version ID --label TEXT [--submitted] | "
                        "pia version ID@N --submitted|--not-submitted");
    return PIA_EXIT_USAGE;
}

static int create(pia_store *st, long id, const char *label, int submitted, pia_err *err)
{
    pia_doc *doc;
    pia_form *form;
    if (pia_store_load(st, id, &doc, err))
        return -1;
    int rc = pia_form_load_named(doc->template_name, &form, err);
    pia_doc_free(doc);
    if (rc)
        return -1;
    int n;
    rc = pia_version_create(st, form, id, label, submitted, &n, err);
    pia_form_free(form);
    if (rc)
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

static int run_version(pia_cli *cli, int argc, char **argv)
{
    const char *label = NULL;
    int submitted = -1;
    static const struct option opts[] = {
        { "label", required_argument, NULL, 'l' },
        { "submitted", no_argument, NULL, 's' },
        { "not-submitted", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "l:", opts)) != -1;) {
        if (c == 'l') label = optarg;
        else if (c == 's') submitted = 1;
        else if (c == 'n') submitted = 0;
        else return PIA_EXIT_USAGE;
    }
    long id;
    const char *spec;
    if (argc - optind != 1 || pia_ref_parse(argv[optind], &id, &spec))
        return usage_version();
    /* ID@N takes only the flag; a plain ID needs a label. */
    if ((spec && (label || submitted < 0)) || (!spec && (!label || submitted == 0)))
        return usage_version();
    pia_store *st;
    if (pia_cli_open_store(cli, 0, &st))
        return PIA_EXIT_FAIL;
    pia_err err = { 0 };
    int rc = spec ? mark(st, id, spec, submitted, &err) : create(st, id, label, submitted == 1, &err);
    pia_store_close(st);
    if (rc) {
        pia_cli_error(&err);
        return err.code == PIA_EINVAL ? PIA_EXIT_USAGE : PIA_EXIT_FAIL;
    }
    return PIA_EXIT_OK;
}

static int run_versions(pia_cli *cli, int argc, char **argv)
{
    long id;
    if (argc != 2) {
        pia_cli_usage_error("使い方: pia versions ID");
        return PIA_EXIT_USAGE;
    }
    if (pia_cli_id_arg(argv[1], &id))
        return PIA_EXIT_USAGE;
    pia_store *st;
    if (pia_cli_open_store(cli, PIA_STORE_READONLY, &st))
        return PIA_EXIT_FAIL;
    pia_err err = { 0 };
    pia_doc *doc = NULL;
    pia_version *v = NULL;
    int n = 0;
    /* Loading the draft first makes a wrong ID an error, not an empty list. */
    int rc = pia_store_load(st, id, &doc, &err) || pia_version_list(st, id, &v, &n, &err);
    if (!rc) {
        for (int i = 0; i < n; i++)
            printf("%d\t%s\t%s\t%s\t%s\t%d\n", v[i].n, v[i].label, v[i].created, v[i].created_by,
                   v[i].submitted ? "提出" : "-", v[i].nanswers);
    }
    pia_versions_free(v, n);
    pia_doc_free(doc);
    pia_store_close(st);
    if (rc) {
        pia_cli_error(&err);
        return PIA_EXIT_FAIL;
    }
    return PIA_EXIT_OK;
}

const pia_command pia_cmd_version = {
    "version", "[--db FILE] version ID --label TEXT [--submitted] | version ID@N --submitted|--not-submitted   版を作成",
    run_version, 0
};

const pia_command pia_cmd_versions = {
    "versions", "[--db FILE] versions ID   版の一覧（番号, 名前, 日時, 作成者, 提出, 回答数）", run_versions, 0
};
