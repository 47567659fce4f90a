# Keys as terminals send them, whatever terminfo says: with TERM=xterm,
# Home/End/Delete as PuTTY, Tera Term and the Linux console send them
# (ESC [ 1 ~, ESC [ 4 ~, ESC [ 3 ~), as rxvt does (ESC [ 7 ~, ESC [ 8 ~) and
# as xterm does (ESC [ H / F, ESC O H / F) move the cursor in the editor and
# in the form; an escape sequence pia does not know is swallowed whole —
# its ESC does not leave the editor and its '[' does not jump a section.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title キーの試験)
$PIA --db t.db set "$id" cover.number 本文
$PIA --db t.db set "$id" cover.remarks 特になし
answer() {
    $PIA --db t.db export "$id" --format yaml | python3 -c '
import sys, yaml
print(yaml.safe_load(sys.stdin)["answers"].get(sys.argv[1], ""), end="")' "$1"
}
TUI_ENV="LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm" tui_start 100 30 --db t.db open "$id"
tui_wait '評価書番号'
tui_keys g j Enter
tui_wait '2 文字'
n=0
# key HEX... then CHAR: the sequence, then a character typed where it went.
at() { tui_raw "$@"; n=$((n + 1)); }
at 1b 5b 31 7e; tui_type A; tui_wait 'A本文'          # PuTTY / Tera Term / Linux Home
at 1b 5b 34 7e; tui_type B; tui_wait 'A本文B'         # their End
at 1b 5b 37 7e; tui_type C; tui_wait 'CA本文B'        # rxvt Home
at 1b 5b 38 7e; tui_type D; tui_wait 'CA本文BD'       # rxvt End
at 1b 5b 48;    tui_type E; tui_wait 'ECA本文BD'      # xterm Home
at 1b 5b 46;    tui_type F; tui_wait 'ECA本文BDF'     # xterm End
at 1b 4f 48;    tui_type G; tui_wait 'GECA本文BDF'    # xterm application mode Home
at 1b 4f 46;    tui_type H; tui_wait 'GECA本文BDFH'   # and End
at 1b 5b 31 7e; at 1b 5b 33 7e; tui_wait 'ECA本文BDFH'   # Delete at the start
at 1b 5b 34 7e; at 1b 5b 31 3b 35 44; tui_type I; tui_wait 'ECA本文BDFIH'   # Ctrl-Left is Left
# Sequences pia does not know: swallowed, the editor stays, nothing typed.
at 1b 5b 32 35 7e; at 1b 5b 35 37 33 39 39 75; at 1b 5b 3f 31 3b 32 63; at 1b 78
tui_type J; tui_wait 'ECA本文BDFIJH'
tui_wait_gone '（未保存）' 5
test "$(answer cover.number)" = 'ECA本文BDFIJH'
tui_keys Escape
tui_wait 'Enter:編集'
# In the form: Home/End as PuTTY sends them, and an unknown sequence
# neither leaves the form nor jumps to the previous section.
selected() {   # TEXT: the highlighted row holds TEXT (within 5 s)
    i=0
    while ! tmux_ capture-pane -p -e -t $TUI_S | grep -q "$(printf '\033')\[[0-9;]*7m.*$1"; do
        i=$((i + 1)); [ $i -lt 50 ] || { echo "$1 not selected"; tui_screen; exit 1; }
        sleep 0.1
    done
}
tui_keys g j j j j
selected 特記事項
at 1b 5b 39 39 7e
sleep 0.5
selected 特記事項
at 1b 5b 34 7e
selected '提出時期に係る説明'
at 1b 5b 31 7e
tui_keys j
selected 評価書番号                  # the row after the first: Home went to the top
tui_keys Escape
tui_wait '[exit 0]'
echo "$n sequences"
