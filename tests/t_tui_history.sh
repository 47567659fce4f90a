# Undo that never loses text, at 80×24: restore an earlier text of an item
# from its history (L, Enter, r) and take the restore back with u; undo a
# toggled check box; Ctrl-Z / Ctrl-Y in the editor with Japanese text, and
# one Ctrl-Z too many after a paste that keeps the paste.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title 履歴の評価書)
PIA_USER=alice $PIA --db t.db set "$id" cover.remarks 'はじめの記載：窓口で本人確認を行う。'
PIA_USER=bob $PIA --db t.db set "$id" cover.remarks '二つ目の記載'

tui_start 80 24 --db t.db open "$id"
tui_wait '特定個人情報ファイル未登録'
# The history of 特記事項: newest first; the older one shown whole, restored.
tui_keys /; tui_wait '検索'; tui_type '特記事項'; tui_keys Enter
tui_keys L; tui_wait '変更履歴（新しい順 2 件）'
tui_wait 'alice'
tui_keys j Enter; tui_wait '窓口で本人確認を行う。'
tui_wait 'r: この記載に戻す'
tui_keys r; tui_wait '記載に戻しますか'; tui_keys y
tui_wait '記載に戻しました'
tui_wait 'はじめの記載：窓口で'
# u takes the restore back: the newer text again, nothing lost.
tui_keys u; tui_wait '取り消しました: 特記事項'
tui_wait '二つ目の記載'
# Restoring the text the item already holds writes nothing and says so.
n=$($PIA --db t.db log "$id" | grep -c .)
tui_keys L; tui_wait '変更履歴（新しい順'
tui_keys Enter; tui_wait 'r: この記載に戻す'
tui_keys r; tui_wait '記載に戻しますか'; tui_keys y
tui_wait '行目の記載と同じです。変更はありません'
test "$($PIA --db t.db log "$id" | grep -c .)" = "$n"
# A check box toggled, then undone with Ctrl-Z.
tui_keys /; tui_wait '検索'; tui_type '庁内連携システム'; tui_keys Enter
tui_keys Space; tui_wait '[○] 庁内連携システム'
tui_keys C-z; tui_wait '取り消しました: 庁内連携システム'
tui_wait '[ ] 庁内連携システム'
# The editor: the step back to the opening text asks for a second press;
# the second press takes it, Ctrl-Y redoes it; then an undone second step.
tui_keys g /; tui_wait '検索'; tui_type '特記事項'; tui_keys Enter
tui_keys Enter; tui_wait '^Y:やり直し'
tui_type '追記あいう'; tui_wait '二つ目の記載追記あいう'
tui_keys C-z; tui_wait 'もう一度 Ctrl-Z'
tui_wait '二つ目の記載追記あいう'
tui_keys C-z; tui_wait_gone '追記あいう'
tui_keys C-y; tui_wait '二つ目の記載追記あいう'
tui_keys End; tui_type '二行目えお'; tui_wait '追記あいう二行目えお'
tui_keys C-z; tui_wait_gone '二行目えお'
tui_keys C-y; tui_wait '追記あいう二行目えお'
tui_wait_gone '（未保存）' 5
tui_keys Escape; tui_wait 'Enter:編集'
# An empty item, a paste, one Ctrl-Z too many: the paste stays.
tui_keys /; tui_wait '検索'; tui_type '公表日'; tui_keys Enter
tui_keys Enter; tui_wait '^Y:やり直し'
tui_paste_marked '貼り付けた長い記載：職員ごとのIDで操作ログを取得し、定期的に確認する。'
tui_wait '定期的に確認する。'
tui_keys C-z; tui_wait 'もう一度 Ctrl-Z'
tui_wait '定期的に確認する。'
tui_wait_gone '（未保存）' 5
tui_keys Escape; tui_wait 'Enter:編集'; tui_wait '公表日'
tui_keys q; tui_wait '[exit 0]'
# The list renames: the 表紙's 評価書名 is the same value.
tui_start 80 24 --db t.db
tui_wait '履歴の評価書'
tui_keys r; tui_wait '評価書名（表紙の評価書名）'
tui_keys BSpace BSpace BSpace BSpace BSpace BSpace; tui_type '改名した評価書'; tui_keys Enter
tui_wait '評価実施機関名（表紙の評価実施機関名）'; tui_type '架空市長'; tui_keys Enter
tui_wait '改名した評価書'
tui_keys q; tui_wait '[exit 0]'
sleep 0.5

$PIA --db t.db export "$id" --format text > out.txt
grep -q '^評価書名	改名した評価書$' out.txt
grep -q '^評価実施機関名	架空市長$' out.txt
grep -qF '二つ目の記載追記あいう二行目えお' out.txt
grep -qF '貼り付けた長い記載：職員ごとのIDで操作ログを取得し、定期的に確認する。' out.txt
grep -q '^③他のシステムとの接続	.*\[ \] 庁内連携システム' out.txt
# Each restore and undo is in the trail, after the texts it replaced.
$PIA --db t.db log "$id" --item cover.remarks > log.txt
grep -q '	revert	cover.remarks	 → 3 行目の記載に戻す$' log.txt   # row 2: the title
grep -q '	undo	cover.remarks	' log.txt
grep -q '	set	cover.remarks	二つ目の記載 → はじめの記載：窓口で本人確認を行う。$' log.txt
$PIA --db t.db log "$id" --item basic.systems.system.links.internal | grep -q '	undo	'
