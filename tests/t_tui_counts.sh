# The form view's counts follow a change without reading the assessment
# again (tui/form_view.c: tui_fv_answer_saved): after ticking a box that
# switches a part off and typing an answer, the title's 回答 N/M is the
# one a fresh open of the saved assessment shows; a new 評価書名 is the
# title line's at once.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title 件数テスト)
$PIA --db t.db file add "$id" 住民ファイル >/dev/null
counts() { tui_screen | sed -n '1s/.*回答 \([0-9]*\)\/\([0-9]*\).*/\1 \2/p'; }
tui_start 80 24 --db t.db open "$id"
tui_wait '回答 1/'          # new --title wrote the 表紙's 評価書名
read -r a0 t0 <<EOF2
$(counts)
EOF2
# A box that switches a part off: fewer items to answer.
tui_keys /; tui_wait '検索'; tui_type '委託しない'; tui_keys Enter
tui_wait '委託しない'; tui_keys Space
tui_wait '[○] 委託しない'
read -r a1 t1 <<EOF2
$(counts)
EOF2
test "$a1" -eq "$a0"; test "$t1" -lt "$t0"
# An answer typed in the editor: one more answered.
tui_keys /; tui_wait '検索'; tui_type '評価書番号'; tui_keys Enter
tui_keys Enter; tui_wait 'Esc:終わる'
tui_type '第一号'; tui_keys Escape
tui_wait "回答 $((a1 + 1))/$t1"
# The 表紙's 評価書名 edited: the title line says the new name at once.
tui_keys /; tui_wait '検索'; tui_type '評価書名'; tui_keys Enter
tui_keys Enter; tui_wait 'Esc:終わる'
tui_keys End; tui_type '改'; tui_keys Escape
tui_wait "件数テスト改 ／ ファイル 1/1"
tui_wait "回答 $((a1 + 1))/$t1"
tui_keys q; sleep 0.5
# The same counts from a fresh read of what was saved.
tui_start 80 24 --db t.db open "$id"
tui_wait "回答 $((a1 + 1))/$t1"
$PIA --db t.db export "$id" --format text | grep -q '第一号'
