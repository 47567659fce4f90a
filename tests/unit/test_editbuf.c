/*
 * test_editbuf.c — the editor's text model without a terminal: undo steps
 * (typed runs, a typed line, deletions, one paste), the second press asked
 * for before going back to the opening text, redo, and redo forgotten by a
 * new edit.
 */
#include "check.h"
#include "tui/editbuf.h"

#include <stdlib.h>
#include <string.h>

static void type(editbuf *b, const wchar_t *s)
{
    for (; *s; s++)
        editbuf_insert(b, s, 1);
}

static int text_is(const editbuf *b, const char *want)
{
    char *s = editbuf_utf8(b);
    int ok = strcmp(s, want) == 0;
    if (!ok)
        fprintf(stderr, "text: \"%s\", want \"%s\"\n", s, want);
    free(s);
    return ok;
}

static void test_steps(void)
{
    editbuf b;
    editbuf_init(&b, "既存", 40);
    b.cursor = b.len;
    type(&b, L"住民票");                         /* one run */
    editbuf_backspace(&b);                       /* a deletion: its own step */
    editbuf_paste(&b, L"の写しを交付する", 8);    /* a paste: its own step */
    type(&b, L"。\n");                           /* typing after a paste: new step, ends at newline */
    type(&b, L"次");
    CHECK(text_is(&b, "既存住民の写しを交付する。\n次"));
    CHECK(editbuf_undo(&b) == EDITBUF_DONE && text_is(&b, "既存住民の写しを交付する。\n"));
    CHECK(editbuf_undo(&b) == EDITBUF_DONE && text_is(&b, "既存住民の写しを交付する"));
    CHECK(editbuf_undo(&b) == EDITBUF_DONE && text_is(&b, "既存住民"));
    CHECK(editbuf_undo(&b) == EDITBUF_DONE && text_is(&b, "既存住民票"));
    /* The last step would return to the text the editor opened with:
     * the first press only asks, a move in between asks again. */
    CHECK(editbuf_undo(&b) == EDITBUF_ASK && text_is(&b, "既存住民票"));
    editbuf_left(&b);
    CHECK(editbuf_undo(&b) == EDITBUF_ASK && text_is(&b, "既存住民票"));
    CHECK(editbuf_undo(&b) == EDITBUF_DONE && text_is(&b, "既存"));
    CHECK(editbuf_undo(&b) == EDITBUF_NOTHING && text_is(&b, "既存"));
    /* Redo takes everything back, in order. */
    CHECK(editbuf_redo(&b) == 1 && text_is(&b, "既存住民票"));
    CHECK(editbuf_redo(&b) == 1 && text_is(&b, "既存住民"));
    CHECK(editbuf_redo(&b) == 1 && text_is(&b, "既存住民の写しを交付する"));
    CHECK(editbuf_redo(&b) == 1 && editbuf_redo(&b) == 1 && text_is(&b, "既存住民の写しを交付する。\n次"));
    CHECK(editbuf_redo(&b) == 0);
    /* An edit after an undo forgets what redo could have restored. */
    CHECK(editbuf_undo(&b) == EDITBUF_DONE);
    type(&b, L"別");
    CHECK(editbuf_redo(&b) == 0 && text_is(&b, "既存住民の写しを交付する。\n別"));
    editbuf_free(&b);
}

/* A paste into an empty answer, then one Ctrl-Z too many: the paste stays
 * until Ctrl-Z is pressed again. */
static void test_paste_kept(void)
{
    editbuf b;
    editbuf_init(&b, "", 40);
    wchar_t big[224];
    for (int i = 0; i < 224; i++)
        big[i] = L'あ' + (i % 80);
    editbuf_paste(&b, big, 224);
    CHECK(b.len == 224);
    CHECK(editbuf_undo(&b) == EDITBUF_ASK && b.len == 224);
    CHECK(editbuf_undo(&b) == EDITBUF_DONE && b.len == 0);
    CHECK(editbuf_redo(&b) == 1 && b.len == 224 && b.text[223] == big[223]);
    editbuf_free(&b);
}

/* More steps than the stack holds: the oldest go, and the opening text is
 * no longer the bottom, so nothing is asked. */
static void test_many_steps(void)
{
    editbuf b;
    editbuf_init(&b, "", 40);
    for (int i = 0; i < 100; i++) {
        wchar_t c = L'a' + i % 26;
        editbuf_paste(&b, &c, 1);
    }
    int undone = 0, rc;
    while ((rc = editbuf_undo(&b)) == EDITBUF_DONE)
        undone++;
    CHECK(rc == EDITBUF_NOTHING && undone == 64 && b.len == 36);
    editbuf_free(&b);
}

int main(void)
{
    test_steps();
    test_paste_kept();
    test_many_steps();
    return check_result();
}
