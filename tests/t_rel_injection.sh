# Hostile text never drives a terminal: an answer and a title holding ESC
# sequences, an OSC title change and a C1 CSI are shown as ^[ / <9B> by the
# TUI and by every command printing on a terminal, while output to a pipe
# or a file stays byte for byte what was stored.
set -eu
. "$TESTS_DIR/tui_lib.sh"
evil=$(printf 'A\033[2J\033]0;pwned\007B\302\233C')
id=$($PIA --db t.db new --template zenkomoku --title "$(printf '題\033[31m赤')")
$PIA --db t.db set "$id" cover.remarks "$evil"

# Piped: exact.
$PIA --db t.db export "$id" --format yaml | /usr/bin/python3 -c '
import sys, yaml
d = yaml.safe_load(sys.stdin)
assert d["answers"]["cover.remarks"] == sys.argv[1], repr(d["answers"]["cover.remarks"])
assert d["title"] == "題\x1b[31m赤", repr(d["title"])' "$evil"
$PIA --db t.db list | grep -q "$(printf '題\033\[31m赤')"

# On a terminal (a tmux pane): shown, not obeyed.
tui_start 120 30 --db t.db list
tui_wait '題^[[31m赤'
tui_start 120 30 --db t.db log "$id"
tui_wait 'A^[[2J^[]0;pwned^GB<9B>C'
tui_start 160 40 --db t.db export "$id" --format yaml
tui_wait 'cover.remarks'
# The TUI: the list, the form and the editor show the escapes.
tui_start 100 30 --db t.db
tui_wait '題^[[31m赤'
tui_keys Enter
tui_wait '評価書番号'
tui_keys /; tui_wait '検索'; tui_type '特記事項'; tui_keys Enter
tui_wait 'A^[[2J^[]0;pwned^GB<9B>C'
tui_keys Enter
tui_wait '文字'
tui_wait 'A^[[2J^[]0;pwned^GB<9B>C'
tui_keys Escape
tui_wait '評価書番号'
# Nothing cleared the screen or changed the title on the way.
test "$(tmux_ display-message -p -t $TUI_S '#{pane_title}')" != pwned
tui_keys q q

# The coloured diff: pia's own colours reach the terminal (the pane holds
# a green underlined insertion), the hostile text around them is shown.
$PIA --db t.db version "$id" --label 初版 >/dev/null
if $PIA --db t.db version "$id" --label "$(printf '版\033[5m')" 2>/dev/null; then
    echo "a version label took a control character"; exit 1
fi
$PIA --db t.db set "$id" cover.remarks "${evil}追記"
tui_start 160 30 --db t.db diff "$id@1" --color always
tui_wait '追記'
tui_wait 'A^[[2J^[]0;pwned^GB<9B>C'
# The SGR codes just before the insertion, however tmux splits them.
esc=$(printf '\033')
codes=$(tmux_ capture-pane -p -e -t $TUI_S | grep '追記' | sed "s/追記.*//; s/.*[^m]\(\($esc\[[0-9;]*m\)*\)\$/\1/" |
        sed "s/$esc\[//g; s/m/;/g" | tr ';' ' ')
echo " $codes " | grep -q ' 32 ' && echo " $codes " | grep -q ' 4 ' ||
    { echo "no colour before the insertion: $codes"; exit 1; }
test "$(tmux_ display-message -p -t $TUI_S '#{pane_title}')" != pwned
