/*
 * editbuf.c — the editor's text model (see editbuf.h).
 *
 * The layout is recomputed after every change: O(length) with a table
 * lookup per character, a few tens of microseconds for a 20,000-character
 * answer, which keeps the code simple and the keystroke cost flat.
 * Undo keeps whole snapshots, taken at the start of each run of edits of
 * one kind (typing up to a newline, deleting) and before each paste, up to
 * UNDO_MAX of them; redo keeps the texts undo left.
 */
#include "editbuf.h"
#include "width.h"
#include "model/err.h"
#include "model/linebreak.h"

#include <stdlib.h>
#include <string.h>

#define UNDO_MAX 64

typedef struct editbuf_snap {
    wchar_t *text;
    int len, cursor;
} editbuf_snap;

enum { KIND_NONE, KIND_INSERT, KIND_DELETE };

static void layout(editbuf *b);
static void snap_free(editbuf_snap *u, int n);

/* Where a line that overflows at i breaks: before i, moved back past what
 * may not start a line (、。」 small kana) or end one (「（), the rules of
 * model/linebreak; at i when the whole line is such characters. */
static int kinsoku_break(const editbuf *b, int start, int i)
{
    for (int at = i; at > start; at--)
        if (!pia_lb_no_start((unsigned)b->text[at]) && !pia_lb_no_end((unsigned)b->text[at - 1]))
            return at;
    return i;
}

static void layout(editbuf *b)
{
    b->nlines = 0;
    int col = 0, start = 0;
    for (int i = 0; ; i++) {
        if (b->nlines + 2 > b->lines_cap) {
            b->lines_cap = b->lines_cap ? b->lines_cap * 2 : 64;
            b->lines = pia_xrealloc(b->lines, (size_t)b->lines_cap * sizeof *b->lines);
        }
        if (i == b->len) {
            b->lines[b->nlines++] = start;
            break;
        }
        if (b->text[i] == L'\n') {
            b->lines[b->nlines++] = start;
            start = i + 1;
            col = 0;
            continue;
        }
        int w = tui_wcwidth(b->text[i]);
        if (col + w > b->width && col > 0) {
            b->lines[b->nlines++] = start;
            start = kinsoku_break(b, start, i);
            col = tui_wcswidth(b->text + start, i - start);
        }
        col += w;
    }
}

void editbuf_init(editbuf *b, const char *utf8, int width)
{
    memset(b, 0, sizeof *b);
    b->text = tui_utf8_to_wcs(utf8 ? utf8 : "", &b->len);
    b->cap = b->len + 1;
    b->width = width > 4 ? width : 4;
    b->cursor = 0;
    b->goal_col = -1;
    b->undo = pia_xcalloc(UNDO_MAX, sizeof *b->undo);
    b->redo = pia_xcalloc(UNDO_MAX, sizeof *b->redo);
    layout(b);
}

void editbuf_free(editbuf *b)
{
    snap_free(b->undo, b->nundo);
    snap_free(b->redo, b->nredo);
    free(b->undo);
    free(b->redo);
    free(b->text);
    free(b->lines);
    memset(b, 0, sizeof *b);
}

char *editbuf_utf8(const editbuf *b)
{
    return tui_wcs_to_utf8(b->text, b->len);
}

void editbuf_set_width(editbuf *b, int width)
{
    b->width = width > 4 ? width : 4;
    layout(b);
}

static void snap_free(editbuf_snap *u, int n)
{
    for (int i = 0; i < n; i++)
        free(u[i].text);
}

/* Push the current text onto a stack of UNDO_MAX; the oldest goes when
 * it is full (*dropped says so). */
static void push(editbuf *b, editbuf_snap *stack, int *n, int *dropped)
{
    if (*n == UNDO_MAX) {
        free(stack[0].text);
        memmove(stack, stack + 1, (UNDO_MAX - 1) * sizeof *stack);
        (*n)--;
        if (dropped)
            *dropped = 1;
    }
    editbuf_snap *u = &stack[(*n)++];
    u->text = pia_xmalloc(((size_t)b->len + 1) * sizeof *u->text);
    memcpy(u->text, b->text, (size_t)b->len * sizeof *u->text);
    u->len = b->len;
    u->cursor = b->cursor;
}

/* Take the text of u (its memory moves into b). */
static void restore(editbuf *b, editbuf_snap *u)
{
    free(b->text);
    b->text = u->text;
    b->len = u->len;
    b->cap = u->len + 1;
    b->cursor = u->cursor;
    b->goal_col = -1;
    b->last_kind = KIND_NONE;
    b->dirty = 1;
    layout(b);
}

/* Before an edit of `kind`: a new undo step unless it continues the run
 * of the same kind; any edit ends what redo could take back. */
static void snapshot(editbuf *b, int kind)
{
    b->armed = 0;
    snap_free(b->redo, b->nredo);
    b->nredo = 0;
    if (kind == b->last_kind)
        return;
    b->last_kind = kind;
    push(b, b->undo, &b->nundo, &b->dropped);
}

int editbuf_undo(editbuf *b)
{
    if (b->nundo == 0)
        return EDITBUF_NOTHING;
    if (b->nundo == 1 && !b->dropped && !b->armed) {
        b->armed = 1;
        b->last_kind = KIND_NONE;
        return EDITBUF_ASK;
    }
    b->armed = 0;
    push(b, b->redo, &b->nredo, NULL);
    restore(b, &b->undo[--b->nundo]);
    return EDITBUF_DONE;
}

int editbuf_redo(editbuf *b)
{
    if (b->nredo == 0)
        return 0;
    b->armed = 0;
    push(b, b->undo, &b->nundo, &b->dropped);
    restore(b, &b->redo[--b->nredo]);
    return 1;
}

void editbuf_paste(editbuf *b, const wchar_t *s, int n)
{
    b->last_kind = KIND_NONE;
    editbuf_insert(b, s, n);
    b->last_kind = KIND_NONE;    /* typing after it is a step of its own */
}

void editbuf_insert(editbuf *b, const wchar_t *s, int n)
{
    if (n <= 0)
        return;
    snapshot(b, KIND_INSERT);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->text = pia_xrealloc(b->text, (size_t)b->cap * sizeof *b->text);
    }
    memmove(b->text + b->cursor + n, b->text + b->cursor, (size_t)(b->len - b->cursor) * sizeof *b->text);
    memcpy(b->text + b->cursor, s, (size_t)n * sizeof *s);
    b->len += n;
    b->cursor += n;
    b->goal_col = -1;
    b->dirty = 1;
    if (n == 1 && s[0] == L'\n')
        b->last_kind = KIND_NONE;    /* a typed line is one undo step */
    layout(b);
}

static void remove_at(editbuf *b, int at)
{
    snapshot(b, KIND_DELETE);
    memmove(b->text + at, b->text + at + 1, (size_t)(b->len - at - 1) * sizeof *b->text);
    b->len--;
    b->goal_col = -1;
    b->dirty = 1;
    layout(b);
}

void editbuf_backspace(editbuf *b)
{
    if (b->cursor == 0)
        return;
    b->cursor--;
    remove_at(b, b->cursor);
}

void editbuf_delete(editbuf *b)
{
    if (b->cursor < b->len)
        remove_at(b, b->cursor);
}

int editbuf_line(const editbuf *b, int i, int *start)
{
    *start = b->lines[i];
    int end = i + 1 < b->nlines ? b->lines[i + 1] : b->len;
    if (end > *start && end <= b->len && end > 0 && b->text[end - 1] == L'\n')
        end--;
    return end - *start;
}

int editbuf_cursor_line(const editbuf *b)
{
    int lo = 0, hi = b->nlines - 1;
    while (lo < hi) {                    /* last line whose start <= cursor */
        int mid = (lo + hi + 1) / 2;
        if (b->lines[mid] <= b->cursor)
            lo = mid;
        else
            hi = mid - 1;
    }
    /* A cursor at the very end of a wrapped (not newline-ended) line sits
     * at the start of the next one, as in most editors. */
    return lo;
}

int editbuf_cursor_col(const editbuf *b)
{
    int line = editbuf_cursor_line(b);
    return tui_wcswidth(b->text + b->lines[line], b->cursor - b->lines[line]);
}

void editbuf_left(editbuf *b)
{
    if (b->cursor > 0)
        b->cursor--;
    b->goal_col = -1;
    b->last_kind = KIND_NONE;
    b->armed = 0;
}

void editbuf_right(editbuf *b)
{
    if (b->cursor < b->len)
        b->cursor++;
    b->goal_col = -1;
    b->last_kind = KIND_NONE;
    b->armed = 0;
}

/* Put the cursor on display line `line` at the column nearest goal. */
static void to_line(editbuf *b, int line, int goal)
{
    int start, n = editbuf_line(b, line, &start), col = 0, i = 0;
    while (i < n) {
        int w = tui_wcwidth(b->text[start + i]);
        if (col + w > goal)
            break;
        col += w;
        i++;
    }
    b->cursor = start + i;
}

static void move_lines(editbuf *b, int delta)
{
    if (b->goal_col < 0)
        b->goal_col = editbuf_cursor_col(b);
    int line = editbuf_cursor_line(b) + delta;
    if (line < 0)
        line = 0;
    if (line >= b->nlines)
        line = b->nlines - 1;
    to_line(b, line, b->goal_col);
    b->last_kind = KIND_NONE;
    b->armed = 0;
}

void editbuf_up(editbuf *b, int n) { move_lines(b, -n); }
void editbuf_down(editbuf *b, int n) { move_lines(b, n); }

void editbuf_home(editbuf *b)
{
    b->cursor = b->lines[editbuf_cursor_line(b)];
    b->goal_col = -1;
    b->last_kind = KIND_NONE;
    b->armed = 0;
}

void editbuf_end(editbuf *b)
{
    int start, n = editbuf_line(b, editbuf_cursor_line(b), &start);
    b->cursor = start + n;
    b->goal_col = -1;
    b->last_kind = KIND_NONE;
    b->armed = 0;
}
