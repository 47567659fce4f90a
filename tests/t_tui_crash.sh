# Nothing typed is lost: kill -9 mid-typing keeps everything up to the last
# save (at most a second before); SIGHUP saves the pending edit and exits;
# a 20,000-character answer is pasted, edited in the middle and stored whole.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title 試験)
pia_child() { pgrep -P "$(tui_pid)" | head -1; }
answer() {   # the stored text of cover.number
    $PIA --db t.db export "$id" --format yaml | python3 -c '
import sys, yaml
print(yaml.safe_load(sys.stdin)["answers"].get(sys.argv[1], ""), end="")' "$1"
}

# kill -9 while typing.
tui_start 100 30 --db t.db open "$id"
tui_wait '評価書番号'
tui_keys g j Enter
tui_wait '0 文字'
tui_type '保存済みの文。'
tui_wait '保存済みの文。'
tui_wait_gone '（未保存）' 5
tui_type 'この続きは'
kill -9 "$(pia_child)"
sleep 0.3
got=$(answer cover.number)
case "$got" in 保存済みの文。*) ;; *) echo "lost saved text: '$got'"; exit 1 ;; esac
sqlite3 t.db 'PRAGMA integrity_check' | grep -qx ok

# signal_mid_edit SIGNAL TEXT: types TEXT at the end of cover.number in a
# fresh TUI, sends SIGNAL, and waits for pia to be gone.
signal_mid_edit() {
    tui_start 100 30 --db t.db open "$id"
    tui_wait '評価書番号'
    tui_keys g j Enter
    tui_wait '文字'
    tui_keys End
    tui_type "$2"
    tui_wait "$2"
    kill -"$1" "$(pia_child)"
    i=0; while [ -n "$(pia_child)" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
    test -z "$(pia_child)"
}

# SIGHUP (a closed terminal) saves what was typed and exits cleanly.
signal_mid_edit HUP 端末を閉じる直前の入力
got=$(answer cover.number)
case "$got" in *端末を閉じる直前の入力) ;; *) echo "SIGHUP lost typing: '$got'"; exit 1 ;; esac

# SIGTERM (a shutdown, an administrator's kill) likewise, and the terminal
# is given back: the shell after pia prints into a normal screen.
signal_mid_edit TERM 停止の直前に打った文
got=$(answer cover.number)
case "$got" in *端末を閉じる直前の入力停止の直前に打った文) ;; *) echo "SIGTERM lost typing: '$got'"; exit 1 ;; esac
test "$(tmux_ display-message -p -t $TUI_S '#{alternate_on}')" = 0

# A 20,000-character answer: pasted at once, then edited in the middle.
big=$(python3 -c 'print(("個人番号の取扱いに関する記録を点検する。" * 1000)[:20000], end="")')
tui_start 100 30 --db t.db open "$id"
tui_wait '評価書番号'
tui_keys g j j Enter
tui_wait ' 2 文字'              # the title 試験, which new wrote into the 表紙
tui_paste "$big"
tui_wait '20002 文字' 20
tui_keys PPage PPage Home
tui_type '挿入'
tui_wait '20004 文字'
tui_wait_gone '（未保存）' 5
tui_keys Escape
tui_wait '評価書名'
got=$(answer cover.title)
test "$(printf '%s' "$got" | python3 -c 'import sys; print(len(sys.stdin.read()))')" = 20004
printf '%s' "$got" | grep -q '挿入'
tui_keys q
