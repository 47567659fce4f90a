/*
 * cmd_review.c — reviewers' comments and section states:
 *   pia review comment ID ITEM TEXT [--file N] [--inst N]   prints the comment's number
 *   pia review resolve ID CID    /  pia review reopen ID CID
 *   pia review state ID SECTION STATE [--note TEXT]
 *        SECTION: its id or printed number (Ⅲ); STATE: 未確認 確認中 要修正 確認済
 *        (or none reviewing changes approved)
 *   pia review report ID [--format text|xlsx] [-o FILE]      (list: the same, text)
 * TEXT '-' reads standard input.  Comments never enter the statutory sheet.
 */
#include "cli.h"
#include "args.h"
#include "export/diff.h"
#include "export/export.h"
#include "model/review.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct args {
    int file, inst;
    const char *note, *format, *path, *sub;
    long id;
    int nrest;
    char **rest;
} args;

/* Where a comment on `node` goes: per-file items need a file (the only
 * one when there is one), items of a repeated group an instance (1). */
static int address(const pia_node *node, const pia_doc *doc, args *a, pia_err *err)
{
    if (!node->per_file)
        a->file = 0;
    else if (a->file == 0 && doc->nfiles == 1)
        a->file = 1;
    else if (a->file < 1 || a->file > doc->nfiles)
        return pia_fail(err, PIA_EINVAL, "項目 %s は特定個人情報ファイルごとの項目です: --file 1〜%d を指定してください",
                        node->id, doc->nfiles);
    if (!node->repeat_group) {
        a->inst = 0;
        return 0;
    }
    int have = pia_doc_instances(doc, a->file, node->repeat_group->id);
    if (a->inst == 0)
        a->inst = 1;
    if (a->inst > (have ? have : 1))
        return pia_fail(err, PIA_EINVAL, "--inst には 1〜%d の整数を指定してください（%s はいま %d 件。指定: %d）",
                        have ? have : 1, node->repeat_group->label, have, a->inst);
    return 0;
}

static int add_comment(pia_store *st, long id, const char *item, const char *text, args *a,
                       pia_err *err)
{
    pia_doc *doc;
    pia_form *form = NULL;
    if (pia_store_load(st, id, &doc, err))
        return -1;
    int rc = pia_form_load_named(doc->template_name, &form, err);
    const pia_node *node = rc ? NULL : pia_form_find(form, item);
    if (!rc && !node)
        rc = pia_fail(err, PIA_EINVAL, "様式 %s に項目 %s はありません（pia template %s で一覧）",
                      form->name, item, form->name);
    if (!rc)
        rc = address(node, doc, a, err);
    char *body = NULL;
    if (!rc && strcmp(text, "-") == 0 && !(body = pia_cli_read_text()))
        rc = pia_fail(err, PIA_EINVAL, "標準入力のコメントを受け取れませんでした（上記のとおり）");
    long cid;
    if (!rc)
        rc = pia_comment_add(st, id, a->file, a->inst, item, body ? body : text, &cid, err);
    if (!rc)
        printf("%ld\n", cid);
    free(body);
    pia_form_free(form);
    pia_doc_free(doc);
    return rc;
}

/* A section by id, printed number (Ⅲ) or printed heading. */
static const pia_node *find_section(const pia_form *form, const char *s)
{
    for (int i = 0; i < form->nsections; i++) {
        const pia_node *n = form->sections[i];
        char *h = pia_node_heading(n);
        int hit = strcmp(n->id, s) == 0 || (n->number && strcmp(n->number, s) == 0) ||
                  strcmp(h, s) == 0 || strcmp(n->label, s) == 0;
        free(h);
        if (hit)
            return n;
    }
    return NULL;
}

static int set_state(pia_store *st, long id, const char *section, const char *state,
                     const args *a, pia_err *err)
{
    int s = pia_review_state_parse(state);
    if (s < 0)
        return pia_fail(err, PIA_EINVAL, "確認状態「%s」は使えません: 未確認 確認中 要修正 確認済", state);
    pia_doc *doc;
    pia_form *form = NULL;
    if (pia_store_load(st, id, &doc, err))
        return -1;
    int rc = pia_form_load_named(doc->template_name, &form, err);
    const pia_node *sec = rc ? NULL : find_section(form, section);
    if (!rc && !sec)
        rc = pia_fail(err, PIA_EINVAL, "セクション「%s」はありません（id か番号 Ⅰ〜 で指定）", section);
    if (!rc)
        rc = pia_review_set_state(st, id, sec->id, (pia_review_state)s, a->note, err);
    pia_form_free(form);
    pia_doc_free(doc);
    return rc;
}

static int report(pia_store *st, long id, const args *a, pia_err *err)
{
    pia_doc *doc;
    pia_form *form = NULL;
    pia_review *r = NULL;
    if (pia_store_load(st, id, &doc, err))
        return -1;
    int rc = pia_form_load_named(doc->template_name, &form, err);
    if (!rc)
        rc = pia_review_load(st, id, &r, err);
    if (!rc && strcmp(a->format, "xlsx") == 0) {
        rc = pia_export_review_xlsx(form, doc, r, a->path, err);
    } else if (!rc && a->path) {
        pia_out o;
        rc = pia_out_open(&o, a->path, 0600, err);
        if (!rc && pia_export_review_text(form, doc, r, o.fp, err)) {
            pia_out_abort(&o);
            rc = -1;
        } else if (!rc) {
            rc = pia_out_commit(&o, err);
        }
    } else if (!rc) {
        rc = pia_export_review_text(form, doc, r, stdout, err);
    }
    pia_review_free(r);
    pia_form_free(form);
    pia_doc_free(doc);
    return rc;
}

/* 0, or what a parse returns (cli/cli.h). */
static int parse_opts(int argc, char **argv, args *a)
{
    static const struct option opts[] = {
        { "file", required_argument, NULL, 'F' },
        { "inst", required_argument, NULL, 'i' },
        { "note", required_argument, NULL, 'n' },
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    long v;
    for (int c; (c = pia_cli_getopt(argc, argv, "o:", opts)) != -1;) {
        if (c == 'F' || c == 'i') {
            if (pia_cli_parse_num(c == 'F' ? "--file" : "--inst", optarg, 1, PIA_MAX_POS, &v))
                return PIA_EXIT_USAGE;
            *(c == 'F' ? &a->file : &a->inst) = (int)v;
            continue;
        }
        if (c == 'n') { a->note = optarg; continue; }
        if (c == 'f') { a->format = optarg; continue; }
        if (c == 'o') { a->path = optarg; continue; }
        return PIA_RUN_USAGE;
    }
    int fmt_ok = strcmp(a->format, "text") == 0 || (strcmp(a->format, "xlsx") == 0 && a->path);
    return fmt_ok ? 0 : PIA_RUN_USAGE;
}

/* 0, or what a run returns (cli/cli.h). */
static int dispatch(pia_store *st, const char *sub, long id, int n, char **rest, args *a,
                    pia_err *err)
{
    long cid;
    if (strcmp(sub, "comment") == 0 && n == 2)
        return add_comment(st, id, rest[0], rest[1], a, err);
    if ((strcmp(sub, "resolve") == 0 || strcmp(sub, "reopen") == 0) && n == 1) {
        if (pia_cli_parse_num("コメント番号", rest[0], 1, LONG_MAX, &cid))
            return PIA_EXIT_USAGE;
        return pia_comment_resolve(st, id, cid, strcmp(sub, "resolve") == 0, err);
    }
    if (strcmp(sub, "state") == 0 && n == 2)
        return set_state(st, id, rest[0], rest[1], a, err);
    if ((strcmp(sub, "report") == 0 || strcmp(sub, "list") == 0) && n == 0)
        return report(st, id, a, err);
    return PIA_RUN_USAGE;
}

static int parse(pia_run *r)
{
    args *a = r->args;
    a->format = "text";
    int rc = parse_opts(r->argc, r->argv, a);
    if (rc)
        return rc;
    if (r->argc - optind < 2)
        return PIA_RUN_USAGE;
    a->sub = r->argv[optind];
    if (pia_cli_id_arg(r->argv[optind + 1], &a->id))
        return PIA_EXIT_USAGE;
    a->nrest = r->argc - optind - 2;
    a->rest = r->argv + optind + 2;
    r->readonly = strcmp(a->sub, "report") == 0 || strcmp(a->sub, "list") == 0;
    return 0;
}

static int run(pia_run *r)
{
    args *a = r->args;
    return dispatch(r->st, a->sub, a->id, a->nrest, a->rest, a, &r->err);
}

const pia_command pia_cmd_review = {
    .name = "review",
    .usage = "review comment ID ITEM TEXT [--file N] [--inst N] | resolve ID CID | reopen ID CID | "
             "state ID SECTION STATE [--note TEXT] | report ID [--format text|xlsx] [-o FILE] | list ID",
    .summary = "確認コメントと確認状態", .flags = CMD_STORE_RW | CMD_EINVAL_USAGE,
    .args_size = sizeof(args), .parse = parse, .run = run,
};
