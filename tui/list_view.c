/*
 * list_view.c — the assessments in the database, most recently changed
 * first, with each one's completion.  Completion needs the assessment's
 * answers, so it is computed only for the rows on screen and cached by
 * (id, last change): the first frame stays fast with ten thousand rows.
 * The next due date (re-assessment or yearly review, model/due.c) is
 * computed and cached the same way.
 *
 * Reading every answer of one assessment with hundreds of 提供先 takes a
 * tenth of a second, and coming back from the form view after an edit
 * changes its last change.  So the cache outlives a reload (by id), a
 * frame computes missing rows only while a few milliseconds last and shows
 * the others as …, and the idle step computes the rest: the key that
 * returns to the list stays fast and the count follows a moment later.
 */
#include "list_view.h"
#include "dialogs.h"
#include "draw.h"
#include "import_view.h"
#include "input.h"
#include "keymap.h"
#include "threshold_dialog.h"
#include "view.h"
#include "width.h"
#include "model/due.h"
#include "model/search.h"
#include "model/title.h"
#include "model/walk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What a frame may spend computing rows before it shows … instead, and
 * the most answers a row may have to be computed in a frame at all (one
 * with hundreds of 提供先 alone would take a tenth of a second). */
#define FRAME_BUDGET_MS 8.0
#define FRAME_MAX_ANSWERS 3000
/* What one idle step may spend (it computes one row whatever it costs). */
#define IDLE_BUDGET_MS 30.0

typedef struct progress_cache {
    long id;
    char updated[32];
    int answered, total;
    char due[48];            /* the 次の期限 column, padded */
    int has_due;             /* due is this visit's (a review elsewhere changes it) */
} progress_cache;

typedef struct lview {
    tui_app *a;
    pia_summary *s;
    int n, cur, top;
    progress_cache *cache;   /* one slot per row, kept in the app between visits */
    int ncache;
    pia_form *form;          /* template of the last computed row */
    pia_due_table *due;      /* NULL when tables/due.yaml cannot be read */
    char search[256];
    long *open_id;           /* set when one is chosen: the view is left */
    int quit;                /* left by q: the program ends */
} lview;

static int by_cache_id(const void *a, const void *b)
{
    long x = ((const progress_cache *)a)->id, y = ((const progress_cache *)b)->id;
    return (x > y) - (x < y);
}

/* The new rows' slots filled from the old cache by id (order changes
 * with every edit); cached() still checks each slot's last change. */
static progress_cache *carry_cache(progress_cache *old, int nold, const pia_summary *s, int n)
{
    progress_cache *c = pia_xcalloc((size_t)n + 1, sizeof *c);
    if (!old)
        return c;
    qsort(old, (size_t)nold, sizeof *old, by_cache_id);
    for (int i = 0; i < n; i++) {
        progress_cache key = { .id = s[i].id };
        const progress_cache *hit = bsearch(&key, old, (size_t)nold, sizeof *old, by_cache_id);
        if (hit) {
            c[i] = *hit;
            c[i].has_due = 0;
        }
    }
    return c;
}

static int reload(lview *v)
{
    pia_err err = { 0 };
    progress_cache *old = v->cache;
    int nold = v->ncache;
    pia_summaries_free(v->s, v->n);
    v->s = NULL;
    v->n = 0;
    v->cache = NULL;
    if (pia_store_list(v->a->st, &v->s, &v->n, &err)) {
        tui_status(v->a, "%s", err.msg);
        free(old);
        v->ncache = 0;
        return -1;
    }
    v->cache = carry_cache(old, nold, v->s, v->n);
    v->ncache = v->n;
    free(old);
    if (v->cur >= v->n)
        v->cur = v->n ? v->n - 1 : 0;
    return 0;
}

/* The soonest due date of a row, as 14 columns: "2026-02-16超過",
 * "2027-02-01", 公表前 (no 公表日 yet) or 公表日? (not a date). */
static void due_column(lview *v, int i, char *buf, size_t n)
{
    pia_due_entry *e = NULL;
    int ne = 0;
    pia_err err = { 0 };
    const char *text = "?";
    char date[32];
    if (v->due && pia_due_assessment(v->a->st, v->due, v->s[i].id, v->s[i].template_name,
                                     pia_date_today(), &e, &ne, &err) == 0) {
        const pia_due_entry *soon = NULL;
        int bad = 0;
        for (int k = 0; k < ne; k++) {
            bad |= e[k].bad_date;
            if (e[k].has_due && (!soon || pia_date_cmp(e[k].due, soon->due) < 0))
                soon = &e[k];
        }
        if (soon) {
            pia_date_iso(soon->due, date);
            strcat(date, soon->days_left < 0 ? "超過" : soon->days_left == 0 ? "今日" : "");
            text = date;
        } else {
            text = bad ? "公表日?" : "公表前";
        }
    }
    int len;
    wchar_t *w = tui_utf8_to_wcs(text, &len);
    int pad = 14 - tui_wcswidth(w, len);
    free(w);
    snprintf(buf, n, "%s%*s", text, pad > 0 ? pad : 0, "");
    pia_due_entries_free(e, ne);
}

static int cached(const lview *v, int i)
{
    const progress_cache *c = &v->cache[i];
    return c->id == v->s[i].id && strcmp(c->updated, v->s[i].updated) == 0;
}

/* v->form as the template named (forms are shared per process, so this
 * parses once).  Its guidance is read now too, so that opening an
 * assessment from the list reads no file: the form view shows guidance
 * from its first frame.  A broken help file is reported by the form view
 * when it opens. */
static int use_form(lview *v, const char *name)
{
    if (v->form && strcmp(v->form->name, name) == 0)
        return 0;
    pia_form_free(v->form);
    v->form = NULL;
    pia_err err = { 0 }, ignored = { 0 };
    if (pia_form_load_named(name, &v->form, &err))
        return -1;
    pia_form_guidance(v->form, &ignored);
    return 0;
}

/* Row i's completion and due date into its cache slot. */
static void compute_row(lview *v, int i)
{
    progress_cache *c = &v->cache[i];
    due_column(v, i, c->due, sizeof c->due);
    c->has_due = 1;
    /* A row that cannot be read (unknown template, damaged) shows 0/0
     * until it changes, rather than being read again on every frame. */
    c->id = v->s[i].id;
    snprintf(c->updated, sizeof c->updated, "%s", v->s[i].updated);
    c->answered = c->total = 0;
    pia_err err = { 0 };
    if (use_form(v, v->s[i].template_name))
        return;
    pia_doc *doc;
    if (pia_store_load(v->a->st, v->s[i].id, &doc, &err))
        return;
    pia_walk_progress(v->form, doc, NULL, &c->answered, &c->total);
    pia_doc_free(doc);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* The rows on screen not computed yet, while now_ms() < until: for a
 * frame only those small enough (big ones wait for the idle step); for
 * the idle step any, at least one.  Returns how many were computed. */
static int compute_shown(lview *v, double until, int in_frame)
{
    int room = getmaxy(stdscr) - 3, done = 0;
    for (int i = 0; i < room && v->top + i < v->n; i++) {
        int k = v->top + i;
        if (cached(v, k) || (in_frame && v->s[k].nanswers > FRAME_MAX_ANSWERS))
            continue;
        if ((in_frame || done) && now_ms() >= until)
            break;
        compute_row(v, k);
        done++;
    }
    return done;
}

static void draw(lview *v)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    erase();
    char title[256];
    snprintf(title, sizeof title, "pia ― 特定個人情報保護評価書（%d 件）  %s", v->n, v->a->db_path);
    tui_hline_text(stdscr, 0, title, PAIR_TITLE);
    attron(A_BOLD);
    tui_put(stdscr, 1, 1, cols - 2, "  ID  更新日時            回答/項目   次の期限        評価書名 ／ 評価実施機関");
    attroff(A_BOLD);
    int room = rows - 3;
    if (v->cur < v->top) v->top = v->cur;
    if (v->cur >= v->top + room) v->top = v->cur - room + 1;
    compute_shown(v, now_ms() + FRAME_BUDGET_MS, 1);
    if (v->n)
        use_form(v, v->s[v->cur].template_name);   /* Enter then finds it read */
    for (int i = 0; i < room && v->top + i < v->n; i++) {
        int k = v->top + i;
        char when[20], count[24];
        tui_local_time(v->s[k].updated, when, sizeof when);
        if (cached(v, k) && !v->cache[k].has_due) {
            due_column(v, k, v->cache[k].due, sizeof v->cache[k].due);
            v->cache[k].has_due = 1;
        }
        if (cached(v, k))
            snprintf(count, sizeof count, "%5d/%-5d", v->cache[k].answered, v->cache[k].total);
        else
            snprintf(count, sizeof count, "%5s…%5s", "", "");   /* where the / stands */
        const char *org = v->s[k].org ? v->s[k].org : "";   /* none: no dangling ／ */
        char *line = pia_xasprintf("%4ld  %-16s  %s  %-14s  %s%s%s", v->s[k].id, when, count,
                                   cached(v, k) ? v->cache[k].due : "", v->s[k].title,
                                   *org ? " ／ " : "", org);
        if (k == v->cur) attron(A_REVERSE);
        mvhline(2 + i, 0, ' ', cols);
        tui_put(stdscr, 2 + i, 1, cols - 2, line);
        if (k == v->cur) attroff(A_REVERSE);
        free(line);
    }
    if (v->n == 0)
        tui_put(stdscr, 3, 4, cols - 8, "評価書はまだありません。a で新規作成します。");
    tui_draw_status(v->a, "Enter:開く a:新規 D:複製 Delete:削除 /:検索 T:しきい値判断 ?:ヘルプ q:終了");
    refresh();
}

/* `a`: a new, empty assessment, or one brought in from a published file. */
static void create(lview *v, long *open_id)
{
    static const char *const ways[] = { "新規作成（空の評価書）", "既存の評価書から取り込む（PDF・テキスト・Excel・YAML）" };
    int way = tui_menu(v->a, "評価書を追加", ways, 2, 0);
    if (way == 1) {
        long id;
        reload(v);
        if (tui_import_file(v->a, &id) == 0) {
            reload(v);
            *open_id = id;
        }
        return;
    }
    if (way != 0)
        return;
    char title[512], org[512], tmpl[128] = "zenkomoku";
    if (tui_prompt(v->a, "様式（テンプレート名）", tmpl, tmpl, sizeof tmpl) || !*tmpl)
        return;
    pia_err err = { 0 };
    pia_form *f;
    if (pia_form_load_named(tmpl, &f, &err)) {
        tui_status(v->a, "%s", err.msg);
        return;
    }
    if (tui_prompt(v->a, "評価書名", "", title, sizeof title) || !*title ||
        tui_prompt(v->a, "評価実施機関名", "", org, sizeof org)) {
        pia_form_free(f);
        return;
    }
    long id;
    int rc = pia_title_new(v->a->st, f, tmpl, title, org, &id, &err);
    pia_form_free(f);
    if (rc) {
        tui_status(v->a, "%s", err.msg);
        return;
    }
    tui_mark_saved(v->a);
    reload(v);
    v->cur = 0;
}

static void duplicate(lview *v)
{
    char title[600];
    snprintf(title, sizeof title, "%s（複製）", v->s[v->cur].title);
    if (tui_prompt(v->a, "複製の評価書名", title, title, sizeof title) || !*title)
        return;
    pia_err err = { 0 };
    long id;
    pia_form *f = NULL;
    if (pia_form_load_named(v->s[v->cur].template_name, &f, &err) ||
        pia_title_duplicate(v->a->st, f, v->s[v->cur].id, title, &id, &err))
        tui_status(v->a, "%s", err.msg);
    pia_form_free(f);
    reload(v);
    v->cur = 0;
}

/* The title and organisation are the 表紙's 評価書名 and 評価実施機関名:
 * changed here, they change there (model/title.h). */
static void rename_row(lview *v)
{
    char title[600], org[600];
    snprintf(title, sizeof title, "%s", v->s[v->cur].title);
    snprintf(org, sizeof org, "%s", v->s[v->cur].org);
    if (tui_prompt(v->a, "評価書名（表紙の評価書名）", title, title, sizeof title) || !*title ||
        tui_prompt(v->a, "評価実施機関名（表紙の評価実施機関名）", org, org, sizeof org))
        return;
    pia_err err = { 0 };
    pia_form *f = NULL;
    if (pia_form_load_named(v->s[v->cur].template_name, &f, &err) ||
        pia_title_set(v->a->st, f, v->s[v->cur].id, title, org, &err))
        tui_status(v->a, "%s", err.msg);
    else
        tui_mark_saved(v->a);
    pia_form_free(f);
    long id = v->s[v->cur].id;
    reload(v);
    for (int i = 0; i < v->n; i++)
        if (v->s[i].id == id)
            v->cur = i;
}

static void delete(lview *v)
{
    char *q = pia_xasprintf("「%s」（ID %ld、ファイル %d 件、回答 %d 件）を削除します。回答は元に戻せません。よろしいですか？",
                            v->s[v->cur].title, v->s[v->cur].id, v->s[v->cur].nfiles, v->s[v->cur].nanswers);
    if (tui_confirm(v->a, q)) {
        pia_err err = { 0 };
        if (pia_store_delete(v->a->st, v->s[v->cur].id, &err))
            tui_status(v->a, "%s", err.msg);
        else
            tui_status(v->a, "削除しました");
        reload(v);
    }
    free(q);
}

static void search(lview *v, int ask, int dir)
{
    pia_query q;
    if (ask && tui_prompt(v->a, "検索（評価書名・機関名）", "", v->search, sizeof v->search))
        return;
    if (!v->search[0] || pia_query_init(&q, v->search))
        return;
    int found = -1;
    for (int k = ask ? 0 : 1; k <= v->n && found < 0; k++) {
        int i = ((v->cur + dir * k) % v->n + v->n) % v->n;
        if (pia_query_in(&q, v->s[i].title) || pia_query_in(&q, v->s[i].org))
            found = i;
    }
    pia_query_free(&q);
    if (found < 0)
        tui_status(v->a, "「%s」は見つかりません", v->search);
    else
        v->cur = found;
}

/* Returns 1 to quit, 0 to go on; *open_id set when one is chosen. */
static int act(lview *v, tui_action action, long *open_id)
{
    int page = getmaxy(stdscr) - 4;
    int has = v->n > 0;
    switch (action) {
    case ACT_UP: if (v->cur > 0) v->cur--; break;
    case ACT_DOWN: if (v->cur < v->n - 1) v->cur++; break;
    case ACT_PGUP: v->cur = v->cur > page ? v->cur - page : 0; break;
    case ACT_PGDN: v->cur = v->cur + page < v->n ? v->cur + page : (has ? v->n - 1 : 0); break;
    case ACT_TOP: v->cur = 0; break;
    case ACT_BOTTOM: v->cur = has ? v->n - 1 : 0; break;
    case ACT_OPEN: if (has) *open_id = v->s[v->cur].id; break;
    case ACT_NEW: if (!v->a->readonly) create(v, open_id); break;
    case ACT_DUPLICATE: if (has && !v->a->readonly) duplicate(v); break;
    case ACT_DELETE: if (has && !v->a->readonly) delete(v); break;
    case ACT_RENAME: if (has && !v->a->readonly) rename_row(v); break;
    case ACT_SEARCH: if (has) search(v, 1, +1); break;
    case ACT_SEARCH_NEXT: if (has) search(v, 0, +1); break;
    case ACT_SEARCH_PREV: if (has) search(v, 0, -1); break;
    case ACT_THRESHOLD:
        tui_threshold_dialog(v->a, has ? v->s[v->cur].id : 0, has ? v->s[v->cur].title : "");
        reload(v);
        break;
    case ACT_BACK: return 1;
    default: break;
    }
    return 0;
}

static int on_action(void *self, tui_action action, const tui_event *ev)
{
    (void)ev;
    lview *v = self;
    v->quit = act(v, action, v->open_id);
    return v->quit || *v->open_id ? TUI_VIEW_LEAVE : TUI_VIEW_STAY;
}

/* Pasted text is never a string of commands (D, X, a …). */
static int on_paste(void *self, tui_event *ev)
{
    (void)ev;
    lview *v = self;
    tui_status(v->a, "一覧には貼り付けられません。評価書の記述式の項目で貼り付けてください");
    return TUI_VIEW_STAY;
}

static void on_draw(void *self)
{
    draw(self);
}

/* What the frame left as … is computed after it, a few rows at a time
 * (the step also follows every key: a screen of big assessments must not
 * hold the next key for all of them); the next frame shows them. */
static void on_idle(void *self)
{
    lview *v = self;
    if (v->quit || *v->open_id)
        return;   /* leaving: the key that opens an assessment does not wait for it */
    compute_shown(v, now_ms() + IDLE_BUDGET_MS, 0);
}

static const tui_view_ops list_ops = {
    .name = "list", .screen = SCR_LIST, .read_flags = TUI_BURST,
    .draw = on_draw, .on_action = on_action, .on_paste = on_paste, .on_idle = on_idle,
};

int tui_list_view(tui_app *a, long *open_id)
{
    /* Coming back from the form view finds the other rows computed. */
    lview v = { .a = a, .open_id = open_id, .cache = a->list_cache, .ncache = a->list_cache_n };
    a->list_cache = NULL;
    a->list_cache_n = 0;
    pia_err err = { 0 };
    if (pia_due_load(NULL, &v.due, &err))
        tui_status(a, "%s", err.msg);   /* the column shows ? */
    *open_id = 0;
    reload(&v);
    tui_view_run(&list_ops, a, &v);
    pia_summaries_free(v.s, v.n);
    a->list_cache = v.cache;
    a->list_cache_n = v.ncache;
    pia_form_free(v.form);
    pia_due_free(v.due);
    return v.quit;
}
