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
    long id, cid;
    int state;               /* review state: parsed STATE */
    char **rest;             /* the arguments after ID */
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

static int add_comment(pia_run *r, const char *item, const char *text)
{
    args *a = r->args;
    pia_err *err = &r->err;
    const pia_node *node = pia_form_find(r->form, item);
    if (!node)
        return pia_fail(err, PIA_EINVAL, "様式 %s に項目 %s はありません（pia template %s で一覧）",
                        r->form->name, item, r->form->name);
    if (address(node, r->doc, a, err))
        return -1;
    char *body = NULL;
    if (strcmp(text, "-") == 0 && !(body = pia_cli_read_text()))
        return pia_fail(err, PIA_EINVAL, "標準入力のコメントを受け取れませんでした（上記のとおり）");
    long cid;
    int rc = pia_comment_add(r->st, a->id, a->file, a->inst, item, body ? body : text, &cid, err);
    if (!rc)
        printf("%ld\n", cid);
    free(body);
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

static int set_state(pia_run *r, const char *section)
{
    const args *a = r->args;
    const pia_node *sec = find_section(r->form, section);
    if (!sec)
        return pia_fail(&r->err, PIA_EINVAL, "セクション「%s」はありません（id か番号 Ⅰ〜 で指定）", section);
    return pia_review_set_state(r->st, a->id, sec->id, (pia_review_state)a->state, a->note, &r->err);
}

static int report(pia_run *run)
{
    const args *a = run->args;
    const pia_form *form = run->form;
    const pia_doc *doc = run->doc;
    pia_err *err = &run->err;
    pia_review *r = NULL;
    int rc = pia_review_load(run->st, a->id, &r, err);
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

static int is(const char *sub, const char *name)
{
    return strcmp(sub, name) == 0;
}

/* The subcommand's own arguments, checked before anything is opened; the
 * assessment is loaded (ref) for those that read it. */
static int parse_sub(pia_run *r, args *a, int n)
{
    const char *sub = a->sub;
    if (is(sub, "comment") && n == 2) {
        r->ref = r->argv[optind + 1];
    } else if ((is(sub, "resolve") || is(sub, "reopen")) && n == 1) {
        if (pia_cli_parse_num("コメント番号", a->rest[0], 1, LONG_MAX, &a->cid))
            return PIA_EXIT_USAGE;
    } else if (is(sub, "state") && n == 2) {
        if ((a->state = pia_review_state_parse(a->rest[1])) < 0)
            return pia_fail(&r->err, PIA_EINVAL, "確認状態「%s」は使えません: 未確認 確認中 要修正 確認済", a->rest[1]);
        r->ref = r->argv[optind + 1];
    } else if ((is(sub, "report") || is(sub, "list")) && n == 0) {
        r->ref = r->argv[optind + 1];
        r->readonly = 1;
    } else {
        return PIA_RUN_USAGE;
    }
    return 0;
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
    a->rest = r->argv + optind + 2;
    return parse_sub(r, a, r->argc - optind - 2);
}

static int run(pia_run *r)
{
    args *a = r->args;
    int rc;
    if (is(a->sub, "comment"))
        rc = add_comment(r, a->rest[0], a->rest[1]);
    else if (is(a->sub, "state"))
        rc = set_state(r, a->rest[0]);
    else if (is(a->sub, "report") || is(a->sub, "list"))
        rc = report(r);
    else
        rc = pia_comment_resolve(r->st, a->id, a->cid, is(a->sub, "resolve"), &r->err);
    return rc ? PIA_RUN_ERR : 0;
}

const pia_command pia_cmd_review = {
    .name = "review",
    .usage = "review comment ID ITEM TEXT [--file N] [--inst N] | resolve ID CID | reopen ID CID | "
             "state ID SECTION STATE [--note TEXT] | report ID [--format text|xlsx] [-o FILE] | list ID",
    .summary = "確認コメントと確認状態", .flags = CMD_STORE_RW | CMD_LOAD | CMD_EINVAL_USAGE,
    .args_size = sizeof(args), .parse = parse, .run = run,
};
