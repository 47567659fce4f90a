/*
 * cmd_template.c — `pia template check FILE`: validate a template and say
 * where it is wrong (also: every answerable item without guidance);
 * `pia template list`: the templates pia can find;
 * `pia template items [TEMPLATE] [--section Ⅲ]`: the item ids `pia set`,
 * `pia inst` and `pia review` take, with printed number, label and kind.
 */
#include "cli.h"
#include "model/check.h"
#include "model/fold.h"
#include "model/rules.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check(const char *path)
{
    pia_err err = { 0 };
    pia_form *form;
    if (pia_form_load(path, &form, &err) || pia_form_guidance(form, &err)) {
        pia_cli_error(&err);
        pia_form_free(form);
        return PIA_EXIT_FAIL;
    }
    int fields = 0, bare = 0;
    for (int i = 0; i < form->nnodes; i++)
        fields += pia_node_is_field(form->nodes[i]);
    /* Staff read an item's guidance while answering it: every answerable
     * item must have some, in the template or its NAME.help.yaml. */
    for (int i = 0; i < form->nnodes; i++) {
        const pia_node *n = form->nodes[i];
        if (!pia_node_is_field(n) || (n->help && *n->help))
            continue;
        char *where = pia_location(n, 0, 0);
        fprintf(stderr, "%s:%d:%d: ヘルプ（記載の手引き）がありません: %s（%s）\n", path, n->line, n->col,
                where, n->id);
        free(where);
        bare++;
    }
    if (bare) {
        char *help = pia_form_help_path(path);
        fprintf(stderr, "%s: ヘルプのない回答欄が %d 件あります（%s に id: 文章 の形で書きます）\n", path, bare,
                help ? help : "テンプレートの help:");
        free(help);
    } else {
        printf("%s: ok（%s、%d 項目、うち回答欄 %d、すべてにヘルプあり、規則 %d）\n", path, form->title, form->nnodes, fields,
               form->rules ? form->rules->n : 0);
    }
    pia_form_free(form);
    return bare ? PIA_EXIT_FAIL : PIA_EXIT_OK;
}

static int list(void)
{
    const char *dirs[8];
    int n = pia_template_dirs(dirs, 8);
    for (int i = 0; i < n; i++) {
        DIR *d = opendir(dirs[i]);
        if (!d)
            continue;
        for (struct dirent *e; (e = readdir(d));) {
            size_t len = strlen(e->d_name);
            if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0 &&
                !(len > 10 && strcmp(e->d_name + len - 10, ".help.yaml") == 0))   /* guidance, not a form */
                printf("%.*s\t%s/%s\n", (int)(len - 5), e->d_name, dirs[i], e->d_name);
        }
        closedir(d);
    }
    return PIA_EXIT_OK;
}

/* Whether a and b are the same once folded as a search folds (Ⅲ, III, iii). */
static int same_folded(const char *a, const char *b)
{
    uint32_t *x, *y;
    size_t n = pia_fold_str(a, PIA_FOLD_SEARCH, &x), m = pia_fold_str(b, PIA_FOLD_SEARCH, &y);
    int same = n == m && memcmp(x, y, n * sizeof *x) == 0;
    free(x);
    free(y);
    return same;
}

/* The section named by its number (Ⅲ, III), its label (表紙) or its id. */
/* An attachment has no number of its own: 別添1 is the bracket that opens
 * its label, （別添1）事務の内容. */
static int bracket_opens(const char *label, const char *name)
{
    char *b = pia_xasprintf("（%s）", name);
    int yes = strncmp(label, b, strlen(b)) == 0;
    free(b);
    return yes;
}

static const pia_node *find_section(const pia_form *form, const char *name)
{
    for (int s = 0; s < form->nsections; s++) {
        const pia_node *n = form->sections[s];
        if ((n->number && same_folded(n->number, name)) || same_folded(n->label, name) ||
            bracket_opens(n->label, name) || strcmp(n->id, name) == 0)
            return n;
    }
    return NULL;
}

/* "Ⅲ 2. リスク1 ⑨": the printed numbers down to the node; a repeated
 * group shows its label (its instances are numbered when answered). */
static char *number_path(const pia_node *node)
{
    char *s = pia_xstrdup("");
    for (const pia_node *p = node; p; p = p->parent) {
        const char *part = p->repeat && p != node ? p->label : p->number;
        if (!part || !*part)
            continue;
        char *t = pia_xasprintf("%s%s%s", part, *s ? " " : "", s);
        free(s);
        s = t;
    }
    return s;
}

static const char *kind_name(const pia_node *n)
{
    static const char *const NAMES[] = { "group", "text", "choice", "check" };
    if (n->kind == PIA_GROUP && n->repeat)
        return "group repeat";
    return NAMES[n->kind];
}

static int items(int argc, char **argv)
{
    const char *name = "zenkomoku", *section = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--section") == 0 && i + 1 < argc)
            section = argv[++i];
        else if (argv[i][0] != '-' && i == 2)
            name = argv[i];
        else {
            pia_cli_usage_error("使い方: pia template items [TEMPLATE] [--section Ⅲ]");
            return PIA_EXIT_USAGE;
        }
    }
    pia_err err = { 0 };
    pia_form *form;
    int rc = strchr(name, '/') || strstr(name, ".yaml") ? pia_form_load(name, &form, &err)
                                                         : pia_form_load_named(name, &form, &err);
    if (rc) {
        pia_cli_error(&err);
        return PIA_EXIT_FAIL;
    }
    const pia_node *only = section ? find_section(form, section) : NULL;
    if (section && !only) {
        pia_cli_usage_error("template items: 大項目「%s」は %s にありません（番号 Ⅲ・別添1 などか、名前 表紙 で指定します）",
                            section, form->name);
        pia_form_free(form);
        return PIA_EXIT_USAGE;
    }
    for (int i = 0; i < form->nnodes; i++) {
        const pia_node *n = form->nodes[i], *top = n;
        while (top->parent)
            top = top->parent;
        if (only && top != only)
            continue;
        char *num = number_path(n);
        printf("%s\t%s\t%s\t%s\n", n->id, num, n->label, kind_name(n));
        free(num);
    }
    pia_form_free(form);
    return PIA_EXIT_OK;
}

static int run(pia_run *r)
{
    int argc = r->argc;
    char **argv = r->argv;
    if (argc == 3 && strcmp(argv[1], "check") == 0)
        return check(argv[2]);
    if (argc == 2 && strcmp(argv[1], "list") == 0)
        return list();
    if (argc >= 2 && strcmp(argv[1], "items") == 0)
        return items(argc, argv);
    return PIA_RUN_USAGE;
}

const pia_command pia_cmd_template = {
    .name = "template", .usage = "template check FILE | template list | template items [TEMPLATE] [--section Ⅲ]",
    .summary = "テンプレートの検査・一覧・項目 ID", .run = run,
};
