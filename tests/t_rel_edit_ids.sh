# The editor holds its answer's place by the ids of its rows.  A colleague
# removing the file before it (so it moves up) or removing the instance
# before it cannot send the save elsewhere: it follows its own row.  When
# its own file is removed, the save is refused and shown, nothing is
# written into another file, and on leaving the text is kept in a file.
# The conflict menu never overwrites by default: Esc, a closed terminal or
# a shutdown keep both texts (mine in the editor, then in a file).
set -eu
. "$TESTS_DIR/tui_lib.sh"
T=$ROOT/templates/zenkomoku.yaml
pf=$(python3 "$ROOT/tests/form_info.py" "$T" field text per_file)
rep=$(python3 "$ROOT/tests/form_info.py" "$T" repeated text)
group=${rep%.*}
id=$($PIA --db t.db new --template zenkomoku --title 保存先の試験)
$PIA --db t.db file add "$id" 一のファイル >/dev/null
$PIA --db t.db file add "$id" 二のファイル >/dev/null
$PIA --db t.db set "$id" "$pf" --file 1 一の記載
$PIA --db t.db set "$id" "$pf" --file 2 二の記載
$PIA --db t.db set "$id" "$rep" --inst 1 一つ目のシステム
$PIA --db t.db set "$id" "$rep" --inst 2 二つ目のシステム
$PIA --db t.db set "$id" cover.remarks もとの記載
# remove_file N: as a colleague would (pia file remove asks for --yes in a
# script once removals are confirmed).
remove_file() { $PIA --db t.db file remove "$id" "$1" --yes 2>/dev/null || $PIA --db t.db file remove "$id" "$1"; }
val() { sqlite3 t.db "select group_concat(value, '|') from answer where item = '$1' and value <> ''"; }
pia_child() { pgrep -P "$(tui_pid)" | head -1; }

tui_start 100 30 --db t.db open "$id"
tui_wait 'ファイル 1/2'
tui_keys f; tui_wait 'ファイルを追加'; tui_keys 2 Enter
tui_wait 'ファイル 2/2: 二のファイル'
tui_keys g /; tui_wait '検索'; tui_type '二の記載'; tui_keys Enter
tui_keys Enter; tui_wait '4 文字'
# 「一のファイル」 goes: 「二のファイル」 is file 1 now, and the save follows it.
remove_file 1
tui_keys End; tui_type '（追記）'
tui_wait '二の記載（追記）'
tui_wait_gone '（未保存）' 5
test "$(val "$pf")" = '二の記載（追記）' || { echo "saved as: $(val "$pf")"; exit 1; }
test "$($PIA --db t.db file list "$id")" = "$(printf '1\t二のファイル')" || { echo "files: $($PIA --db t.db file list "$id")"; exit 1; }
# Then 「二のファイル」 itself goes: nothing is written anywhere.
$PIA --db t.db file add "$id" 三のファイル >/dev/null
$PIA --db t.db set "$id" "$pf" --file 2 三の記載
remove_file 1
tui_type '（削除の後）'
tui_wait 'ほかの人が削除しました'
tui_wait '保存先が削除されました'
sleep 1.5
test "$(val "$pf")" = '三の記載' || { echo "written elsewhere: $(val "$pf")"; exit 1; }
if sqlite3 t.db "select value from answer" | grep -q '削除の後'; then echo "t_rel_edit_ids.sh:50: found what must not be there" >&2; exit 1; fi
tui_keys Escape
tui_wait '書き出しました'
kept=$(ls pia-unsaved-"$id"-"$pf"-*.txt)
test "$(cat "$kept")" = '二の記載（追記）（削除の後）' || { echo "kept: $(cat "$kept")"; exit 1; }
test "$(stat -c %a "$kept")" = 600 || { echo "kept file mode $(stat -c %a "$kept")"; exit 1; }
rm "$kept"

# An instance removed before the one being edited: the save follows it.
tui_keys g /; tui_wait '検索'; tui_type '二つ目のシステム'; tui_keys Enter
tui_keys Enter; tui_wait '8 文字'
$PIA --db t.db inst remove "$id" "$group" 1 --yes
tui_keys End; tui_type '（更新）'
tui_wait '二つ目のシステム（更新）'
tui_wait_gone '（未保存）' 5
test "$(val "$rep")" = '二つ目のシステム（更新）' || { echo "instance save: $(val "$rep")"; exit 1; }
test "$($PIA --db t.db inst list "$id" "$group" | cut -f1,3)" = "$(printf '1\t二つ目のシステム（更新）')" ||
    { echo "instances: $($PIA --db t.db inst list "$id" "$group")"; exit 1; }
tui_keys Escape; tui_wait 'Enter:編集'

# A conflict, and Esc at 「どちらを残しますか」: both kept.
tui_keys g /; tui_wait '検索'; tui_type 'もとの記載'; tui_keys Enter
tui_keys Enter; tui_wait '5 文字'
PIA_USER=other $PIA --db t.db set "$id" cover.remarks ほかの人の記載
tui_keys End; tui_type '（私の追記）'
tui_wait '同時に変更されました' 5
tui_keys Enter
tui_wait 'どちらを残しますか'
tui_wait '両方残す'
tui_keys Escape
tui_wait '（未保存・競合）'
tui_wait 'もとの記載（私の追記）'
sleep 2
test "$(val cover.remarks)" = 'ほかの人の記載' || { echo "conflict overwritten: $(val cover.remarks)"; exit 1; }
tui_type '続き'
tui_wait '（私の追記）続き'
sleep 2
test "$(val cover.remarks)" = 'ほかの人の記載' || { echo "conflict overwritten later: $(val cover.remarks)"; exit 1; }
# Leaving asks again; Esc there stays in the editor.
tui_keys Escape
tui_wait '保存していない記載があります'
tui_keys Escape
tui_wait 'もとの記載（私の追記）続き'
# A shutdown now: theirs stays, mine is kept in a file and named.
kill -TERM "$(pia_child)"
tui_wait '[exit 0]'
tui_wait '書き出しました'
test "$(val cover.remarks)" = 'ほかの人の記載' || { echo "SIGTERM overwrote: $(val cover.remarks)"; exit 1; }
kept=$(ls pia-unsaved-"$id"-cover.remarks-*.txt)
test "$(cat "$kept")" = 'もとの記載（私の追記）続き' || { echo "kept at SIGTERM: $(cat "$kept")"; exit 1; }
rm "$kept"

# The terminal closed while the menu is shown: both kept.
tui_start 100 30 --db t.db open "$id"
tui_wait '評価書番号'
tui_keys g /; tui_wait '検索'; tui_type 'ほかの人の記載'; tui_keys Enter
tui_keys Enter; tui_wait '7 文字'
PIA_USER=other $PIA --db t.db set "$id" cover.remarks 三人目の記載
tui_keys End; tui_type '（閉じる前）'
tui_wait '同時に変更されました' 5
tui_keys Enter
tui_wait 'どちらを残しますか'
kill -HUP "$(pia_child)"
tui_wait '[exit 0]'
test "$(val cover.remarks)" = '三人目の記載' || { echo "SIGHUP overwrote: $(val cover.remarks)"; exit 1; }
test "$(cat pia-unsaved-"$id"-cover.remarks-*.txt)" = 'ほかの人の記載（閉じる前）' || { echo "kept at SIGHUP: $(cat pia-unsaved-*)"; exit 1; }
sqlite3 t.db 'PRAGMA integrity_check' | grep -qx ok
