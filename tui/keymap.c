/*
 * keymap.c — the key table (see keymap.h).  Adding a key is adding a row.
 * Rows are searched in order: the first row for a key on a screen wins.
 */
#include "keymap.h"
#include "width.h"
#include "model/err.h"

#include <curses.h>
#include <stdlib.h>

#define ALL (SCR_LIST | SCR_FORM | SCR_CHECK | SCR_HISTORY)
#define DIALOGS (SCR_MENU | SCR_CONFIRM | SCR_MESSAGE)

const tui_key tui_keys[] = {
    { KEY_UP, 1, ALL, ACT_UP, "↑ / k", "上へ" },
    { 'k', 0, ALL, ACT_UP, NULL, NULL },
    { KEY_DOWN, 1, ALL, ACT_DOWN, "↓ / j", "下へ" },
    { 'j', 0, ALL, ACT_DOWN, NULL, NULL },
    { KEY_PPAGE, 1, ALL, ACT_PGUP, "PgUp", "前のページ" },
    { KEY_NPAGE, 1, ALL, ACT_PGDN, "PgDn", "次のページ" },
    { KEY_HOME, 1, ALL, ACT_TOP, "Home / g", "先頭へ" },
    { 'g', 0, ALL, ACT_TOP, NULL, NULL },
    { KEY_END, 1, ALL, ACT_BOTTOM, "End / G", "末尾へ" },
    { 'G', 0, ALL, ACT_BOTTOM, NULL, NULL },
    { '\n', 0, ALL, ACT_OPEN, "Enter", "開く・編集する・選ぶ" },
    { '\r', 0, ALL, ACT_OPEN, NULL, NULL },
    { KEY_ENTER, 1, ALL, ACT_OPEN, NULL, NULL },
    { 'q', 0, ALL, ACT_BACK, "q / Esc", "戻る（一覧で q は終了）" },
    { 27, 0, ALL, ACT_BACK, NULL, NULL },
    { ' ', 0, SCR_FORM, ACT_TOGGLE, "Space", "チェック欄を切り替える" },
    { 'n', 0, SCR_FORM, ACT_NEXT_OPEN, "n / Tab", "次の未回答の項目へ" },
    { '\t', 0, SCR_FORM, ACT_NEXT_OPEN, NULL, NULL },
    { '[', 0, SCR_FORM | SCR_CHECK, ACT_PREV_SECTION, "[ / ]", "前・次の大項目（Ⅰ…Ⅵ、別添）へ" },
    { ']', 0, SCR_FORM | SCR_CHECK, ACT_NEXT_SECTION, NULL, NULL },
    { 'o', 0, SCR_FORM, ACT_OUTLINE, "o", "目次（大項目ごとの回答数）" },
    { 'f', 0, SCR_FORM, ACT_FILES, "f", "特定個人情報ファイル（選択・追加・名前変更・並べ替え・削除・ほかのファイルからコピー）" },
    { '+', 0, SCR_FORM, ACT_INST_ADD, "+", "繰り返し項目（システム・委託事項・提供先など）を追加" },
    { '-', 0, SCR_FORM, ACT_INST_DEL, "-", "繰り返し項目を削除（確認あり）" },
    { 'i', 0, SCR_FORM, ACT_ITEM_INFO, "i", "項目の説明（番号・項目名・記載の手引きの全文）" },
    { 'd', 0, SCR_FORM, ACT_DETAIL, "d", "（ ）内の記載（件数・その他の内容）を入力" },
    { 'e', 0, SCR_FORM, ACT_EDITOR, "e", "$VISUAL / $EDITOR で回答を編集" },
    { '/', 0, SCR_FORM, ACT_SEARCH, "/", "検索（項目名・番号・回答。全角半角・大文字小文字・①と1は区別しない）" },
    { '/', 0, SCR_LIST, ACT_SEARCH, "/", "評価書名・評価実施機関名から検索（全角半角・大文字小文字は区別しない）" },
    { 'N', 0, SCR_FORM | SCR_LIST, ACT_SEARCH_NEXT, "N", "次の検索結果へ" },
    { 'P', 0, SCR_FORM | SCR_LIST, ACT_SEARCH_PREV, "P", "前の検索結果へ" },
    { 'c', 0, SCR_FORM, ACT_CHECK, "c", "確認（未回答・未記入の対策・該当なしの回答・項目どうしの食い違い）" },
    { 'x', 0, SCR_FORM, ACT_EXPORT, "x", "書き出し（.xlsx / .pdf / .txt / .yaml）" },
    { 'L', 0, SCR_FORM, ACT_LOG, "L", "変更履歴（誰がいつ何を変えたか）" },
    { 'C', 0, SCR_FORM, ACT_COMMENT, "C", "この項目に確認コメントを付ける" },
    { 'R', 0, SCR_FORM, ACT_REVIEW, "R", "確認コメントの一覧（項目へ移動・解決済みにする）" },
    { 'S', 0, SCR_FORM, ACT_SECTION_STATE, "S", "大項目の確認状態（未確認・確認中・要修正・確認済）" },
    { 'V', 0, SCR_FORM, ACT_VERSIONS, "V", "版（作成・一覧・読み取り専用で開く・比較する）" },
    { 'A', 0, SCR_FORM, ACT_OTHERS, "A", "この項目の他の回答（他のファイル・評価書・版）を見て取り込む" },
    { 'I', 0, SCR_FORM, ACT_IMPORT_NOTES, "I", "取り込みの確認（見つからない見出し・推定・未配置の文章）" },
    { 'a', 0, SCR_LIST, ACT_NEW, "a", "評価書を新規作成、または既存の評価書（PDF・テキスト・Excel・YAML）から取り込む" },
    { 'D', 0, SCR_LIST, ACT_DUPLICATE, "D", "評価書を複製" },
    { KEY_DC, 1, SCR_LIST, ACT_DELETE, "Delete / X", "評価書を削除（確認あり）" },
    { 'X', 0, SCR_LIST, ACT_DELETE, NULL, NULL },
    { 'r', 0, SCR_LIST, ACT_RENAME, "r", "評価書名・評価実施機関名を変更（表紙の同じ欄も変わります）" },
    { 'u', 0, SCR_FORM, ACT_UNDO, "u / Ctrl-Z", "直前の変更（チェック・選択・行の追加と削除・復元）を取り消す" },
    { 26, 0, SCR_FORM, ACT_UNDO, NULL, NULL },
    { 'T', 0, SCR_LIST, ACT_THRESHOLD, "T", "しきい値判断（必要な評価と理由、選んだ評価書の Ⅵ1② へ記入）" },
    /* The comparison of two versions (compare_view.c). */
    { KEY_UP, 1, SCR_COMPARE, ACT_UP, "↑ / k", "前の変更箇所" },
    { 'k', 0, SCR_COMPARE, ACT_UP, NULL, NULL },
    { KEY_DOWN, 1, SCR_COMPARE, ACT_DOWN, "↓ / j", "次の変更箇所" },
    { 'j', 0, SCR_COMPARE, ACT_DOWN, NULL, NULL },
    { KEY_PPAGE, 1, SCR_COMPARE, ACT_PGUP, "PgUp / PgDn", "比較の本文を1画面戻す・進める（Space でも進む）" },
    { KEY_NPAGE, 1, SCR_COMPARE, ACT_PGDN, NULL, NULL },
    { ' ', 0, SCR_COMPARE, ACT_PGDN, NULL, NULL },
    { KEY_HOME, 1, SCR_COMPARE, ACT_TOP, "Home / End", "比較の本文の先頭・末尾へ" },
    { KEY_END, 1, SCR_COMPARE, ACT_BOTTOM, NULL, NULL },
    { '[', 0, SCR_COMPARE, ACT_PREV_SECTION, "[ / ]", "前・次の大項目の変更箇所へ" },
    { ']', 0, SCR_COMPARE, ACT_NEXT_SECTION, NULL, NULL },
    { '\n', 0, SCR_COMPARE, ACT_OPEN, "Enter", "その項目を評価書で開く（削除された項目は古い側で）" },
    { '\r', 0, SCR_COMPARE, ACT_OPEN, NULL, NULL },
    { KEY_ENTER, 1, SCR_COMPARE, ACT_OPEN, NULL, NULL },
    { 'P', 0, SCR_COMPARE, ACT_PROPOSE_CHANGES, "P", "（別添3）変更箇所の行を提案・追加" },
    { 'q', 0, SCR_COMPARE, ACT_BACK, "q / Esc", "比較を閉じる" },
    { 27, 0, SCR_COMPARE, ACT_BACK, NULL, NULL },
    { '?', 0, SCR_COMPARE, ACT_HELP, "? / F1", "このヘルプ" },
    { '?', 0, ALL, ACT_HELP, "? / F1", "このヘルプ" },
    { KEY_F(1), 1, ALL | SCR_COMPARE, ACT_HELP, NULL, NULL },
    /* The history of one item (history_view.c); the moves are ALL's. */
    { ' ', 0, SCR_HISTORY, ACT_PGDN, "Space", "変更履歴: 次のページ" },
    { 'r', 0, SCR_HISTORY, ACT_RESTORE, "r", "変更履歴: この記載に戻す（確認あり、u で取り消せます）" },
    /* Writing a text answer (editor.c); any other key is text.  Rows
     * shared with the one-line prompt carry both bits. */
    { KEY_LEFT, 1, SCR_EDITOR | SCR_PROMPT, ACT_LEFT, "← / →", "1文字戻る・進む" },
    { KEY_RIGHT, 1, SCR_EDITOR | SCR_PROMPT, ACT_RIGHT, NULL, NULL },
    { KEY_UP, 1, SCR_EDITOR, ACT_UP, "↑ / ↓", "前・次の行へ" },
    { KEY_DOWN, 1, SCR_EDITOR, ACT_DOWN, NULL, NULL },
    { KEY_PPAGE, 1, SCR_EDITOR, ACT_PGUP, "PgUp / PgDn", "1画面戻る・進む" },
    { KEY_NPAGE, 1, SCR_EDITOR, ACT_PGDN, NULL, NULL },
    { KEY_HOME, 1, SCR_EDITOR, ACT_LINE_START, "Home / Ctrl-A", "行頭へ" },
    { 1, 0, SCR_EDITOR, ACT_LINE_START, NULL, NULL },
    { KEY_END, 1, SCR_EDITOR, ACT_LINE_END, "End", "行末へ" },
    { KEY_HOME, 1, SCR_PROMPT, ACT_LINE_START, "Home / End", "先頭・末尾へ" },
    { KEY_END, 1, SCR_PROMPT, ACT_LINE_END, NULL, NULL },
    { KEY_BACKSPACE, 1, SCR_EDITOR | SCR_PROMPT, ACT_BACKSPACE, "BS", "前の1文字を消す" },
    { 127, 0, SCR_EDITOR | SCR_PROMPT, ACT_BACKSPACE, NULL, NULL },
    { 8, 0, SCR_EDITOR | SCR_PROMPT, ACT_BACKSPACE, NULL, NULL },
    { KEY_DC, 1, SCR_EDITOR | SCR_PROMPT, ACT_DEL_CHAR, "Delete", "カーソルの位置の1文字を消す" },
    { '\n', 0, SCR_EDITOR, ACT_NEWLINE, "Enter", "改行" },
    { '\r', 0, SCR_EDITOR, ACT_NEWLINE, NULL, NULL },
    { KEY_ENTER, 1, SCR_EDITOR, ACT_NEWLINE, NULL, NULL },
    { 26, 0, SCR_EDITOR, ACT_UNDO, "Ctrl-Z", "取り消す（入力のひとまとまりずつ。開いたときの記載へ戻すのは続けてもう一度）" },
    { 25, 0, SCR_EDITOR, ACT_REDO, "Ctrl-Y", "やり直す" },
    { 5, 0, SCR_EDITOR, ACT_EDITOR, "Ctrl-E", "$VISUAL / $EDITOR で編集を続ける" },
    { 27, 0, SCR_EDITOR, ACT_BACK, "Esc / F2", "編集を終える（保存は自動。終えるときにも保存）" },
    { KEY_F(2), 1, SCR_EDITOR, ACT_BACK, NULL, NULL },
    { KEY_F(1), 1, SCR_EDITOR, ACT_HELP, "F1", "このヘルプ（? は文字として入力されます）" },
    /* The one-line prompt (dialogs.c); any other key is text. */
    { '\n', 0, SCR_PROMPT, ACT_OPEN, "Enter", "決定" },
    { '\r', 0, SCR_PROMPT, ACT_OPEN, NULL, NULL },
    { KEY_ENTER, 1, SCR_PROMPT, ACT_OPEN, NULL, NULL },
    { 27, 0, SCR_PROMPT, ACT_BACK, "Esc", "取消" },
    /* Menus, yes/no questions and scrolling messages (dialogs.c). */
    { KEY_UP, 1, SCR_MENU | SCR_MESSAGE, ACT_UP, "↑ / k", "上へ" },
    { 'k', 0, SCR_MENU | SCR_MESSAGE, ACT_UP, NULL, NULL },
    { KEY_DOWN, 1, SCR_MENU | SCR_MESSAGE, ACT_DOWN, "↓ / j", "下へ" },
    { 'j', 0, SCR_MENU | SCR_MESSAGE, ACT_DOWN, NULL, NULL },
    { '1', 0, SCR_MENU, ACT_PICK, "1〜9", "メニュー: その番号を選ぶ" },
    { '2', 0, SCR_MENU, ACT_PICK, NULL, NULL },
    { '3', 0, SCR_MENU, ACT_PICK, NULL, NULL },
    { '4', 0, SCR_MENU, ACT_PICK, NULL, NULL },
    { '5', 0, SCR_MENU, ACT_PICK, NULL, NULL },
    { '6', 0, SCR_MENU, ACT_PICK, NULL, NULL },
    { '7', 0, SCR_MENU, ACT_PICK, NULL, NULL },
    { '8', 0, SCR_MENU, ACT_PICK, NULL, NULL },
    { '9', 0, SCR_MENU, ACT_PICK, NULL, NULL },
    { '\n', 0, SCR_MENU, ACT_OPEN, "Enter", "メニュー: 決定（表示中の文章では閉じる）" },
    { '\r', 0, SCR_MENU, ACT_OPEN, NULL, NULL },
    { KEY_ENTER, 1, SCR_MENU, ACT_OPEN, NULL, NULL },
    { 'y', 0, SCR_CONFIRM, ACT_YES, "y", "確認: はい" },
    { 'Y', 0, SCR_CONFIRM, ACT_YES, NULL, NULL },
    { 'n', 0, SCR_CONFIRM, ACT_BACK, "n", "確認: いいえ" },
    { 'N', 0, SCR_CONFIRM, ACT_BACK, NULL, NULL },
    { 27, 0, DIALOGS, ACT_BACK, "q / Esc", "取消・いいえ・閉じる" },
    { 'q', 0, DIALOGS, ACT_BACK, NULL, NULL },
    { KEY_PPAGE, 1, SCR_MENU | SCR_MESSAGE, ACT_PGUP, "PgUp / PgDn", "1画面戻る・進む（文章では Space でも進む）" },
    { KEY_NPAGE, 1, SCR_MENU | SCR_MESSAGE, ACT_PGDN, NULL, NULL },
    { ' ', 0, SCR_MESSAGE, ACT_PGDN, NULL, NULL },
    { KEY_HOME, 1, SCR_MENU | SCR_MESSAGE, ACT_TOP, "Home / End", "先頭・末尾へ（文章では g / G でも）" },
    { 'g', 0, SCR_MESSAGE, ACT_TOP, NULL, NULL },
    { KEY_END, 1, SCR_MENU | SCR_MESSAGE, ACT_BOTTOM, NULL, NULL },
    { 'G', 0, SCR_MESSAGE, ACT_BOTTOM, NULL, NULL },
    { '\n', 0, SCR_MESSAGE, ACT_BACK, NULL, NULL },
    { '\r', 0, SCR_MESSAGE, ACT_BACK, NULL, NULL },
    { KEY_ENTER, 1, SCR_MESSAGE, ACT_BACK, NULL, NULL },
    { 0, 0, 0, ACT_NONE, NULL, NULL },
};

tui_action tui_key_action(int screen, int key, int is_code)
{
    for (const tui_key *k = tui_keys; k->key || k->action; k++)
        if (k->key == key && k->is_code == is_code && (k->screens & screen))
            return k->action;
    return ACT_NONE;
}

/* Key names padded by display columns, not bytes, so that the help texts
 * of "↑ / k" and "Enter" start in the same column. */
void tui_key_help_line(const char *name, const char *help, char **buf)
{
    int len;
    wchar_t *w = tui_utf8_to_wcs(name, &len);
    int pad = TUI_KEY_HELP_COLUMN - 1 - tui_wcswidth(w, len);
    free(w);
    char *t = pia_xasprintf("%s%s%*s %s\n", *buf, name, pad > 0 ? pad : 0, "", help);
    free(*buf);
    *buf = t;
}

void tui_key_help(int screens, char **buf)
{
    for (const tui_key *k = tui_keys; k->key || k->action; k++)
        if (k->help && (k->screens & screens))
            tui_key_help_line(k->name, k->help, buf);
}
