/*
 * test_keymap.c — the key table (tui/keymap.c) as data: no key is listed
 * twice for one screen (the later row could never be reached), every
 * named row has its help and every helped row its name, no printable
 * character is taken from the editor or a prompt (it would not be typed),
 * the editor's, prompts' and menus' keys are found by tui_key_action, and
 * the help lines come from the table.
 */
#include "check.h"
#include "tui/keymap.h"

#include <curses.h>
#include <stdlib.h>

static int count(void)
{
    int n = 0;
    while (tui_keys[n].key || tui_keys[n].action)
        n++;
    return n;
}

static void test_rows(void)
{
    int n = count();
    CHECK(n > 100);
    for (int i = 0; i < n; i++) {
        const tui_key *k = &tui_keys[i];
        CHECK(k->screens != 0);
        CHECK(k->action != ACT_NONE);
        CHECK(!k->help == !k->name);
        for (int j = i + 1; j < n; j++)
            if (tui_keys[j].key == k->key && tui_keys[j].is_code == k->is_code &&
                (tui_keys[j].screens & k->screens)) {
                fprintf(stderr, "key %d listed twice for screens %#x (rows %d and %d)\n",
                        k->key, tui_keys[j].screens & k->screens, i, j);
                CHECK(0);
            }
        int printable = !k->is_code && k->key >= 0x20 && k->key != 0x7f;
        CHECK(!(printable && (k->screens & (SCR_EDITOR | SCR_PROMPT))));
    }
}

static void test_lookup(void)
{
    CHECK(tui_key_action(SCR_EDITOR, 26, 0) == ACT_UNDO);          /* Ctrl-Z */
    CHECK(tui_key_action(SCR_EDITOR, 25, 0) == ACT_REDO);          /* Ctrl-Y */
    CHECK(tui_key_action(SCR_EDITOR, KEY_F(2), 1) == ACT_BACK);
    CHECK(tui_key_action(SCR_EDITOR, 27, 0) == ACT_BACK);
    CHECK(tui_key_action(SCR_EDITOR, '?', 0) == ACT_NONE);         /* text */
    CHECK(tui_key_action(SCR_EDITOR, 'q', 0) == ACT_NONE);
    CHECK(tui_key_action(SCR_EDITOR, KEY_F(1), 1) == ACT_HELP);
    CHECK(tui_key_action(SCR_PROMPT, '\n', 0) == ACT_OPEN);
    CHECK(tui_key_action(SCR_PROMPT, 'k', 0) == ACT_NONE);         /* text */
    CHECK(tui_key_action(SCR_MENU, '3', 0) == ACT_PICK);
    CHECK(tui_key_action(SCR_MENU, 'k', 0) == ACT_UP);
    CHECK(tui_key_action(SCR_CONFIRM, 'y', 0) == ACT_YES);
    CHECK(tui_key_action(SCR_CONFIRM, 'k', 0) == ACT_NONE);
    CHECK(tui_key_action(SCR_MESSAGE, ' ', 0) == ACT_PGDN);
    CHECK(tui_key_action(SCR_MESSAGE, '\n', 0) == ACT_BACK);
    CHECK(tui_key_action(SCR_HISTORY, 'r', 0) == ACT_RESTORE);
    CHECK(tui_key_action(SCR_LIST, 'r', 0) == ACT_RENAME);
    CHECK(tui_key_action(SCR_FORM, ' ', 0) == ACT_TOGGLE);
    CHECK(tui_key_action(SCR_COMPARE, ' ', 0) == ACT_PGDN);
}

static void test_help(void)
{
    char *buf = malloc(1);
    buf[0] = '\0';
    tui_key_help(SCR_EDITOR, &buf);
    CHECK_HAS(buf, "Ctrl-Y");
    CHECK_HAS(buf, "Esc / F2");
    CHECK(strstr(buf, "しきい値判断") == NULL);      /* a list key */
    free(buf);
    buf = malloc(1);
    buf[0] = '\0';
    tui_key_help(SCR_MENU, &buf);
    CHECK_HAS(buf, "1〜9");
    CHECK_HAS(buf, "メニュー: その番号を選ぶ");
    free(buf);
}

int main(void)
{
    test_rows();
    test_lookup();
    test_help();
    return check_result();
}
