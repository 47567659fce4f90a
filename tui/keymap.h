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
    ACT_RENAME, ACT_UNDO,
    ACT_RESTORE,                /* history: put this earlier text back */
    /* Editing text (the editor, one-line prompts). */
    ACT_LEFT, ACT_RIGHT, ACT_LINE_START, ACT_LINE_END, ACT_BACKSPACE, ACT_DEL_CHAR,
    ACT_NEWLINE, ACT_REDO,
    /* Dialogs: a numbered menu entry (the key is the digit), a yes. */
    ACT_PICK, ACT_YES
} tui_action;

/* Where a key row applies.  The views (view.h) and the modal parts run
 * over them (editor, prompt, menu, confirm, message) each have a bit, so
 * the help screen can list every key a person can press. */
typedef enum tui_screen { SCR_LIST = 1, SCR_FORM = 2, SCR_CHECK = 4,
                          SCR_COMPARE = 8, SCR_HISTORY = 16, SCR_EDITOR = 32,
                          SCR_PROMPT = 64, SCR_MENU = 128, SCR_CONFIRM = 256,
                          SCR_MESSAGE = 512 } tui_screen;

typedef struct tui_key {
    int key;             /* wide character or KEY_* code */
    int is_code;         /* key is a KEY_* code (get_wch returned KEY_CODE_YES) */
    int screens;         /* tui_screen bits where it applies */
    tui_action action;
    const char *name;    /* as shown in help */
    const char *help;    /* Japanese description (NULL: listed under another key) */
} tui_key;

extern const tui_key tui_keys[];
/* The action of key on screen (a tui_screen bit); ACT_NONE for a key
 * without a row there (text, in the editor and prompts). */
tui_action tui_key_action(int screen, int key, int is_code);
/* The help lines ("name  help\n") of the rows on `screens`, appended to
 * *buf (malloc'd, grown).  A line's help text starts at column
 * TUI_KEY_HELP_COLUMN (a longer name pushes it on); tui_key_help_line
 * appends one such line. */
#define TUI_KEY_HELP_COLUMN 15
void tui_key_help(int screens, char **buf);
void tui_key_help_line(const char *name, const char *help, char **buf);

#endif
