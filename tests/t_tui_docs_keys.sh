# Keys as the help screen (?) and the guide describe them: the list's /
# searches titles and organisations (its help says so, not the form's
# 項目名・番号・回答), V offers the comparison its help names, and I on an
# assessment imported from pia's YAML says there is nothing to check
# rather than that it was not imported.  A question (X: delete) is read
# whole, wrapped, down to its よろしいですか？.
set -eu
. "$TESTS_DIR/tui_lib.sh"
$PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml" >/dev/null
$PIA --db t.db new --template zenkomoku --title 税務事務評価書 --org 架空町長 >/dev/null
$PIA --db t.db version 1 --label 提出版 >/dev/null
tui_start 80 24 --db t.db
tui_wait '税務事務評価書'
tui_keys '?'; tui_wait 'キー操作（? ヘルプ）'
tui_wait '評価書名・評価実施機関名から検索'
tui_wait 'YAML）から取り込む'                # as a's menu says: YAML is taken too
tui_screen | grep -q '項目名・番号・回答' && { echo "the list's help describes the form's search"; exit 1; }
tui_keys Escape; tui_wait_gone 'キー操作（? ヘルプ）'
tui_keys X; tui_wait 'よろしいですか？'
tui_keys n; tui_wait_gone 'よろしいですか？'
# The newest (税務事務評価書) is first; / by the other's organisation goes to
# it, and Enter opens that one.
tui_keys /; tui_wait '検索（評価書名・機関名）'
tui_type '架空市長'; tui_keys Enter; tui_wait_gone '検索（評価書名・機関名）'
tui_keys Enter; tui_wait 'ファイル 1/2: 住民基本台帳ファイル'
tui_keys '?'; tui_wait 'キー操作（? ヘルプ）'
tui_keys NPage; tui_wait '読み取り専用で開く・比較する'
tui_keys Escape; tui_wait_gone 'キー操作（? ヘルプ）'
tui_keys V; tui_wait '比較する'
tui_keys Escape; tui_wait_gone '比較する'
tui_keys I; tui_wait '取り込みの確認はありません'
tui_screen | grep -q '取り込んだものではありません' && { echo "I says a YAML import was not imported"; exit 1; }
tui_keys q; tui_wait '税務事務評価書'
tui_keys q; tui_wait '[exit 0]'
