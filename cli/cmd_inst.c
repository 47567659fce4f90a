/*
 * cmd_inst.c — instances of a repeated group (システム, 委託事項, 提供先,
 * 移転先, 別添3 rows) from the command line:
 *   pia inst list ID GROUP [--file N]            number, answers, first answer
 *   pia inst add ID GROUP [--file N]             prints the new number
 *   pia inst remove ID GROUP N [--file N] [--yes]
 * GROUP is the repeated group's id in the template (basic.systems.system).
 * Removing renumbers the instances after it, as in the TUI, and asks first
 * (on a terminal) or needs --yes (in a script).
 */
#include "cli.h"
#include "args.h"
#include "model/format.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct inst_args {
    long file;
    int yes;
    const char *sub;
    int nrest;
    char **rest;         /* GROUP [N] */
} inst_args;

typedef struct summary {
    int file, inst, answers;
    const pia_node *group;
    const pia_form *form;
    const pia_value *first;   /* the answer of the earliest item in template order */
    int first_index;
} summary;

static int count_answer(int file, int inst, const char *item, const pia_value *v, void *ctx)
{
    summary *s = ctx;
    const pia_node *n = pia_form_find(s->form, item);
    if (file != s->file || inst != s->inst || !n || n->repeat_group != s->group)
        return 0;
    s->answers++;
    if (!s->first || n->index < s->first_index) {
        s->first = v;
        s->first_index = n->index;
    }
    return 0;
}

static summary summarise(const pia_form *form, const pia_doc *doc, const pia_node *g, int file, int inst)
{
    summary s = { file, inst, 0, g, form, NULL, 0 };
    pia_doc_each(doc, count_answer, &s);
    return s;
}

/* The group and the file it is answered in, checked against the assessment. */
static int resolve(const pia_form *form, const pia_doc *doc, const char *gid, const inst_args *a,
                   const pia_node **g, pia_err *err)
{
    *g = pia_form_find(form, gid);
    if (!*g || !(*g)->repeat)
        return pia_fail(err, PIA_EINVAL, "様式 %s に繰り返し項目 %s はありません"
                        "（システム・委託事項・提供先などのグループの id を指定してください）", form->name, gid);
    if ((*g)->per_file && (a->file < 1 || a->file > doc->nfiles))
        return pia_fail(err, PIA_EINVAL, "%s は特定個人情報ファイルごとの項目です: --file 1〜%d を指定してください",
                        gid, doc->nfiles);
    if (!(*g)->per_file && a->file)
        return pia_fail(err, PIA_EINVAL, "%s は評価書に一つの項目です: --file は使えません", gid);
    return 0;
}

static void print_list(const pia_form *form, const pia_doc *doc, const pia_node *g, int file)
{
    int n = pia_doc_instances(doc, file, g->id);
    for (int i = 1; i <= n; i++) {
        summary s = summarise(form, doc, g, file, i);
        char *first = pia_text_abbrev(s.first ? s.first->value : "", 30);
        char *shown = pia_text_visible(first);
        printf("%d\t%d\t%s\n", i, s.answers, shown);
        free(shown);
        free(first);
    }
}

static int remove_inst(pia_store *st, const pia_form *form, const pia_doc *doc, const pia_node *g,
                       int file, const char *pos_arg, int yes, pia_err *err)
{
    int n = pia_doc_instances(doc, file, g->id);
    if (n == 0)
        return pia_fail(err, PIA_ENOTFOUND, "評価書 %ld の %s はまだありません", doc->id, g->id);
    char name[64];
    snprintf(name, sizeof name, "%s の番号", g->label);
    long pos;
    if (pia_cli_parse_num(name, pos_arg, 1, n, &pos))
        return PIA_EXIT_USAGE;    /* reported */
    summary s = summarise(form, doc, g, file, (int)pos);
    char *first = pia_text_abbrev(s.first ? s.first->value : "", 20);
    char *what = pia_xasprintf("評価書 %ld の %s%ld（回答 %d 件%s%s）", doc->id, g->label, pos, s.answers,
                               *first ? "、" : "", first);
    free(first);
    int rc = pia_cli_confirm(yes, what);
    free(what);
    if (rc)
        return rc;                /* told already */
    return pia_store_inst_remove(st, doc->id, file, g->id, (int)pos, err);
}

static int run(pia_run *r)
{
    const inst_args *a = r->args;
    const pia_node *g = NULL;
    int file = (int)a->file, pos;
    if (resolve(r->form, r->doc, a->rest[0], a, &g, &r->err))
        return PIA_RUN_ERR;
    if (strcmp(a->sub, "list") == 0 && a->nrest == 1) {
        print_list(r->form, r->doc, g, file);
        return 0;
    }
    if (strcmp(a->sub, "add") == 0 && a->nrest == 1) {
        if (pia_store_inst_add(r->st, r->doc->id, file, g->id, &pos, &r->err))
            return PIA_RUN_ERR;
        printf("%d\n", pos);
        return 0;
    }
    if (strcmp(a->sub, "remove") == 0 && a->nrest == 2)
        return remove_inst(r->st, r->form, r->doc, g, file, a->rest[1], a->yes, &r->err);
    return PIA_RUN_USAGE;
}

static int parse(pia_run *r)
{
    static const struct option opts[] = {
        { "file", required_argument, NULL, 'f' },
        { "yes", no_argument, NULL, 'y' },
        { NULL, 0, NULL, 0 },
    };
    inst_args *a = r->args;
    optind = 0;
    for (int c; (c = pia_cli_getopt(r->argc, r->argv, "", opts)) != -1;) {
        if (c == 'f' && pia_cli_parse_num("--file", optarg, 1, 100000, &a->file))
            return PIA_EXIT_USAGE;
        else if (c == 'y')
            a->yes = 1;
        else if (c != 'f')
            return PIA_RUN_USAGE;
    }
    long id;
    if (r->argc - optind < 3)
        return PIA_RUN_USAGE;
    if (pia_cli_id_arg(r->argv[optind + 1], &id))
        return PIA_EXIT_USAGE;
    a->sub = r->argv[optind];
    r->ref = r->argv[optind + 1];
    a->nrest = r->argc - optind - 2;
    a->rest = r->argv + optind + 2;
    r->readonly = strcmp(a->sub, "list") == 0;
    return 0;
}

const pia_command pia_cmd_inst = {
    .name = "inst",
    .usage = "inst list ID GROUP [--file N] | inst add ID GROUP [--file N] | inst remove ID GROUP N [--file N] [--yes]",
    .summary = "繰り返し項目（システム・提供先など）", .flags = CMD_STORE_RW | CMD_LOAD | CMD_EINVAL_USAGE,
    .args_size = sizeof(inst_args), .parse = parse, .run = run,
};
