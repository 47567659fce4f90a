/*
 * search.c — `/`, `N` and `P` in the form view: the rows of the open
 * assessment that match what was typed, by model/search.h (so the TUI
 * finds what `pia search` finds), the cursor moved to the next or previous
 * one and the status line saying which of how many it is.
 */
#include "search.h"
#include "dialogs.h"
#include "form_view.h"
#include "model/search.h"

#include <string.h>

static int row_matches(const fview *v, const pia_query *q, int i)
{
    const vrow *r = &v->rows[i];
    return pia_search_match(q, v->doc, r->node, r->file, r->afile, r->inst, NULL);
}

void tui_fv_search(fview *v, int ask, int dir)
{
    if (ask && tui_prompt(v->a, "検索（項目名・番号・回答）", "", v->search, sizeof v->search))
        return;
    if (!v->search[0] || v->nrows == 0) {
        if (!ask)
            tui_status(v->a, "まず / で検索する文字を入力してください");
        return;
    }
    pia_query q;
    if (pia_query_init(&q, v->search)) {
        tui_status(v->a, "検索する文字がありません（空白だけです）");
        return;
    }
    int found = -1, total = 0, nth = 0;
    /* From the row after the cursor (or the cursor itself for a new
     * search, so a match on the current row is not skipped), wrapping. */
    for (int k = ask ? 0 : 1; k < v->nrows + (ask ? 0 : 1) && found < 0; k++) {
        int i = ((v->cur + dir * k) % v->nrows + v->nrows) % v->nrows;
        if (row_matches(v, &q, i))
            found = i;
    }
    for (int i = 0; found >= 0 && i < v->nrows; i++)
        if (row_matches(v, &q, i)) {
            total++;
            if (i <= found)
                nth++;
        }
    pia_query_free(&q);
    if (found < 0) {
        tui_status(v->a, "「%s」は見つかりません%s", v->search,
                   v->doc->nfiles > 1 ? "（表示中の特定個人情報ファイル。f で切り替え）" : "");
        return;
    }
    v->cur = found;
    tui_status(v->a, "「%s」 %d/%d 件目（N 次・P 前）", v->search, nth, total);
}
