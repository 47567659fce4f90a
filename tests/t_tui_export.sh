# The TUI's x: the format comes from the file name's extension in any case
# (.XLSX, .Txt, .yml), ~ is the home directory, an unknown extension is
# refused with the list of choices, and the status line shows the full
# path written.  (PDF goes through the same path and is printed in t_pdf.)
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
mkdir out
tui_start 120 30 --db t.db open "$id"
tui_wait 'ファイル 1/2'
export_as() {
    tui_keys x; tui_wait '書き出すファイル名'
    tmux_ send-keys -t $TUI_S -N 80 BSpace
    tui_type "$1"; tui_keys Enter
}
export_as '~/out/評価書.XLSX'
tui_wait "書き出しました: $HOME/out/評価書.XLSX"
export_as 'out/sheet.Txt'
tui_wait "書き出しました: $PWD/out/sheet.Txt"
export_as 'out/answers.yml'
tui_wait "書き出しました: $PWD/out/answers.yml"
export_as 'out/sheet.docx'
tui_wait '形式が分かりません: 拡張子を .xlsx・.pdf・.txt・.yaml のどれかにしてください'
tui_keys q; sleep 0.3
test ! -e out/sheet.docx
/usr/bin/python3 -c 'import zipfile,sys; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)' out/評価書.XLSX
head -1 out/sheet.Txt | grep -q '^特定個人情報保護評価書（全項目評価書）$'
grep -q '^template: zenkomoku$' out/answers.yml
test "$(stat -c %a out/評価書.XLSX)" = 600
