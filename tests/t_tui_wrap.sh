# Nothing cut without a way to read it, at 80x24: a long label wraps in
# the form's list (the two 委託 rules that begin alike are told apart by
# their whole text), L on a heading shows the whole trail grouped by
# section and file with counts and the selected change whole, and a long
# entry of a menu (review comments) is shown whole under the list; a
# combining mark is drawn on its character.
set -eu
. "$TESTS_DIR/tui_lib.sh"
a=$($PIA --db t.db new --template zenkomoku --title 税務の事務 --org 架空市長)
$PIA --db t.db file add "$a" 課税ファイル >/dev/null
# A combining mark (か + U+309A, e + U+0301) stays on its character on screen.
$PIA --db t.db set "$a" cover.remarks "$(printf '特記事項の記載か\343\202\232 cafe\314\201')"
$PIA --db t.db set "$a" risk.entrust.provide_out --file 1 \
    '委託契約書に第三者提供の禁止を定め、年1回の立入検査で確認する。委託先からの報告書を課長が確認し、記録を5年保存する。'
$PIA --db t.db review comment "$a" risk.entrust.provide_between --file 1 \
    '委託元と委託先の間の受渡しについて、媒体の暗号化と受渡簿への記録を具体的に書いてください。立入検査の頻度も記載が必要です。' >/dev/null
# list: the form's rows above the detail pane's rule.
list() { tui_screen | awk 'NR > 1 && /^─/ { exit } NR > 1'; }
tui_start 80 24 --db t.db open "$a"
tui_wait '表紙'
tui_wait "$(printf '記載か\343\202\232 cafe\314\201')"
tui_keys /; tui_wait '検索'; tui_type '委託元と委託先間'; tui_keys Enter
tui_wait '「委託元と委託先間」 1/1 件目'
list > list.txt
# Each label on its lines, whole, the current row (the last) included;
# the answer (or its comment) beside the first line.
whole() {
    grep -A2 "$1" list.txt > rows.txt
    sed -n 2p rows.txt | grep -q '^ *ルールの内容及びルール遵守の確認$'
    sed -n 3p rows.txt | grep -q '^ *方法$'
}
whole '委託先から他者への提供に関する   委託契約書に第三者提供の禁止'
whole '委託元と委託先間の提供に関する   ［コメント1］'
test "$(grep -c 'ルールの内容及びルール遵守の確認' list.txt)" = 2
# Paging over rows of different heights: End, PgUp twice, Home, PgDn.
tui_keys End; tui_wait '別添'
tui_keys PPage PPage Home; tui_wait '評価書番号'
# PgDn moves over the rows the screen showed (15 here, some of two lines).
tui_keys NPage; tui_wait ' Ⅰ 2. システム1 ①システムの名称'
list | tail -1 | grep -q '①システムの名称'
# The menu of review comments: the long one shown whole under the list.
tui_keys R; tui_wait '確認コメント（Enter で操作）'
tui_wait '頻度も記載が'; tui_wait '必要です。（'
tui_keys Escape; tui_wait_gone '確認コメント（Enter で操作）'
# The whole trail, grouped with counts; ] to the next group; the pane
# shows the selected change's text whole; Enter goes to its item.
tui_keys g; tui_wait '評価書番号'
tui_keys L; tui_wait '変更履歴 6 件（大項目・ファイルごと、新しい順）'
tui_wait '表紙 ― 3 件'
tui_wait 'Ⅲ(1) 課税ファイル ― 1 件 ／ 特定個人情報ファイルの取扱い'
tui_wait '評価書全体（作成・ファイルなど） ― 2 件'
tui_keys ']'; tui_wait '／ Ⅲ(1) 課税ファイル ― 1 件'
tui_wait '記録を5年保存する。'
tui_keys Enter; tui_wait 'Enter:編集'
tui_wait 'Ⅲ(1) 4. 委託先から他者への提供に関するルールの内容及びルール遵守の確認方法'
# The outline menu pages: PgDn to its last entry (shown whole under the
# list, as an entry of the list is cut), Home back, End and Enter jump.
tui_keys o; tui_wait '目次（回答数/項目数）'
tui_keys NPage; tui_wait '│ （別添3）変更箇所'
tui_keys Home; tui_wait '│ 表紙  （'
tui_keys End; tui_wait '│ （別添3）変更箇所'
tui_keys Enter; tui_wait_gone '目次（回答数/項目数）'
tui_wait '（別添3）変更箇所'
tui_keys q; tui_wait '[exit 0]'
echo ok
