/*
 * cmd_set.c — `pia set ID ITEM [--file N] [--inst N] [--detail TEXT] VALUE`:
 * answer one item.  VALUE '-' reads the answer from standard input (one
 * trailing newline dropped).  A choice takes the option's text or its
 * number; a check box takes true/false (also 1/0, yes/no, ○).  An empty
 * VALUE clears the answer.
 */
#include "cli.h"
#include "args.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_word(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return 1;
    return 0;
}

/* The stored form of a typed value, or NULL (with err) when it does not fit. */
static const char *normalise(const pia_node *n, const char *v, char *buf, size_t len, pia_err *err)
{
    static const char *const yes[] = { "true", "1", "yes", "on", "○", NULL };
    static const char *const no[] = { "false", "0", "no", "off", "", NULL };
    if (n->kind == PIA_CHECK) {
        if (is_word(v, yes)) return "1";
        if (is_word(v, no)) return "0";
        pia_fail(err, PIA_EINVAL, "項目 %s はチェック欄です: true か false を指定してください（\"%s\"）", n->id, v);
        return NULL;
    }
    if (n->kind != PIA_CHOICE || !*v || pia_node_choice_index(n, v) >= 0)
        return v;
    long k = 0;
    if (pia_cli_parse_id(v, &k) == 0 && k <= n->nchoices) {
        snprintf(buf, len, "%s", n->choices[k - 1]);
        return buf;
    }
    size_t off = (size_t)snprintf(buf, len, "項目 %s に選択肢 \"%s\" はありません。選択肢:", n->id, v);
    for (int i = 0; i < n->nchoices && off < len; i++)
        off += (size_t)snprintf(buf + off, len - off, " %d) %s", i + 1, n->choices[i]);
    pia_fail(err, PIA_EINVAL, "%s", buf);
    return NULL;
}

typedef struct set_args {
    const char *item, *value, *detail;
    long id, file, inst;
} set_args;

/* 0, or the exit code after a message. */
static int parse(pia_run *r)
{
    static const struct option opts[] = {
        { "file", required_argument, NULL, 'f' },
        { "inst", required_argument, NULL, 'i' },
        { "detail", required_argument, NULL, 'd' },
        { NULL, 0, NULL, 0 },
    };
    set_args *a = r->args;
    int argc = r->argc;
    char **argv = r->argv;
    optind = 0;
    for (int c; (c = pia_cli_getopt(argc, argv, "", opts)) != -1;) {
        if (c == 'f' && pia_cli_parse_num("--file", optarg, 1, PIA_MAX_POS, &a->file))
            return PIA_EXIT_USAGE;
        if (c == 'i' && pia_cli_parse_num("--inst", optarg, 1, PIA_MAX_POS, &a->inst))
            return PIA_EXIT_USAGE;
        if (c == 'd')
            a->detail = optarg;
        else if (c != 'f' && c != 'i')
            return PIA_RUN_USAGE;
    }
    if (argc - optind != 3)
        return PIA_RUN_USAGE;
    if (pia_cli_id_arg(argv[optind], &a->id))
        return PIA_EXIT_USAGE;
    r->ref = argv[optind];
    a->item = argv[optind + 1];
    a->value = argv[optind + 2];
    return 0;
}
/* --file names an existing file; --inst an existing instance or the next
 * one, never further (an --inst 99999 would make 99,998 empty rows). */
static int check_place(const pia_node *n, const pia_doc *doc, set_args *a, pia_err *err)
{
    if (!pia_node_is_field(n) || n->autofill)
        return pia_fail(err, PIA_EINVAL, "%s は回答を持つ項目ではありません", n->id);
    if (n->per_file && (a->file < 1 || a->file > doc->nfiles))
        return pia_fail(err, PIA_EINVAL, doc->nfiles ? "項目 %s は特定個人情報ファイルごとの項目です: --file 1〜%d を指定してください"
                                                     : "項目 %s は特定個人情報ファイルごとの項目ですが、ファイルがまだありません（%d 件）。"
                                                       "pia file add で追加してください",
                        n->id, doc->nfiles);
    if (!n->per_file && a->file)
        return pia_fail(err, PIA_EINVAL, "項目 %s は評価書に一つの項目です: --file は使えません", n->id);
    if (!n->repeat_group && a->inst)
        return pia_fail(err, PIA_EINVAL, "項目 %s は繰り返し項目ではありません: --inst は使えません", n->id);
    if (!n->repeat_group)
        return 0;
    int have = pia_doc_instances(doc, n->per_file ? (int)a->file : 0, n->repeat_group->id);
    if (a->inst == 0)
        a->inst = 1;
    if (a->inst > have + 1)
        return pia_fail(err, PIA_EINVAL, "--inst には 1〜%d の整数を指定してください（%s はいま %d 件、"
                        "%d で次の一件を作ります。指定: %ld）", have + 1, n->repeat_group->label, have,
                        have + 1, a->inst);
    return 0;
}

static int apply(pia_run *r, const char *input)
{
    set_args *a = r->args;
    char buf[2048];
    const pia_node *n = pia_form_find(r->form, a->item);
    if (!n)
        return pia_fail(&r->err, PIA_ENOTFOUND, "テンプレート %s に項目 %s はありません", r->form->name, a->item);
    if (check_place(n, r->doc, a, &r->err))
        return -1;
    const char *v = normalise(n, input ? input : a->value, buf, sizeof buf, &r->err);
    if (!v)
        return -1;
    const char *group = n->repeat_group ? n->repeat_group->id : NULL;
    return pia_store_set(r->st, r->doc->id, n->per_file ? (int)a->file : 0, group, (int)a->inst, n->id, v,
                         a->detail ? a->detail : "", -1, NULL, &r->err);
}

static int run(pia_run *r)
{
    const set_args *a = r->args;
    char *input = NULL;
    if (strcmp(a->value, "-") == 0 && !(input = pia_cli_read_text()))
        return PIA_EXIT_FAIL;
    int rc = apply(r, input);
    free(input);
    return rc ? PIA_RUN_ERR : 0;
}

const pia_command pia_cmd_set = {
    .name = "set", .usage = "set ID ITEM [--file N] [--inst N] [--detail TEXT] VALUE",
    .summary = "回答（VALUE が - なら標準入力）", .flags = CMD_STORE_RW | CMD_LOAD,
    .args_size = sizeof(set_args), .parse = parse, .run = run,
};
