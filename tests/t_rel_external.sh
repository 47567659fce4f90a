# The external editor round trip is whole or nothing: a missing editor is
# named (before the screen is left), an editor that fails or is killed
# changes nothing, a file written back in Shift_JIS is refused and kept
# for the person, a good one is saved; the text goes through a 0600 file
# in $TMPDIR that is removed afterwards.  On a full $TMPDIR (root only: a
# tiny tmpfs) the text is not handed over and nothing changes.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title 外部エディタの試験)
$PIA --db t.db set "$id" cover.remarks 元の記載
val() { sqlite3 t.db "select value from answer where item = 'cover.remarks'"; }
mkdir tmp
cat > ed_append.sh <<'SH'
#!/bin/sh
stat -c %a "$1" > mode.txt; dirname "$1" > dir.txt; echo "$1" > path.txt
printf '（外部で追記）\n' >> "$1"
SH
printf '#!/bin/sh\nexit 3\n' > ed_fail.sh
printf '#!/bin/sh\nkill -9 $$\n' > ed_kill.sh
printf '#!/bin/sh\necho "$1" > path.txt\nprintf "\\221\\213\\214\\373" >> "$1"\n' > ed_sjis.sh
chmod +x ed_*.sh
# edit_with EDITOR EXPECTED-STATUS: 'e' on 特記事項 with that editor.
edit_with() {
    TUI_ENV="-u VISUAL LANG=C.UTF-8 LC_ALL=C.UTF-8 TMPDIR=$PWD/tmp EDITOR=$1" tui_start 100 30 --db t.db open "$id"
    tui_wait '評価書番号'
    tui_keys g /; tui_wait '検索'; tui_type '元の記載'; tui_keys Enter
    tui_keys e
    tui_wait "$2"
}
edit_with no-such-editor 'エディタ「no-such-editor」が見つかりません'
test "$(val)" = 元の記載
edit_with "$PWD/ed_fail.sh" '終了コード 3 で終わったため、回答は変えていません'
test "$(val)" = 元の記載
edit_with "$PWD/ed_kill.sh" 'シグナル 9 で終わったため、回答は変えていません'
test "$(val)" = 元の記載
edit_with "$PWD/ed_sjis.sh" '回答は変えていません: 編集した記載の 1 行 5 文字目に UTF-8 ではないバイトがあります'
test "$(val)" = 元の記載
test -f "$(cat path.txt)"          # what the person wrote is kept, and named
rm "$(cat path.txt)"
test -z "$(ls tmp | grep pia-edit)"          # (valgrind keeps its own files there)
edit_with "$PWD/ed_append.sh" '元の記載（外部で追記）'
tui_wait_gone '（未保存）' 5
test "$(val)" = '元の記載（外部で追記）'
test "$(cat mode.txt)" = 600
test "$(cat dir.txt)" = "$PWD/tmp"
test ! -e "$(cat path.txt)"
test -z "$(ls tmp | grep pia-edit)"          # (valgrind keeps its own files there)
tui_wait 'Enter:編集'; tui_keys q

# A full $TMPDIR: nothing handed over, nothing changed, no file left.
# (Not under valgrind, which keeps its own files in $TMPDIR and stops there.)
if [ "${PIA_VALGRIND:-0}" = 1 ]; then
    echo "under valgrind: full TMPDIR not checked" >&2
elif mkdir small && mount -t tmpfs -o size=8k tmpfs small 2>/dev/null; then
    big=$(python3 -c 'print("長い記載。" * 4000, end="")')
    $PIA --db t.db set "$id" cover.remarks "$big"
    TUI_ENV="-u VISUAL LANG=C.UTF-8 LC_ALL=C.UTF-8 TMPDIR=$PWD/small EDITOR=$PWD/ed_append.sh" \
        tui_start 100 30 --db t.db open "$id"
    tui_wait '評価書番号'
    tui_keys g /; tui_wait '検索'; tui_type '長い記載'; tui_keys Enter
    tui_keys e
    tui_wait 'に書けません'
    test "$(val)" = "$big"
    test -z "$(ls small | grep pia-edit)"
    tui_keys q
    umount small
else
    echo "no tmpfs mount here (not root): full TMPDIR not checked" >&2
fi
