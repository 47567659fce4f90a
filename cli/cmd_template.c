/*
 * cmd_template.c — `pia template check FILE`: validate a template and say
 * where it is wrong; `pia template list`: the templates pia can find.
 */
#include "cli.h"
#include "model/rules.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

static int check(const char *path)
{
    pia_err err = { 0 };
    pia_form *form;
    if (pia_form_load(path, &form, &err)) {
        pia_cli_error(&err);
        return PIA_EXIT_FAIL;
    }
    int fields = 0;
    for (int i = 0; i < form->nnodes; i++)
        fields += pia_node_is_field(form->nodes[i]);
    printf("%s: ok（%s、%d 項目、うち回答欄 %d、規則 %d）\n", path, form->title, form->nnodes, fields,
           form->rules ? form->rules->n : 0);
    pia_form_free(form);
    return PIA_EXIT_OK;
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
            if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
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
