# The help screen is printed from the key table (tui/keymap.c): besides the
# screen's own keys it lists the editor's keys and the menus' keys, which
# are rows of the same table; F1 opens it in the editor, where ? is text.
# A wrapped description goes on under the description column.
set -eu
. "$TESTS_DIR/tui_lib.sh"
$PIA --db t.db new --template zenkomoku --title 架空町評価書 --org 架空町長 >/dev/null
tui_start 80 24 --db t.db
tui_wait '架空町評価書'
tui_keys '?'; tui_wait 'キー操作（? ヘルプ）'
tui_wait 'しきい値判断'                       # the list's own keys come first
# A description too long for 80 columns goes on under its own first
# character (hanging indent), not back at the window's left edge.
first=$(tui_screen | grep '評価書を新規作成') || { tui_screen; exit 1; }
more=$(tui_screen | grep -A1 '評価書を新規作成' | tail -n 1)
key=${first#*│}; key=${key%%評価書を新規作成*}                     # " a" and its padding
cont=${more#*│}; lead=${cont%%[! ]*}
case $cont in *から取り込む*) ;; *) echo "not wrapped as expected: $more"; exit 1 ;; esac
[ ${#lead} -eq ${#key} ] || { echo "continuation at ${#lead}, description at ${#key}"; tui_screen; exit 1; }
tui_keys End; tui_wait 'PIA_AMBIGUOUS_WIDE=1'
tui_wait 'メニュー: その番号を選ぶ'           # a menu key (1〜9), from the table
tui_keys PageUp; tui_wait 'やり直す'          # an editor key (Ctrl-Y), from the table
tui_keys Escape; tui_wait_gone 'キー操作（? ヘルプ）'
tui_keys Enter; tui_wait 'Enter:編集'
tui_keys g j Enter; tui_wait 'Esc:終わる'
tui_keys F1; tui_wait 'キー操作（? ヘルプ）'
tui_wait 'Ctrl-Y'                             # the editor's own keys come first
tui_screen | grep -q 'しきい値判断' && { echo "the editor's help shows the list's keys"; exit 1; }
tui_keys Escape; tui_wait_gone 'キー操作（? ヘルプ）'
tui_type 'A?B'; tui_wait 'A?B'               # in the editor ? is text, not help
tui_wait_gone '（未保存）' 5
tui_keys Escape; tui_wait 'Enter:編集'
tui_keys q; tui_wait '架空町評価書'
tui_keys q; tui_wait '[exit 0]'
$PIA --db t.db export 1 --format text | grep -q "A?B"        # typed and saved
