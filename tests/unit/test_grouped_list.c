/*
 * test_grouped_list.c — the cursor of a grouped list (tui/grouped_list.c):
 * headings are never stops, [ ] go to a group's first entry, paging stops
 * at the ends, the heading of the top group stays on screen, and an empty
 * list (or one of headings only) moves nowhere.
 */
#include "check.h"
#include "tui/grouped_list.h"

/* Groups of 3, 1 and 4 entries: rows
 * 0 H  1 a  2 b  3 c  4 H  5 d  6 H  7 e  8 f  9 g  10 h */
static void three_groups(tui_glist *l)
{
    static const int sizes[] = { 3, 1, 4 };
    int item = 0;
    for (int g = 0; g < 3; g++) {
        tui_gl_heading(l);
        for (int i = 0; i < sizes[g]; i++)
            tui_gl_entry(l, item++);
    }
}

static void test_moves(void)
{
    tui_glist l = { 0 };
    three_groups(&l);
    CHECK(l.n == 11 && l.ngroups == 3);
    tui_gl_move(&l, -l.n);                    /* Home: past the first heading */
    CHECK(l.cur == 1 && tui_gl_item(&l) == 0 && tui_gl_group(&l) == 0);
    tui_gl_act(&l, ACT_UP, 10);               /* nothing above: stays */
    CHECK(l.cur == 1);
    tui_gl_move(&l, +2);
    CHECK(l.cur == 3);
    tui_gl_act(&l, ACT_DOWN, 10);             /* over the heading into group 1 */
    CHECK(l.cur == 5 && tui_gl_item(&l) == 3 && tui_gl_group(&l) == 1);
    tui_gl_act(&l, ACT_UP, 10);               /* and back over it */
    CHECK(l.cur == 3);
    tui_gl_act(&l, ACT_BOTTOM, 10);
    CHECK(l.cur == 10 && tui_gl_item(&l) == 7);
    tui_gl_act(&l, ACT_DOWN, 10);
    CHECK(l.cur == 10);
    CHECK(!tui_gl_act(&l, ACT_OPEN, 10));     /* not a movement */
    tui_gl_free(&l);
    CHECK(l.n == 0 && l.group == NULL);
}

static void test_groups(void)
{
    tui_glist l = { 0 };
    three_groups(&l);
    tui_gl_move(&l, -l.n);
    tui_gl_move(&l, +1);                      /* b, in group 0 */
    tui_gl_act(&l, ACT_PREV_SECTION, 10);     /* first group: to its first entry */
    CHECK(l.cur == 1);
    tui_gl_act(&l, ACT_NEXT_SECTION, 10);
    CHECK(l.cur == 5);
    tui_gl_act(&l, ACT_NEXT_SECTION, 10);
    CHECK(l.cur == 7);
    tui_gl_move(&l, +2);                      /* g */
    tui_gl_act(&l, ACT_NEXT_SECTION, 10);     /* last group: stays */
    CHECK(l.cur == 9);
    tui_gl_act(&l, ACT_PREV_SECTION, 10);     /* the previous group, not this one's top */
    CHECK(l.cur == 5);
    tui_gl_act(&l, ACT_PREV_SECTION, 10);
    CHECK(l.cur == 1);
    tui_gl_free(&l);
}

static void test_paging(void)
{
    tui_glist l = { 0 };
    three_groups(&l);
    tui_gl_move(&l, -l.n);
    tui_gl_act(&l, ACT_PGDN, 5);              /* a page is room - 1 = 4 rows: 1 → 5 */
    CHECK(l.cur == 5);
    tui_gl_act(&l, ACT_PGDN, 5);              /* 9 */
    CHECK(l.cur == 9);
    tui_gl_act(&l, ACT_PGDN, 5);              /* past the end: the last entry */
    CHECK(l.cur == 10);
    tui_gl_scroll(&l, 5);
    CHECK(l.top == 6);                        /* rows 6–10: the group's heading shows */
    tui_gl_act(&l, ACT_PGUP, 5);              /* 6 is a heading: on up to d */
    CHECK(l.cur == 5);
    tui_gl_scroll(&l, 5);
    CHECK(l.top == 4);                        /* heading 4 kept above d */
    tui_gl_act(&l, ACT_PGUP, 5);              /* 1 */
    CHECK(l.cur == 1);
    tui_gl_act(&l, ACT_PGUP, 5);              /* past the start: the first entry */
    CHECK(l.cur == 1);
    tui_gl_scroll(&l, 5);
    CHECK(l.top == 0);
    tui_gl_free(&l);
}

static void test_scroll_small(void)
{
    tui_glist l = { 0 };
    three_groups(&l);
    tui_gl_move(&l, +l.n);
    tui_gl_scroll(&l, 1);                     /* one row: the cursor only */
    CHECK(l.top == 10);
    tui_gl_move(&l, -3);                      /* e, right under its heading */
    tui_gl_scroll(&l, 1);
    CHECK(l.top == 7);
    tui_gl_scroll(&l, 2);                     /* two rows: the heading too */
    CHECK(l.top == 6);
    tui_gl_free(&l);
}

static void test_empty(void)
{
    tui_glist l = { 0 };
    for (int a = ACT_UP; a <= ACT_NEXT_SECTION; a++)
        tui_gl_act(&l, (tui_action)a, 10);
    tui_gl_scroll(&l, 10);
    CHECK(l.cur == 0 && l.top == 0 && tui_gl_item(&l) == -1 && tui_gl_group(&l) == -1);
    tui_gl_heading(&l);                       /* headings only: still nothing to stand on */
    tui_gl_heading(&l);
    for (int a = ACT_UP; a <= ACT_NEXT_SECTION; a++)
        tui_gl_act(&l, (tui_action)a, 10);
    CHECK(l.cur == 0 && tui_gl_item(&l) == -1);
    tui_gl_free(&l);
}

static void test_empty_group(void)
{
    tui_glist l = { 0 };                      /* H a  H  H b: the middle group is empty */
    tui_gl_heading(&l);
    tui_gl_entry(&l, 0);
    tui_gl_heading(&l);
    tui_gl_heading(&l);
    tui_gl_entry(&l, 1);
    tui_gl_move(&l, -l.n);
    tui_gl_act(&l, ACT_NEXT_SECTION, 10);
    CHECK(l.cur == 4 && tui_gl_group(&l) == 2);
    tui_gl_act(&l, ACT_UP, 10);               /* over both headings */
    CHECK(l.cur == 1);
    tui_gl_move(&l, +1);
    tui_gl_act(&l, ACT_PREV_SECTION, 10);     /* over the empty group */
    CHECK(l.cur == 1);
    tui_gl_free(&l);
}

int main(void)
{
    test_moves();
    test_groups();
    test_paging();
    test_scroll_small();
    test_empty();
    test_empty_group();
    return check_result();
}
