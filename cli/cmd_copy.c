/*
 * cmd_copy.c — `pia copy SRC[@V] DST [--file N] [--to-file M] [--items P]…
 * [--overwrite] [--dry-run]`: copy answers from a file of an assessment (or
 * of one of its versions) into a file of another, or of the same one.  An
 * answered item is kept unless --overwrite; what was kept is listed, so
 * nothing is lost without being shown.  Each copy is audited with its
 * source (model/copy.h).
 */
#include "cli.h"
#include "args.h"
#include "model/copy.h"
#include "model/format.h"
#include "model/version.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ITEMS 32

typedef struct copy_args {
    const char *src, *dst;
    long from_file, to_file;
    const char *items[MAX_ITEMS];
    int nitems, overwrite, dry_run;
} copy_args;

static int parse(pia_run *r)
{
    copy_args *a = r->args;
    int argc = r->argc;
    char **argv = r->argv;
    static const struct option opts[] = {
        { "file", required_argument, NULL, 'f' },
        { "to-file", required_argument, NULL, 't' },
        { "items", required_argument, NULL, 'i' },
        { "overwrite", no_argument, NULL, 'o' },
        { "dry-run", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "", opts)) != -1;) {
        if (c == 'f' && pia_cli_parse_num("--file", optarg, 1, PIA_MAX_POS, &a->from_file) == 0)
            continue;
        if (c == 't' && pia_cli_parse_num("--to-file", optarg, 1, PIA_MAX_POS, &a->to_file) == 0)
            continue;
        if (c == 'i' && a->nitems < MAX_ITEMS) {
            a->items[a->nitems++] = optarg;
            continue;
        }
        if (c == 'o' || c == 'n') {
            *(c == 'o' ? &a->overwrite : &a->dry_run) = 1;
            continue;
        }
        return PIA_RUN_USAGE;
    }
    if (argc - optind != 2)
        return PIA_RUN_USAGE;
    a->src = argv[optind];
    a->dst = argv[optind + 1];
    return 0;
}

/* "評価書3@2 ファイル(1)税情報ファイル": short, as `pia log` shows 30
 * characters of it. */
static char *describe(const pia_doc *doc, const pia_version *v, int file)
{
    char at[24] = "";
    if (v->n)
        snprintf(at, sizeof at, "@%d", v->n);
    return pia_xasprintf("評価書%ld%s ファイル(%d)%s", doc->id, at, file,
                         file <= doc->nfiles ? doc->files[file - 1].name : "");
}

static void report(const pia_copy_plan *p, int dry_run)
{
    for (int i = 0; i < p->n; i++) {
        const pia_copy_item *it = &p->item[i];
        if (it->what != PIA_COPY_SKIP && it->what != PIA_COPY_REPLACE)
            continue;
        char *now = pia_text_abbrev(it->old->value, 30);
        printf("%s\t%s\t現在: %s\n", it->what == PIA_COPY_SKIP ? "上書きしない" : "上書き",
               it->where, now);
        free(now);
    }
    printf("%s: %d 項目（同じ回答 %d 項目、回答済みで上書きしない %d 項目）\n",
           dry_run ? "コピーする予定" : "コピーしました", p->ncopy, p->nsame, p->nskip);
    if (p->nskip)
        fprintf(stderr, "pia: 回答済みの %d 項目はそのままです（上書きするには --overwrite）\n", p->nskip);
}

static int copy(pia_store *st, const copy_args *a, pia_err *err)
{
    pia_doc *src = NULL, *dst = NULL;
    pia_version v = { 0 }, dv = { 0 };
    pia_form *form = NULL;
    pia_copy_plan *plan = NULL;
    int rc = -1;
    if (pia_ref_load(st, a->src, &src, &v, err) || pia_ref_load(st, a->dst, &dst, &dv, err))
        goto out;
    if (dv.n) {
        pia_fail(err, PIA_EINVAL, "版 %s は変更できません（コピー先は作業中の評価書 ID です）", a->dst);
        goto out;
    }
    int from = a->from_file ? (int)a->from_file : 1, to = a->to_file ? (int)a->to_file : 1;
    if (src->id == dst->id && !v.n && from == to) {
        pia_fail(err, PIA_EINVAL, "コピー元とコピー先が同じです（--file と --to-file で別のファイルを指定）");
        goto out;
    }
    if (pia_form_load_named(dst->template_name, &form, err))
        goto out;
    pia_copy_opts o = {.from_file = from, .to_file = to, .items = a->items, .nitems = a->nitems,
                       .overwrite = a->overwrite};
    if (pia_copy_plan_make(form, src, dst, &o, &plan, err))
        goto out;
    char *source = describe(src, &v, from);
    pia_store_writing_with(st, form);
    rc = a->dry_run ? 0 : pia_copy_apply(st, dst->id, plan, source, err);
    pia_store_writing_with(st, NULL);
    free(source);
    if (rc == 0)
        report(plan, a->dry_run);
out:
    pia_copy_plan_free(plan);
    pia_form_free(form);
    pia_doc_free(src);
    pia_doc_free(dst);
    pia_version_clear(&v);
    pia_version_clear(&dv);
    return rc;
}

static int run(pia_run *r)
{
    return copy(r->st, r->args, &r->err) ? PIA_RUN_ERR : 0;
}

const pia_command pia_cmd_copy = {
    .name = "copy", .usage = "copy SRC[@版] DST [--file N] [--to-file M] [--items 前置き]… [--overwrite] [--dry-run]",
    .summary = "回答をコピー（回答済みは上書きしない）", .flags = CMD_STORE_RW | CMD_EINVAL_USAGE,
    .args_size = sizeof(copy_args), .parse = parse, .run = run,
};
