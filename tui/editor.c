/*
 * editor.c — editing one text answer.
 *
 * The item's number and label (wrapped, never cut) and its guidance
 * (wrapped, newlines kept) stay at the top; the text is soft-wrapped below
 * by display columns.  Saving needs no key: the answer is
 * stored half a second after typing pauses, at least once a second while
 * typing goes on, when the editor is left, and when SIGHUP or SIGTERM
 * arrives — so a killed process loses at most the last second.
 *
 * The editor holds the answer's place (the ids of its file and instance
 * rows), never positions: if a colleague removes the file or the instance
 * meanwhile, the save is refused and the text stays on screen, and on
 * leaving it is written to a file beside the database — never into
 * whatever now has that position.  Each save names the revision it
 * started from; if someone else saved in between, nothing is overwritten
 * unless the person explicitly chooses to: Esc, a closed terminal or any
 * other answer keeps both texts.
 */
#include "app.h"
#include "dialogs.h"
#include "draw.h"
#include "editor.h"
#include "input.h"
#include "keymap.h"
#include "view.h"
#include "width.h"
#include "model/history.h"
#include "model/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define IDLE_SAVE_MS 500
#define MAX_UNSAVED_MS 1000

static long long now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void value_clear(pia_value *v)
{
    free(v->value);
    free(v->detail);
    free(v->updated);
    free(v->updated_by);
}

/* ---- text that could not be saved -------------------------------------- */

/* A file beside the database (else in $HOME), 0600, never replacing one;
 * its path (malloc'd), or NULL. */
static char *keep_in_file(tui_editor *e, const char *text)
{
    char stamp[32];
    time_t t = time(NULL);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
    const char *db = e->a->db_path, *slash = strrchr(db, '/'), *home = getenv("HOME");
    char *dirs[2] = { slash ? pia_xstrndup(db, (size_t)(slash - db)) : pia_xstrdup("."),
                      pia_xstrdup(home && *home ? home : "/tmp") };
    char *path = NULL;
    for (int d = 0; d < 2 && !path; d++) {
        path = pia_xasprintf("%s/pia-unsaved-%ld-%s-%s.txt", dirs[d], e->id, e->node->id, stamp);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        int ok = fd >= 0 && tui_write_all(fd, text, strlen(text)) == 0;
        ok = fd >= 0 && close(fd) == 0 && ok;
        if (!ok) {
            if (fd >= 0)
                unlink(path);
            free(path);
            path = NULL;
        }
    }
    free(dirs[0]);
    free(dirs[1]);
    return path;
}

/* Leaving with text the database does not have (its place removed, or a
 * conflict the person did not settle): keep it in a file and say where. */
static void keep_unsaved(tui_editor *e)
{
    char *text = editbuf_utf8(&e->b);
    char *path = keep_in_file(e, text);
    if (path)
        snprintf(e->a->unsaved, sizeof e->a->unsaved,
                 "保存できなかった記載を書き出しました: %.700s（%.100s）", path, e->node->id);
    else
        snprintf(e->a->unsaved, sizeof e->a->unsaved,
                 "保存できなかった記載を書き出せませんでした（%s）。%.100s", pia_errno_ja(errno), e->node->id);
    tui_status(e->a, "%s", e->a->unsaved);
    free(path);
    free(text);
}

/* ---- saving ------------------------------------------------------------ */

enum { KEEP_MINE, TAKE_THEIRS, KEEP_BOTH };

/* Someone else saved this item since it was read.  Only an explicit
 * choice replaces a text; Esc or a signal keeps both. */
static void conflict(tui_editor *e, const char *mine)
{
    pia_value theirs;
    pia_err err = { 0 };
    if (pia_store_get_at(e->a->st, e->id, &e->place, e->node->id, &theirs, &err)) {
        tui_status(e->a, "%s", err.msg);
        e->held = 1;
        return;
    }
    char *text = pia_xasprintf("この項目は編集中にほかの人（%s）が変更しました。\n\n"
                               "― ほかの人の記載 ―\n%s\n\n― あなたの記載 ―\n%s",
                               theirs.updated_by ? theirs.updated_by : "?",
                               theirs.value ? theirs.value : "", mine);
    tui_message(e->a, "同時に変更されました（確認して Enter）", text);
    free(text);
    const char *choices[] = { "あなたの記載で上書きする（ほかの人の記載は変更履歴に残ります）",
                              "ほかの人の記載に置き換える（あなたの記載は破棄）",
                              "両方残す（あなたの記載は保存せずに編集を続ける）" };
    int c = tui_quit_signal ? -1 : tui_menu_esc(e->a, "どちらを残しますか", choices, 3, KEEP_BOTH, "両方残す");
    if (c == KEEP_MINE) {
        e->rev = theirs.rev;
        e->held = 0;
    } else if (c == TAKE_THEIRS) {
        editbuf_free(&e->b);
        editbuf_init(&e->b, theirs.value ? theirs.value : "", getmaxx(stdscr) - 4);
        e->rev = theirs.rev;
        e->held = 0;
    } else {
        e->held = 1;
        tui_status(e->a, "あなたの記載は未保存です（ほかの人の記載もそのまま）。終わるときに選べます");
    }
    value_clear(&theirs);
}

int tui_editor_save(tui_editor *e)
{
    if (!e->b.dirty || e->a->readonly || e->held || e->gone)
        return 0;
    char *text = editbuf_utf8(&e->b);
    pia_err err = { 0 };
    long rev = 0;
    /* After an undo the save is marked and starts an audit row of its
     * own, so the text the undo took away stays in the history even when
     * the saves before it were folded into one row. */
    int rc = e->undone ? pia_history_set_at(e->a->st, e->id, &e->place, e->node->id, text, "", e->rev,
                                            &rev, "undo", NULL, &err)
                       : pia_store_set_at(e->a->st, e->id, &e->place, e->node->id, text, "", e->rev, &rev, &err);
    e->last_save = now_ms();
    if (rc == 0) {
        e->rev = rev;
        e->b.dirty = 0;
        e->undone = 0;
        tui_mark_saved(e->a);
    } else if (err.code == PIA_ECONFLICT) {
        conflict(e, text);
        if (!e->held && e->b.dirty)
            rc = tui_editor_save(e);
    } else if (err.code == PIA_EGONE) {
        e->gone = 1;
        tui_status(e->a, "%s。記載はこの画面に残っています（終わると別のファイルに書き出します）", err.msg);
    } else {
        /* Locked, full, or text that is not UTF-8: keep it here, try again. */
        tui_status(e->a, "保存できません（入力は保持しています）: %s", err.msg);
    }
    free(text);
    return rc;
}

/* Leaving: 0 to go, 1 to stay in the editor. */
static int may_leave(tui_editor *e)
{
    tui_editor_save(e);
    if (!e->b.dirty || e->a->readonly)
        return 0;
    if (e->gone || tui_quit_signal) {
        keep_unsaved(e);
        return 0;
    }
    if (!e->held)
        return 0;       /* a locked database: the text stays in the editor until it can be saved */
    const char *choices[] = { "あなたの記載で上書きする", "ほかの人の記載に置き換える（あなたの記載は破棄）",
                              "あなたの記載をファイルに書き出して終わる（保存はしない）",
                              "編集を続ける" };
    int c = tui_menu_esc(e->a, "保存していない記載があります（ほかの人が同じ項目を変更しました）", choices, 4, 3,
                         "編集を続ける");
    if (c == 0 || c == 1) {
        e->held = 0;
        pia_value theirs;
        pia_err err = { 0 };
        if (pia_store_get_at(e->a->st, e->id, &e->place, e->node->id, &theirs, &err) == 0) {
            e->rev = theirs.rev;
            value_clear(&theirs);
        }
        if (c == 1)
            e->b.dirty = 0;
        return tui_editor_save(e) != 0 || e->held;
    }
    if (c == 2 || tui_quit_signal) {
        keep_unsaved(e);
        return 0;
    }
    return 1;
}

/* ---- drawing and keys ---------------------------------------------------- */

/* The item being written: its own number and label first, wrapped so a
 * long label is never cut off (up to 3 lines), then where it stands (one
 * line: a risk heading can be long), then its guidance, wrapped with its
 * newlines, in at most half of what is left so the text keeps room.
 * Returns the first free line. */
static int draw_header(tui_editor *e, int rows, int cols)
{
    char *h = pia_node_heading(e->node);
    int n = tui_wrap_lines(h, cols - 2);
    if (n > 3)
        n = 3;
    attron(COLOR_PAIR(PAIR_TITLE) | A_REVERSE);
    for (int i = 0; i < n; i++)
        mvhline(i, 0, ' ', cols);
    tui_put_wrapped(stdscr, 0, 1, cols - 2, n, h);
    attroff(COLOR_PAIR(PAIR_TITLE) | A_REVERSE);
    free(h);
    int y = n;
    char *where = pia_xasprintf("位置: %s", e->where);
    y += tui_put_wrapped(stdscr, y, 1, cols - 2, 1, where);
    free(where);
    if (e->node->help) {
        int room = (rows - y - 2) / 2;
        attron(A_DIM);
        y += tui_put_wrapped(stdscr, y, 1, cols - 2, room > 1 ? room : 1, e->node->help);
        attroff(A_DIM);
    }
    return y;
}

static void draw(tui_editor *e)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    erase();
    int y = draw_header(e, rows, cols);
    mvhline(y++, 0, ACS_HLINE, cols);
    int text_top = y, room = rows - 1 - text_top;
    if (e->b.width != cols - 4)
        editbuf_set_width(&e->b, cols - 4);
    int cl = editbuf_cursor_line(&e->b);
    if (cl < e->top) e->top = cl;
    if (cl >= e->top + room) e->top = cl - room + 1;
    for (int i = 0; i < room && e->top + i < e->b.nlines; i++) {
        int start, n = editbuf_line(&e->b, e->top + i, &start);
        char *s = tui_wcs_to_utf8(e->b.text + start, n);
        tui_put(stdscr, text_top + i, 2, cols - 4, s);
        free(s);
    }
    char hint[200];
    snprintf(hint, sizeof hint, "Esc:終わる ^Z:取消 ^Y:やり直し  %d 文字  %d/%d 行%s",
             e->b.len, cl + 1, e->b.nlines,
             e->gone ? "  （保存先が削除されました）" : e->held ? "  （未保存・競合）" : e->b.dirty ? "  （未保存）" : "");
    tui_draw_status(e->a, hint);
    move(text_top + cl - e->top, 2 + editbuf_cursor_col(&e->b));
    refresh();
}

static void newline(tui_editor *e)
{
    wchar_t nl = L'\n';
    editbuf_insert(&e->b, &nl, 1);
}

/* The text before an undo is saved first, so it is in the database (and
 * the history) whatever the undo leads to. */
static void undo(tui_editor *e)
{
    int before = e->b.dirty;
    if (before)
        tui_editor_save(e);
    int rc = editbuf_undo(&e->b);
    if (rc == EDITBUF_NOTHING)
        tui_status(e->a, "これ以上取り消せません（以前の記載は L の変更履歴から戻せます）");
    else if (rc == EDITBUF_ASK)
        tui_status(e->a, "もう一度 Ctrl-Z で、開いたときの記載に戻します（Ctrl-Y でやり直し）");
    else
        e->undone = 1;
}

/* What a key does; keys come from the key table (SCR_EDITOR) and a key
 * without a row there is text. */
static int edit(tui_editor *e, tui_action act, const tui_event *ev)
{
    int page = getmaxy(stdscr) - 6;
    switch (act) {
    case ACT_LEFT: editbuf_left(&e->b); break;
    case ACT_RIGHT: editbuf_right(&e->b); break;
    case ACT_UP: editbuf_up(&e->b, 1); break;
    case ACT_DOWN: editbuf_down(&e->b, 1); break;
    case ACT_PGUP: editbuf_up(&e->b, page); break;
    case ACT_PGDN: editbuf_down(&e->b, page); break;
    case ACT_LINE_START: editbuf_home(&e->b); break;
    case ACT_LINE_END: editbuf_end(&e->b); break;
    case ACT_BACKSPACE: editbuf_backspace(&e->b); break;
    case ACT_DEL_CHAR: editbuf_delete(&e->b); break;
    case ACT_NEWLINE: newline(e); break;
    case ACT_UNDO: undo(e); break;
    case ACT_REDO: if (!editbuf_redo(&e->b)) tui_status(e->a, "やり直せる操作はありません"); break;
    case ACT_EDITOR: tui_external_editor(e); break;
    case ACT_BACK: return TUI_VIEW_LEAVE;
    case ACT_NONE:
        if (ev->type == TUI_EV_KEY && (ev->key >= 0x20 || ev->key == '\t')) {
            wchar_t c = (wchar_t)ev->key;
            editbuf_insert(&e->b, &c, 1);
        }
        break;
    default: break;
    }
    return TUI_VIEW_STAY;
}

/* The first change after a save starts the clock of the longest wait
 * (MAX_UNSAVED_MS); every change restarts the pause (IDLE_SAVE_MS). */
static void changed(tui_editor *e, int before)
{
    long long now = now_ms();
    if (e->b.dirty && !before)
        e->last_save = now;
    if (e->b.dirty)
        e->last_change = now;
}

static int on_action(void *self, tui_action act, const tui_event *ev)
{
    tui_editor *e = self;
    int before = e->b.dirty, rc = edit(e, act, ev);
    changed(e, before);
    return rc;
}

static void paste(tui_editor *e, const tui_event *ev)
{
    int before = e->b.dirty;
    if (ev->too_long)
        tui_status(e->a, "貼り付けが長すぎます（%d 文字まで）。何も貼り付けていません", TUI_PASTE_MAX);
    else
        editbuf_paste(&e->b, ev->paste, ev->npaste);
    changed(e, before);
}

static int on_paste(void *self, tui_event *ev)
{
    paste(self, ev);
    return TUI_VIEW_STAY;
}

/* Autosave: half a second after typing pauses, at least once a second. */
static void on_idle(void *self)
{
    tui_editor *e = self;
    long long now = now_ms();
    if (e->b.dirty && (now - e->last_change >= IDLE_SAVE_MS || now - e->last_save >= MAX_UNSAVED_MS))
        tui_editor_save(e);
}

static void on_draw(void *self)
{
    draw(self);
}

static int on_leave(void *self)
{
    return may_leave(self);
}

/* Reads wait 200 ms so the autosave runs on time while nobody types. */
static const tui_view_ops editor_ops = {
    .name = "editor", .screen = SCR_EDITOR, .read_flags = TUI_BURST, .timeout_ms = 200,
    .drain = 1, .draw = on_draw, .on_action = on_action, .on_paste = on_paste,
    .on_idle = on_idle, .may_leave = on_leave,
};

static int load(tui_editor *e)
{
    pia_value v;
    pia_err err = { 0 };
    if (pia_store_get_at(e->a->st, e->id, &e->place, e->node->id, &v, &err)) {
        tui_status(e->a, "%s", err.msg);
        return -1;
    }
    editbuf_init(&e->b, v.value ? v.value : "", getmaxx(stdscr) - 4);
    e->b.cursor = e->b.len;
    e->rev = v.rev;
    value_clear(&v);
    return 0;
}

int tui_edit_text(tui_app *a, long id, const pia_node *node, const pia_place *place,
                  const char *where, int external, const tui_event *pasted)
{
    tui_editor e = { .a = a, .id = id, .node = node, .place = *place, .where = where };
    if (load(&e))
        return -1;
    /* The form's last message (a search's 「…」 1/3 件目) would hide the
     * editor's own line — Esc, the count, （未保存） — for its 8 seconds. */
    a->status[0] = '\0';
    e.last_save = now_ms();
    if (pasted && pasted->type == TUI_EV_PASTE)
        paste(&e, pasted);
    if (external) {
        tui_external_editor(&e);
        if (may_leave(&e))     /* a conflict still to settle: stay in the editor */
            tui_view_run(&editor_ops, a, &e);
    } else {
        tui_view_run(&editor_ops, a, &e);
    }
    editbuf_free(&e.b);
    return 0;
}
