/*
 * template_help.c — the guidance of a template, read from its companion
 * file: templates/NAME.help.yaml beside templates/NAME.yaml, a mapping from
 * item id to the text shown in the editor and the form's detail pane.
 *
 * The guidance lives apart from the form so that the form file stays the
 * statutory structure a reviewer compares with the 様式, and so that
 * improving a guidance text does not change the template's SHA-256 (which
 * every assessment records, and which makes pia warn that the form itself
 * changed).  A template may still carry `help:` on a node; giving one item
 * guidance in both places is refused, so there is one text to correct.
 * The file is read when guidance is first asked for (pia_form_guidance,
 * template_cache.c), not with every load: only the screens that show it
 * and `pia template check` need it.
 */
#include "form.h"
#include "template_internal.h"
#include "ytable.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *pia_form_help_path(const char *template_path)
{
    size_t n = template_path ? strlen(template_path) : 0;
    if (n < 5 || strcmp(template_path + n - 5, ".yaml") != 0)
        return NULL;
    if (n >= 10 && strcmp(template_path + n - 10, ".help.yaml") == 0)
        return NULL;                     /* a help file has no help file */
    return pia_xasprintf("%.*s.help.yaml", (int)(n - 5), template_path);
}

/* Every entry is checked before any is applied: a form is shared
 * (template_cache.c), so a broken file must leave it as it was. */
static int check_entries(pia_form *form, const pia_ytable *t, pia_err *err)
{
    for (int i = 0; i < t->root->nkids; i++) {
        const pia_ynode *e = t->root->kids[i];
        const pia_node *found = pia_form_find(form, e->key);
        if (!found || strcmp(found->id, e->key) != 0)
            return pia_fail(err, PIA_EINVAL, "%s:%d:%d: テンプレート %s に項目 \"%s\" はありません",
                            t->path, e->key_line, e->key_col, form->path ? form->path : form->name, e->key);
        if (e->kind != PIA_Y_SCALAR || !e->text || !*e->text)
            return pia_ytable_fail(err, t, e, "\"%s\" のヘルプが文章ではありません（空・リスト・マッピング）", e->key);
        if (found->help)
            return pia_ytable_fail(err, t, e, "\"%s\" のヘルプはテンプレート（%d 行目）にもあります。"
                                   "どちらか一方にしてください", e->key, found->line);
    }
    return 0;
}

static void apply(pia_form *form, const pia_ytable *t)
{
    for (int i = 0; i < t->root->nkids; i++) {
        pia_node *node = (pia_node *)pia_form_find(form, t->root->kids[i]->key);
        node->help = pia_xstrdup(t->root->kids[i]->text);
    }
}

int pia_form_load_help(pia_form *form, const char *help_path, pia_err *err)
{
    struct stat sb;
    if (!help_path || stat(help_path, &sb) != 0)
        return 0;                         /* no companion: the template's own help only */
    pia_ytable *t;
    if (pia_ytable_load(help_path, &t, err))
        return -1;
    int rc = check_entries(form, t, err);
    if (rc == 0)
        apply(form, t);
    pia_ytable_free(t);
    return rc;
}
