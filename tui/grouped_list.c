/*
 * grouped_list.c — cursor movement in a list of groups under headings
 * (grouped_list.h), shared by the check view and the grouped history so
 * that ↑↓, paging and [ ] behave the same in both.
 */
#include "grouped_list.h"
#include "model/err.h"

#include <stdlib.h>

static int push(tui_glist *l, int group, int item)
{
    l->group = pia_xrealloc(l->group, (size_t)(l->n + 1) * sizeof *l->group);
    l->item = pia_xrealloc(l->item, (size_t)(l->n + 1) * sizeof *l->item);
    l->group[l->n] = group;
    l->item[l->n] = item;
    return l->n++;
}

int tui_gl_heading(tui_glist *l)
{
    return push(l, l->ngroups++, -1);
}

int tui_gl_entry(tui_glist *l, int item)
{
    return push(l, l->ngroups > 0 ? l->ngroups - 1 : 0, item);
}

void tui_gl_free(tui_glist *l)
{
    free(l->group);
    free(l->item);
    *l = (tui_glist){ 0 };
}

int tui_gl_item(const tui_glist *l)
{
    return l->cur >= 0 && l->cur < l->n ? l->item[l->cur] : -1;
}

int tui_gl_group(const tui_glist *l)
{
    return l->cur >= 0 && l->cur < l->n ? l->group[l->cur] : -1;
}

static int first_entry(const tui_glist *l, int group)
{
    for (int i = 0; i < l->n; i++)
        if (l->group[i] == group && l->item[i] >= 0)
            return i;
    return -1;
}

static int has_entry(const tui_glist *l)
{
    for (int i = 0; i < l->n; i++)
        if (l->item[i] >= 0)
            return 1;
    return 0;
}

void tui_gl_move(tui_glist *l, int step)
{
    if (!has_entry(l))
        return;
    int dir = step < 0 ? -1 : 1, c = l->cur + step;
    if (c < 0) c = 0;
    if (c >= l->n) c = l->n - 1;
    while (c >= 0 && c < l->n && l->item[c] < 0)
        c += dir;
    if (c < 0 || c >= l->n)          /* only headings that way: the other way */
        for (c = step < 0 ? 0 : l->n - 1; l->item[c] < 0; c -= dir)
            ;
    l->cur = c;
}

void tui_gl_jump_group(tui_glist *l, int dir)
{
    int g = tui_gl_group(l), first = first_entry(l, g);
    if (first < 0)
        return;
    if (dir > 0) {
        for (int i = l->cur + 1; i < l->n; i++)
            if (l->item[i] >= 0 && l->group[i] > g) {
                l->cur = i;
                return;
            }
        return;
    }
    int want = g;                    /* the nearest earlier group with an entry */
    for (int i = first - 1; i >= 0; i--)
        if (l->item[i] >= 0) {
            want = l->group[i];
            break;
        }
    l->cur = first_entry(l, want);
}

void tui_gl_scroll(tui_glist *l, int room)
{
    if (l->cur < l->top) l->top = l->cur;
    if (l->cur >= l->top + room) l->top = l->cur - room + 1;
    if (l->top > 0 && l->item[l->top - 1] < 0 && l->cur - l->top + 1 < room)
        l->top--;                    /* keep the group's heading on screen */
}

int tui_gl_act(tui_glist *l, tui_action action, int room)
{
    int page = room - 1;
    switch (action) {
    case ACT_UP: tui_gl_move(l, -1); return 1;
    case ACT_DOWN: tui_gl_move(l, +1); return 1;
    case ACT_PGUP: tui_gl_move(l, -page); return 1;
    case ACT_PGDN: tui_gl_move(l, +page); return 1;
    case ACT_TOP: tui_gl_move(l, -l->n); return 1;
    case ACT_BOTTOM: tui_gl_move(l, +l->n); return 1;
    case ACT_PREV_SECTION: tui_gl_jump_group(l, -1); return 1;
    case ACT_NEXT_SECTION: tui_gl_jump_group(l, +1); return 1;
    default: return 0;
    }
}
