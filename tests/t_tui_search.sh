# Search in the form view at 80x24, as a person types it: `/lgwan` lands on
# the item whose answer says ＬＧＷＡＮ, N and P go to the next and previous
# match, past the file shown into the next 特定個人情報ファイル with a match
# and round, the status line says which of how many, and a search that
# finds nothing says so.
set -eu
. "$TESTS_DIR/tui_lib.sh"
a=$($PIA --db t.db new --template zenkomoku --title 住民基本台帳に関する事務 --org 架空市長)
$PIA --db t.db file add "$a" 住民記録ファイル >/dev/null
$PIA --db t.db set "$a" risk.obtain.r1.others --file 1 '窓口の端末はＬＧＷＡＮ回線のみに接続する。'
$PIA --db t.db set "$a" risk.use.r2.auth_how --file 1 'LGWAN 端末の生体認証で本人を確かめる。'
$PIA --db t.db file add "$a" 税務ファイル >/dev/null
$PIA --db t.db set "$a" risk.obtain.r1.others --file 2 'ＬＧＷＡＮ に接続した端末でのみ入力する。'
# opens_at WHERE: Enter opens the current row in the editor, whose header
# names the item by its printed place; Esc leaves it unchanged.
opens_at() {
    tui_keys Enter; tui_wait "$1"
    tui_keys Escape; tui_wait_gone "$1"
}
tui_start 80 24 --db t.db open "$a"
tui_wait '表紙'
tui_keys /; tui_wait '検索（項目名・番号・回答）'
tui_type 'lgwan'; tui_keys Enter
tui_wait '「lgwan」 1/2 件目'
opens_at 'Ⅲ(1) 2. リスク1： 目的外の入手が行われるリスク'
tui_keys N; tui_wait '「lgwan」 2/2 件目'
opens_at 'Ⅲ(1) 3. リスク2：'
tui_keys N; tui_wait '「lgwan」 ファイル(2)へ: 1/1 件目'
opens_at 'Ⅲ(2) 2. リスク1：'
tui_keys N; tui_wait '「lgwan」 ファイル(1)へ: 1/2 件目'
opens_at 'Ⅲ(1) 2. リスク1：'
tui_keys P; tui_wait '「lgwan」 ファイル(2)へ: 1/1 件目'
tui_keys P; tui_wait '「lgwan」 ファイル(1)へ: 2/2 件目'
opens_at 'Ⅲ(1) 3. リスク2：'
# A printed number, typed in full width.
tui_keys /; tui_wait '検索（項目名・番号・回答）'
tui_keys C-u; tui_type '７ リスク１ ⑨'; tui_keys Enter
tui_wait '「７ リスク１ ⑨」 1/1 件目'
opens_at '個人情報に関する重大事故が発…'   # a choice: its menu (a cut title ends in …)
# As printed, with the section's file and the dot.
tui_keys /; tui_wait '検索（項目名・番号・回答）'
tui_keys C-u; tui_type 'Ⅲ(1) 7. リスク1 ⑨'; tui_keys Enter
tui_wait '「Ⅲ(1) 7. リスク1 ⑨」 1/1 件目'
tui_keys /; tui_wait '検索（項目名・番号・回答）'
tui_keys C-u; tui_type 'USBメモリ'; tui_keys Enter
tui_wait '「USBメモリ」は見つかりません'
tui_keys q
echo ok
