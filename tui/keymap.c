/*
 * keymap.c — the key table (see keymap.h).  Adding a key is adding a row.
 */
#include "keymap.h"

#include <curses.h>

#define ALL (SCR_LIST | SCR_FORM | SCR_CHECK)

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
    { '[', 0, SCR_FORM, ACT_PREV_SECTION, "[ / ]", "前・次の大項目（Ⅰ…Ⅵ、別添）へ" },
    { ']', 0, SCR_FORM, ACT_NEXT_SECTION, NULL, NULL },
    { 'o', 0, SCR_FORM, ACT_OUTLINE, "o", "目次（大項目ごとの回答数）" },
    { 'f', 0, SCR_FORM, ACT_FILES, "f", "特定個人情報ファイルの選択・追加・名前変更・並べ替え・削除" },
    { '+', 0, SCR_FORM, ACT_INST_ADD, "+", "繰り返し項目（システム・委託事項・提供先など）を追加" },
    { '-', 0, SCR_FORM, ACT_INST_DEL, "-", "繰り返し項目を削除（確認あり）" },
    { 'd', 0, SCR_FORM, ACT_DETAIL, "d", "（ ）内の記載（件数・その他の内容）を入力" },
    { 'e', 0, SCR_FORM, ACT_EDITOR, "e", "$VISUAL / $EDITOR で回答を編集" },
    { '/', 0, SCR_FORM | SCR_LIST, ACT_SEARCH, "/", "項目名と回答を検索" },
    { 'N', 0, SCR_FORM | SCR_LIST, ACT_SEARCH_NEXT, "N", "次の検索結果へ" },
    { 'c', 0, SCR_FORM, ACT_CHECK, "c", "確認（未回答・未記入の対策・該当なしの回答）" },
    { 'x', 0, SCR_FORM, ACT_EXPORT, "x", "書き出し（.xlsx / .pdf / .txt / .yaml）" },
    { 'L', 0, SCR_FORM, ACT_LOG, "L", "変更履歴（誰がいつ何を変えたか）" },
    { 'C', 0, SCR_FORM, ACT_COMMENT, "C", "この項目に確認コメントを付ける" },
    { 'R', 0, SCR_FORM, ACT_REVIEW, "R", "確認コメントの一覧（項目へ移動・解決済みにする）" },
    { 'S', 0, SCR_FORM, ACT_SECTION_STATE, "S", "大項目の確認状態（未確認・確認中・要修正・確認済）" },
    { 'V', 0, SCR_FORM, ACT_VERSIONS, "V", "版（作成・一覧・読み取り専用で開く）" },
    { 'I', 0, SCR_FORM, ACT_IMPORT_NOTES, "I", "取り込みの確認（見つからない見出し・推定・未配置の文章）" },
    { 'a', 0, SCR_LIST, ACT_NEW, "a", "評価書を新規作成、または既存の評価書（PDF・テキスト・Excel）から取り込む" },
    { 'D', 0, SCR_LIST, ACT_DUPLICATE, "D", "評価書を複製" },
    { KEY_DC, 1, SCR_LIST, ACT_DELETE, "Delete / X", "評価書を削除（確認あり）" },
    { 'X', 0, SCR_LIST, ACT_DELETE, NULL, NULL },
    { 'T', 0, SCR_LIST, ACT_THRESHOLD, "T", "しきい値判断（必要な評価と理由、選んだ評価書の Ⅵ1② へ記入）" },
    { '?', 0, ALL, ACT_HELP, "?", "このヘルプ" },
    { 0, 0, 0, ACT_NONE, NULL, NULL },
};

tui_action tui_key_action(int screen, int key, int is_code)
{
    for (const tui_key *k = tui_keys; k->key || k->action; k++)
        if (k->key == key && k->is_code == is_code && (k->screens & screen))
            return k->action;
    return ACT_NONE;
}
