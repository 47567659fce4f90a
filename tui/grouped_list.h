/*
 * grouped_list.h — the movement of a list whose rows come in groups, each
 * opened by a heading row the cursor passes over (the check view and the
 * whole assessment's history): ↑↓, paging, Home/End, [ ] to the previous
 * or next group, and the first visible row.  It knows only which row is a
 * heading and which group a row is in; the views keep and draw the texts,
 * row for row in the same order.
 */
#ifndef PIA_TUI_GROUPED_LIST_H
#define PIA_TUI_GROUPED_LIST_H

#include "keymap.h"

typedef struct tui_glist {
    int *group;     /* each row's group, counted from 0 */
    int *item;      /* the view's entry a row shows; -1 for a group's heading */
    int n, cur, top;
    int ngroups;
} tui_glist;

/* A new group's heading row / an entry row in the last group (item >= 0);
 * each returns the row's index. */
int tui_gl_heading(tui_glist *l);
int tui_gl_entry(tui_glist *l, int item);
void tui_gl_free(tui_glist *l);

/* The entry under the cursor (-1 when the list has none) and its group. */
int tui_gl_item(const tui_glist *l);
int tui_gl_group(const tui_glist *l);

/* Move by `step` rows, then on to the nearest entry (headings are not
 * stops), staying inside the list; nothing when there is no entry. */
void tui_gl_move(tui_glist *l, int step);
/* To the first entry of the previous (dir < 0) or next group that has
 * one; in the first group [ goes to its first entry, in the last ] stays. */
void tui_gl_jump_group(tui_glist *l, int dir);
/* The row at the top of `room` rows so that the cursor shows, with its
 * group's heading when there is space for it. */
void tui_gl_scroll(tui_glist *l, int room);
/* ↑↓ PgUp/PgDn (a page is room - 1 rows) Home/End [ ]: 1 when the action
 * was one of these. */
int tui_gl_act(tui_glist *l, tui_action action, int room);

#endif
