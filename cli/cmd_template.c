/*
 * cmd_template.c — `pia template check FILE`: validate a template and say
 * where it is wrong (also: every answerable item without guidance);
 * `pia template list`: the templates pia can find.
 */
#include "cli.h"
#include "model/rules.h"

#include "model/check.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check(const char *path)
{
    pia_err err = { 0 };
    pia_form *form;
    if (pia_form_load(path, &form, &err)) {
        pia_cli_error(&err);
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

static int run(pia_cli *cli, int argc, char **argv)
{
    (void)cli;
    if (argc == 3 && strcmp(argv[1], "check") == 0)
        return check(argv[2]);
    if (argc == 2 && strcmp(argv[1], "list") == 0)
        return list();
    pia_cli_usage_error("使い方: pia template check FILE | template list");
    return PIA_EXIT_USAGE;
}

const pia_command pia_cmd_template = {
    "template", "template check FILE | template list   テンプレートの検査・一覧", run, 0
};
