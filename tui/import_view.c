/*
 * import_view.c — bringing a published assessment in from the TUI, and
 * what the import left to check.
 *
 * tui_import_file asks for a file, imports it (import/import.h) into a
 * new assessment and returns its id; the list then opens it, and the form
 * view shows tui_import_notes first: the labels not found, the answers
 * filled by a guess and the text that fitted no item (kept with the
 * assessment), each leading to its item.  The same list is on `I`.
 */
#include "import_view.h"
#include "dialogs.h"
#include "import/import.h"
#include "model/check.h"
#include "model/format.h"
#include "model/import_notes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "~/x.pdf" as the shell would read it. */
static char *expand(const char *path)
{
    const char *home = getenv("HOME");
    if (path[0] == '~' && path[1] == '/' && home)
        return pia_xasprintf("%s%s", home, path + 1);
    return pia_xstrdup(path);
}

int tui_import_file(tui_app *a, long *id)
{
    char path[1024] = "";
    if (tui_prompt(a, "既存の評価書から取り込む: ファイル名（PDF・テキスト・Excel・YAML）", "", path, sizeof path) || !*path)
        return -1;
    char *full = expand(path);
    tui_status(a, "取り込み中: %s", full);
    tui_draw_status(a, "");
    refresh();
    pia_err err = { 0 };
    imp_result *r;
    int rc = pia_import_file(full, NULL, &r, &err);
    free(full);
    if (rc) {
        tui_message(a, "取り込めませんでした", err.msg);
        return -1;
    }
    char *report = r->format == IMP_YAML ? NULL : imp_report(r, 0);
    rc = pia_import_store(a->st, r, report, id, &err);
    free(report);
    if (rc) {
        tui_message(a, "保存できませんでした（何も取り込んでいません）", err.msg);
    } else {
        tui_status(a, "取り込みました: 回答 %d 項目、見つからない見出し %d、置き場所のない文章 %d",
                   r->nfilled, r->nmissing, r->nloose);
        tui_mark_saved(a);
        a->import_id = r->format == IMP_YAML ? 0 : *id;
    }
    imp_result_free(r);
    return rc;
}

static char *line_of(const pia_form *form, const pia_import_note *n)
{
    const pia_node *node = *n->item ? pia_form_find(form, n->item) : NULL;
    char *loc = node ? pia_location(node, n->file, n->inst) : pia_xstrdup("（項目なし）");
    char *text = pia_text_abbrev(n->text, 60);
    char *s;
    if (n->kind == PIA_NOTE_UNPLACED)
        s = pia_xasprintf("未配置 %s（%s の後）: %s", n->place, loc, text);
    else if (n->kind == PIA_NOTE_GUESS)
        s = pia_xasprintf("推定 %s ← %s: %s", loc, n->place, text);
    else
        s = pia_xasprintf("見つからない %s %s", loc, text);
    free(text);
    free(loc);
    return s;
}

int tui_import_notes(tui_app *a, long id, const pia_form *form, const pia_node **node, int *file, int *inst)
{
    pia_err err = { 0 };
    pia_import_info *info;
    if (pia_import_notes_load(a->st, id, &info, &err)) {
        tui_status(a, "%s", err.msg);
        return -1;
    }
    if (!info) {
        tui_status(a, "取り込みの確認はありません（PDF・テキスト・Excel から取り込んだ評価書にだけあります）");
        return -1;
    }
    int n = info->nnotes + 1, counts[3] = { 0 };
    const char **items = pia_xcalloc((size_t)n, sizeof *items);
    char **owned = pia_xcalloc((size_t)n, sizeof *owned);
    items[0] = owned[0] = pia_xasprintf("報告の全文を見る（%s、様式の版: %s）", info->source,
                                        *info->edition ? info->edition : "不明");
    for (int i = 0; i < info->nnotes; i++) {
        items[i + 1] = owned[i + 1] = line_of(form, &info->notes[i]);
        counts[info->notes[i].kind]++;
    }
    char *title = pia_xasprintf("取り込みの確認: 見つからない %d・推定 %d・未配置 %d（Enter で項目へ）",
                                counts[PIA_NOTE_MISSING], counts[PIA_NOTE_GUESS], counts[PIA_NOTE_UNPLACED]);
    int rc = -1;
    for (int c; (c = tui_menu(a, title, items, n, 0)) >= 0;) {
        if (c == 0) {
            tui_message(a, "取り込みの報告", info->report);
            continue;
        }
        const pia_import_note *note = &info->notes[c - 1];
        if (note->kind == PIA_NOTE_UNPLACED)
            tui_message(a, "置き場所が決まらなかった文章", note->text);
        *node = *note->item ? pia_form_find(form, note->item) : NULL;
        if (!*node)
            continue;
        *file = note->file;
        *inst = note->inst;
        rc = 0;
        break;
    }
    for (int i = 0; i < n; i++)
        free(owned[i]);
    free(owned);
    free(items);
    free(title);
    pia_import_info_free(info);
    return rc;
}
