# The form view reads the items answered once and the 特定個人情報ファイル
# shown, not the others (model/store_load.c: pia_store_load_file): `f`
# shows the other file's answers and counts, an answer edited after
# switching is saved in that file, search goes on from the file shown into
# the next file with a match, and
# the check view (c) still sees every file.
set -eu
. "$TESTS_DIR/tui_lib.sh"
a=$($PIA --db t.db new --template zenkomoku --title 二つのファイル)
$PIA --db t.db file add "$a" 住民記録ファイル >/dev/null
# File 2's name is longer than the title line: the name is cut, the count is not.
$PIA --db t.db file add "$a" 税務ファイル（個人住民税・固定資産税・軽自動車税の課税及び収納の事務） >/dev/null
$PIA --db t.db set "$a" overview.basic.scope.need --file 1 一の必要性
$PIA --db t.db set "$a" overview.basic.scope.need --file 2 二の必要性
$PIA --db t.db set "$a" overview.basic.items.reason --file 2 二の妥当性
total=$($PIA --db t.db check "$a" 2>/dev/null | grep -c . || true)
counts() { tui_screen | sed -n '1s/.*回答 \([0-9]*\)\/\([0-9]*\).*/\1 \2/p'; }
tui_start 80 24 --db t.db open "$a"
tui_wait 'ファイル 1/2: 住民記録ファイル'
read -r a1 t1 <<EOF2
$(counts)
EOF2
# File 2's answer is not in the file shown: the search goes on into file 2,
# shown with its counts; `f` and the entry above it go back to file 1.
tui_keys /; tui_wait '検索'; tui_type '二の必要性'; tui_keys Enter
tui_wait '「二の必要性」 ファイル(2)へ: 1/1 件目'
tui_wait "… ／ 回答 $((a1 + 1))/$t1"
tui_keys f; tui_wait '特定個人情報ファイル（'; tui_keys Up Enter
tui_wait 'ファイル 1/2: 住民記録ファイル'
# The file menu says what it did, also when it did nothing: first file up.
tui_keys f; tui_wait '特定個人情報ファイル（'; tui_keys Down Down Down Down Enter
tui_wait 'は最初のファイルです'
tui_keys f; tui_wait '特定個人情報ファイル（'; tui_keys Down Enter
tui_wait "ファイル 2/2: 税務ファイル（個人"
tui_wait "… ／ 回答 $((a1 + 1))/$t1"
tui_keys f; tui_wait '特定個人情報ファイル（'; tui_keys Down Down Down Down Enter
tui_wait 'は最後のファイルです'
tui_keys /; tui_wait '検索'; tui_type '二の必要性'; tui_keys Enter
tui_wait '「二の必要性」 1/1 件目'
# Edited there: saved in file 2, file 1's answer untouched.  The editor's
# own line shows at once, not the search's message.
tui_keys Enter; tui_wait 'Esc:終わる' 3
tui_keys End; tui_type '改'; tui_keys Escape
tui_wait "回答 $((a1 + 1))/$t1"
$PIA --db t.db export "$a" --format yaml > out.yaml
grep -q '二の必要性改' out.yaml
grep -q '一の必要性' out.yaml
$PIA --db t.db search 二の必要性改 "$a" | grep -q '税務ファイル'
$PIA --db t.db search 一の必要性改 "$a" | grep -q . && exit 1   # (a bare ! never fails under set -e)
# The check view counts both files' open items, not the file shown's.
tui_keys c
tui_wait "確認 1/$total ／"
# With no file yet, each file operation but 追加 says so; 追加 says what it added.
b=$($PIA --db t.db new --template zenkomoku --title ファイルなし)
tui_start 80 24 --db t.db open "$b"
tui_wait 'ファイルなし'
tui_keys f; tui_wait '特定個人情報ファイル（'; tui_keys Down Down Down Down Enter
tui_wait 'ファイルがまだありません'
tui_keys f; tui_wait '特定個人情報ファイル（'; tui_keys Enter; tui_wait '追加するファイルの名前'
tui_type '新ファイル'; tui_keys Enter
tui_wait 'を追加しました: 「新ファイル」'
$PIA --db t.db file list "$b" | grep -q 新ファイル
