/*
 * keymap.h — every key of the TUI, as data: one table maps keys to actions
 * per screen, and the help screen is printed from the same table.
 */
#ifndef PIA_TUI_KEYMAP_H
#define PIA_TUI_KEYMAP_H

typedef enum tui_action {
    ACT_NONE, ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_TOP, ACT_BOTTOM, ACT_OPEN,
    ACT_BACK, ACT_TOGGLE, ACT_NEXT_OPEN, ACT_PREV_SECTION, ACT_NEXT_SECTION,
    ACT_FILES, ACT_INST_ADD, ACT_INST_DEL, ACT_SEARCH, ACT_SEARCH_NEXT, ACT_HELP,
    ACT_CHECK, ACT_EXPORT, ACT_EDITOR, ACT_DETAIL, ACT_NEW, ACT_DUPLICATE, ACT_DELETE,
    ACT_OUTLINE, ACT_LOG, ACT_COMMENT, ACT_REVIEW, ACT_SECTION_STATE, ACT_VERSIONS,
    ACT_THRESHOLD, ACT_IMPORT_NOTES,
    ACT_PROPOSE_CHANGES,        /* compare view: the （別添3）変更箇所 rows */
    ACT_ITEM_INFO,
    ACT_OTHERS,
    ACT_SEARCH_PREV,
    ACT_RENAME, ACT_UNDO
} tui_action;

typedef enum tui_screen { SCR_LIST = 1, SCR_FORM = 2, SCR_CHECK = 4,
                          SCR_COMPARE = 8 } tui_screen;

typedef struct tui_key {
    int key;             /* wide character or KEY_* code */
    int is_code;         /* key is a KEY_* code (get_wch returned KEY_CODE_YES) */
    int screens;         /* tui_screen bits where it applies */
    tui_action action;
    const char *name;    /* as shown in help */
    const char *help;    /* Japanese description (NULL: listed under another key) */
} tui_key;

extern const tui_key tui_keys[];
tui_action tui_key_action(int screen, int key, int is_code);

#endif
