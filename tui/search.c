/*
 * search.c — `/`, `N` and `P` in the form view: the rows of the open
 * assessment that match what was typed, by model/search.h (so the TUI
 * finds what `pia search` finds), the cursor moved to the next or previous
 * one and the status line saying which of how many it is.
 *
 * The view holds one 特定個人情報ファイル at a time (form_view.h), so the
 * search runs through the rows shown first; past the last match there it
 * goes on in the next file that has a match of its own (the whole
 * assessment read then, not on every key), from that file's top as the
 * view shows it (the items answered once included, as in every file), and
 * only when no other file matches does it wrap within the file shown.
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

/* The next matching row from the cursor in direction dir (the cursor's
 * own row included when `here`), wrapping past the end only when `wrap`;
 * -1 when none. */
static int next_row(const fview *v, const pia_query *q, int here, int dir, int wrap)
{
    for (int k = here ? 0 : 1; k < v->nrows + (here ? 0 : 1); k++) {
        int i = v->cur + dir * k;
        if (!wrap && (i < 0 || i >= v->nrows))
            return -1;
        i = (i % v->nrows + v->nrows) % v->nrows;
        if (row_matches(v, q, i))
            return i;
    }
    return -1;
}

/* The nearest other file in direction dir, going round, with a match of
 * its own (the items answered once show in every file and were searched
 * with the rows shown); 0 when there is none. */
static int other_file(fview *v, const pia_query *q, int dir)
{
    pia_doc *whole = tui_fv_load_whole(v);
    if (!whole)
        return 0;
    pia_hit *hits = NULL;
    int n = 0, found = 0;
    pia_search_doc(v->form, whole, q, &hits, &n);
    for (int step = 1; step < whole->nfiles && !found; step++) {
        int file = ((v->file - 1 + dir * step) % whole->nfiles + whole->nfiles) % whole->nfiles + 1;
        for (int i = 0; i < n && !found; i++)
            if (hits[i].file == file)
                found = file;
    }
    pia_hits_free(hits, n);
    pia_doc_free(whole);
    return found;
}

/* File `file` shown, the cursor on its first match (dir > 0) or its last,
 * as a search begun at its top or bottom finds it. */
static int enter_file(fview *v, const pia_query *q, int file, int dir)
{
    v->file = file;
    if (tui_fv_reload(v) || v->file != file || v->nrows == 0)
        return -1;
    v->cur = dir > 0 ? 0 : v->nrows - 1;
    return next_row(v, q, 1, dir, 0);
}

static void say_where(fview *v, const pia_query *q, int moved)
{
    int total = 0, nth = 0;
    for (int i = 0; i < v->nrows; i++)
        if (row_matches(v, q, i)) {
            total++;
            if (i <= v->cur)
                nth++;
        }
    if (moved)
        tui_status(v->a, "「%s」 ファイル(%d)へ: %d/%d 件目（N 次・P 前）", v->search, v->file, nth, total);
    else
        tui_status(v->a, "「%s」 %d/%d 件目（N 次・P 前）", v->search, nth, total);
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
    /* A new search may stop on the cursor's own row; N and P go past it. */
    int many = v->doc->nfiles > 1, moved = 0;
    int found = next_row(v, &q, ask, dir, !many);
    int file = found < 0 && many ? other_file(v, &q, dir) : 0;
    if (file) {
        found = enter_file(v, &q, file, dir);
        moved = 1;
    } else if (found < 0 && many) {
        found = next_row(v, &q, ask, dir, 1);
    }
    if (found >= 0) {
        v->cur = found;
        say_where(v, &q, moved);
    } else {
        tui_status(v->a, "「%s」は見つかりません", v->search);
    }
    pia_query_free(&q);
}
