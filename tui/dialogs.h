/*
 * dialogs.h — small windows over the current view (dialogs.c): a
 * one-line prompt, a yes/no question, a pick-one menu, a scrolling
 * message and the help screen.  Their keys are in the key table
 * (SCR_PROMPT, SCR_CONFIRM, SCR_MENU, SCR_MESSAGE).
 */
#ifndef PIA_TUI_DIALOGS_H
#define PIA_TUI_DIALOGS_H

#include "app.h"

/* 0 with the text in out; -1 on Esc or a quit signal. */
int tui_prompt(tui_app *a, const char *title, const char *initial, char *out, size_t n);
/* 1 for yes. */
int tui_confirm(tui_app *a, const char *question);
/* The index chosen, or -1. */
int tui_menu(tui_app *a, const char *title, const char *const *items, int n, int current);
/* The same, saying what Esc does ("取消" for tui_menu). */
int tui_menu_esc(tui_app *a, const char *title, const char *const *items, int n, int current,
                 const char *esc);
void tui_message(tui_app *a, const char *title, const char *text);
/* The keys of `screen` (a tui_screen bit) from the key table, then those
 * of the editor, prompts and menus that every screen can lead to. */
void tui_help(tui_app *a, int screen);

#endif
