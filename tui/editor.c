/*
 * editor.c — editing one text answer.
 *
 * The item's number, label and guidance stay at the top; the text is soft-
 * wrapped below by display columns.  Saving needs no key: the answer is
 * stored half a second after typing pauses, at least once a second while
 * typing goes on, when the editor is left, and when SIGHUP or SIGTERM
 * arrives — so a killed process loses at most the last second.  Each save
 * names the revision it started from; if someone else saved in between,
 * nothing is overwritten and the user chooses which text to keep.
 */
#include "app.h"
#include "editbuf.h"
#include "width.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define IDLE_SAVE_MS 500
#define MAX_UNSAVED_MS 1000

typedef struct editor {
    tui_app *a;
    long id;
    const pia_node *node;
    int afile, inst;
    long rev;
    editbuf b;
    long long last_change, last_save;
    int top;          /* first display line shown */
    const char *where;
} editor;

static long long now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static void conflict(editor *e, const char *mine)
{
    pia_value theirs;
    pia_err err = { 0 };
    if (pia_store_get(e->a->st, e->id, e->afile, e->inst, e->node->id, &theirs, &err))
        return;
    char *text = pia_xasprintf("この項目は編集中にほかの人（%s）が変更しました。\n\n"
                               "― ほかの人の記載 ―\n%s\n\n― あなたの記載 ―\n%s",
                               theirs.updated_by ? theirs.updated_by : "?",
                               theirs.value ? theirs.value : "", mine);
    tui_message(e->a, "同時に変更されました（確認して Enter）", text);
    free(text);
    const char *choices[] = { "あなたの記載を保存する", "ほかの人の記載に置き換える（あなたの記載は破棄）" };
    int c = tui_menu(e->a, "どちらを残しますか", choices, 2, 0);
    e->rev = theirs.rev;
    if (c == 1) {
        editbuf_free(&e->b);
        editbuf_init(&e->b, theirs.value ? theirs.value : "", getmaxx(stdscr) - 4);
        e->b.dirty = 0;
    }
    free(theirs.value);
    free(theirs.detail);
    free(theirs.updated);
    free(theirs.updated_by);
}

static int save(editor *e)
{
    if (!e->b.dirty || e->a->readonly)
        return 0;
    char *text = editbuf_utf8(&e->b);
    pia_err err = { 0 };
    long rev = 0;
    const char *group = e->node->repeat_group ? e->node->repeat_group->id : NULL;
    int rc = pia_store_set(e->a->st, e->id, e->afile, group, e->inst, e->node->id, text, "",
                           e->rev, &rev, &err);
    e->last_save = now_ms();
    if (rc == 0) {
        e->rev = rev;
        e->b.dirty = 0;
        tui_mark_saved(e->a);
    } else if (err.code == PIA_ECONFLICT) {
        conflict(e, text);
    } else {
        /* Locked or full: keep the text in the editor and try again. */
        tui_status(e->a, "保存できません（入力は保持しています）: %s", err.msg);
    }
    free(text);
    return rc;
}

static void draw(editor *e)
{
    int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
    erase();
    char *h = pia_node_heading(e->node);
    char *title = pia_xasprintf("%s ／ %s", e->where, h);
    tui_hline_text(stdscr, 0, title, PAIR_TITLE);
    free(title);
    free(h);
    int y = 1;
    if (e->node->help) {
        attron(A_DIM);
        y += 0;
        tui_put(stdscr, y++, 1, cols - 2, e->node->help);
        attroff(A_DIM);
    }
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
    char hint[160];
    snprintf(hint, sizeof hint, "Esc/F2: 終わる  Ctrl-Z: 取り消し  %d 文字  %d/%d 行%s",
             e->b.len, cl + 1, e->b.nlines, e->b.dirty ? "  （未保存）" : "");
    tui_draw_status(e->a, hint);
    move(text_top + cl - e->top, 2 + editbuf_cursor_col(&e->b));
    refresh();
}

/* $VISUAL / $EDITOR on a private temporary file, read back when it exits. */
static void external_editor(editor *e)
{
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed) ed = getenv("EDITOR");
    if (!ed || !*ed) ed = "vi";
    char path[] = "/tmp/pia-edit-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        tui_status(e->a, "一時ファイルを作れません: %s", strerror(errno));
        return;
    }
    char *text = editbuf_utf8(&e->b);
    ssize_t wr = write(fd, text, strlen(text));
    free(text);
    close(fd);
    if (wr < 0) {
        unlink(path);
        return;
    }
    def_prog_mode();
    endwin();
    pid_t pid = fork();
    if (pid == 0) {
        execlp("sh", "sh", "-c", "exec $0 \"$1\"", ed, path, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    if (pid > 0)
        waitpid(pid, &status, 0);
    reset_prog_mode();
    refresh();
    FILE *fp = fopen(path, "r");
    if (fp && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        char *buf = NULL;
        size_t cap = 0, len = 0;
        for (size_t n; (buf = pia_xrealloc(buf, cap += 65536)), (n = fread(buf + len, 1, cap - len - 1, fp)) > 0;)
            len += n;
        buf[len] = '\0';
        if (len && buf[len - 1] == '\n')
            buf[--len] = '\0';
        long rev = e->rev;
        editbuf_free(&e->b);
        editbuf_init(&e->b, buf, getmaxx(stdscr) - 4);
        e->b.cursor = e->b.len;
        e->b.dirty = 1;
        e->rev = rev;
        free(buf);
        save(e);
    } else {
        tui_status(e->a, "エディタが正常に終了しなかったため、回答は変えていません");
    }
    if (fp)
        fclose(fp);
    unlink(path);
}

static int handle_key(editor *e, int t, wint_t k)
{
    int page = getmaxy(stdscr) - 6;
    if (t == KEY_CODE_YES) {
        switch (k) {
        case KEY_LEFT: editbuf_left(&e->b); break;
        case KEY_RIGHT: editbuf_right(&e->b); break;
        case KEY_UP: editbuf_up(&e->b, 1); break;
        case KEY_DOWN: editbuf_down(&e->b, 1); break;
        case KEY_PPAGE: editbuf_up(&e->b, page); break;
        case KEY_NPAGE: editbuf_down(&e->b, page); break;
        case KEY_HOME: editbuf_home(&e->b); break;
        case KEY_END: editbuf_end(&e->b); break;
        case KEY_BACKSPACE: editbuf_backspace(&e->b); break;
        case KEY_DC: editbuf_delete(&e->b); break;
        case KEY_ENTER: { wchar_t nl = L'\n'; editbuf_insert(&e->b, &nl, 1); break; }
        case KEY_F(2): return 1;
        default: break;
        }
        return 0;
    }
    switch (k) {
    case 27: return 1;
    case 127: case 8: editbuf_backspace(&e->b); break;
    case 26: if (!editbuf_undo(&e->b)) tui_status(e->a, "これ以上取り消せません"); break;   /* Ctrl-Z */
    case 5: external_editor(e); break;                                                     /* Ctrl-E */
    case 1: editbuf_home(&e->b); break;                                                    /* Ctrl-A */
    case '\r': case '\n': { wchar_t nl = L'\n'; editbuf_insert(&e->b, &nl, 1); break; }
    default:
        if (k >= 0x20 || k == '\t') {
            wchar_t c = (wchar_t)k;
            editbuf_insert(&e->b, &c, 1);
        }
    }
    return 0;
}

/* Pasted text arrives as a burst of keys: take everything already waiting
 * before redrawing, so pasting 20,000 characters is one redraw, not 20,000. */
static int drain(editor *e)
{
    for (;;) {
        wint_t k;
        timeout(0);
        int t = get_wch(&k);
        if (t == ERR)
            return 0;
        if (t == KEY_CODE_YES && k == KEY_RESIZE)
            continue;
        if (handle_key(e, t, k))
            return 1;
    }
}

int tui_edit_text(tui_app *a, long id, const pia_form *form, const pia_node *node,
                  int afile, int inst, const char *where, int external)
{
    (void)form;
    editor e = { .a = a, .id = id, .node = node, .afile = afile, .inst = inst, .where = where };
    pia_value v;
    pia_err err = { 0 };
    if (pia_store_get(a->st, id, afile, inst, node->id, &v, &err)) {
        tui_status(a, "%s", err.msg);
        return -1;
    }
    editbuf_init(&e.b, v.value ? v.value : "", getmaxx(stdscr) - 4);
    e.b.cursor = e.b.len;
    e.rev = v.rev;
    free(v.value);
    free(v.detail);
    free(v.updated);
    free(v.updated_by);
    e.last_save = now_ms();
    int done = 0;
    if (external) {
        external_editor(&e);
        done = 1;
    }
    while (!done && !tui_quit_signal) {
        if (tui_size_ok())
            draw(&e);
        wint_t k;
        int t = tui_getkey(200, &k);
        long long now = now_ms();
        if (t != ERR && !(t == KEY_CODE_YES && k == KEY_RESIZE)) {
            int before = e.b.dirty;
            done = handle_key(&e, t, k) || drain(&e);
            if (e.b.dirty && !before)
                e.last_save = now;
            if (e.b.dirty)
                e.last_change = now;
        }
        if (e.b.dirty && (now - e.last_change >= IDLE_SAVE_MS || now - e.last_save >= MAX_UNSAVED_MS))
            save(&e);
    }
    save(&e);
    editbuf_free(&e.b);
    return 0;
}
