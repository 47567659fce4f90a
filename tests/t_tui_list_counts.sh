# The list's 回答/項目 follows an edit made in the form view: coming back
# to the list shows the edited assessment's new count (computed then, or
# by the idle step right after: tui/list_view.c), while the other row
# keeps its count, and the counts are the form view's own.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title 一覧件数)
$PIA --db t.db file add "$id" 住民ファイル >/dev/null
$PIA --db t.db new --template zenkomoku --title 二件目の評価書 >/dev/null
tui_start 80 24 --db t.db
tui_wait '二件目の評価書'
row() { tui_screen | grep "$1" | sed -n 's/.*  *\([0-9][0-9]*\)\/\([0-9][0-9]*\) .*/\1 \2/p'; }
tui_wait '一覧件数'
tui_screen | grep -q '二件目の評価書 ／' && exit 1   # no organisation: no dangling ／
i=0; while [ -z "$(row 一覧件数)" ] && [ $i -lt "$(tui_ticks 10)" ]; do sleep 0.1; i=$((i + 1)); done
read -r a0 t0 <<EOF2
$(row 一覧件数)
EOF2
read -r b0 u0 <<EOF2
$(row 二件目の評価書)
EOF2
# Open the first-made one (the second row) and answer 評価書番号.
pane_select "$TUI_S" 一覧件数 Down
tui_keys Enter
tui_wait "回答 $a0/$t0"
tui_keys /; tui_wait '検索'; tui_type '評価書番号'; tui_keys Enter
tui_keys Enter; tui_wait 'Esc:終わる'
tui_type '第七号'; tui_keys Escape
tui_wait "回答 $((a0 + 1))/$t0"
tui_keys q
tui_wait 'pia ― 特定個人情報保護評価書'
# The edited one moved to the top with one more answered; the other kept its own.
i=0; while [ "$(row 一覧件数)" != "$((a0 + 1)) $t0" ]; do
    i=$((i + 1)); [ $i -lt "$(tui_ticks 10)" ] || { echo "list row not updated:"; tui_screen; exit 1; }
    sleep 0.1
done
test "$(row 二件目の評価書)" = "$b0 $u0"
tui_screen | sed -n 3p | grep -q '一覧件数'
