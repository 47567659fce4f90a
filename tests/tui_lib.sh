# tui_lib.sh — drive the real pia binary in tmux as a person would:
# start it, type, press keys, wait for what the screen shows.
# Each test gets its own tmux server (socket), killed on exit.
. "$TESTS_DIR/need.sh"
need tmux
TUI_N=0
TUI_SOCK="pia-test-$$-0"
# Targets always carry the colon: a bare "b" is first looked up as a window
# name in tmux's current session, so "-t b" can reach a window named "bash"
# in another test session and type into the wrong pia.
TUI_S=t:
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# tmux itself needs a terminal type even when detached (CI has none).
case "${TERM:-dumb}" in dumb|unknown) export TERM=xterm-256color ;; esac
tmux_() { tmux -L "$TUI_SOCK" "$@"; }
tui_cleanup() { tmux_ kill-server >/dev/null 2>&1 || true; }
trap tui_cleanup EXIT

# tui_start COLS ROWS ARGS...   (runs "$PIA ARGS..." in a fresh session)
tui_start() {
    cols=$1 rows=$2; shift 2
    # A fresh server each time: reusing a socket races with the old
    # server's shutdown ("server exited unexpectedly").
    tmux_ kill-server >/dev/null 2>&1 || true
    TUI_N=$((TUI_N + 1)); TUI_SOCK="pia-test-$$-$TUI_N"
    tmux_ -f /dev/null new-session -d -s "${TUI_S%:}" -x "$cols" -y "$rows" \
        "env ${TUI_ENV:-LANG=C.UTF-8 LC_ALL=C.UTF-8} PIA_TEMPLATE_DIR='$PIA_TEMPLATE_DIR' PIA_USER='$PIA_USER' $PIA $*; echo \"[exit \$?]\"; sleep 30"
    tmux_ set-option -t $TUI_S remain-on-exit on >/dev/null
}
tui_keys() { tmux_ send-keys -t $TUI_S "$@"; }          # named keys: Enter Escape Down …
tui_type() { tmux_ send-keys -t $TUI_S -l -- "$1"; }    # literal text, Japanese included
tui_screen() { tmux_ capture-pane -p -t $TUI_S; }
tui_paste() {                                         # a long text as one paste
    printf '%s' "$1" > paste.buf
    tmux_ load-buffer paste.buf
    tmux_ paste-buffer -t $TUI_S
}
tui_paste_marked() {                                  # the same, marked as a paste
    printf '%s' "$1" > paste.buf                      # (bracketed, when pia asked for it)
    tmux_ load-buffer paste.buf
    tmux_ paste-buffer -p -t $TUI_S
}
tui_raw() { tmux_ send-keys -t $TUI_S -H "$@"; }      # bytes in hex: 1b 5b 31 7e
# tui_ticks SECONDS: that many 0.1 s polls, stretched by PIA_TEST_SLOW
# (set by run.sh when every process runs under valgrind).
tui_ticks() { echo $(( $1 * 10 * ${PIA_TEST_SLOW:-1} )); }
tui_pid() { tmux_ list-panes -t $TUI_S -F '#{pane_pid}' | head -1; }

# pane_wait PANE TEXT [SECONDS]: until PANE shows TEXT (fixed string); on a
# timeout every pane of the server is shown, since a key sent to the wrong
# pane shows up in another one.
pane_wait() {
    i=0; limit=$(tui_ticks "${3:-10}")
    while ! tmux_ capture-pane -p -t "$1" | grep -qF -- "$2"; do
        i=$((i + 1))
        [ $i -lt "$limit" ] && { sleep 0.1; continue; }
        echo "timed out waiting in $1 for: $2"
        for p in $(tmux_ list-panes -a -F '#{session_name}:#{window_index}'); do
            echo "---- $p ----"; tmux_ capture-pane -p -t "$p"
        done
        echo "----------------"
        exit 1
    done
}
# tui_wait TEXT [SECONDS]: the same on the pane of tui_start.
tui_wait() { pane_wait "$TUI_S" "$@"; }
# pane_select PANE TEXT KEYS...: sends KEYS, then waits until the row
# holding TEXT is the highlighted one (reverse video, [7m or [0;7m as
# tmux writes it after other attributes), so that Enter opens that item.
pane_select() {
    pane=$1; text=$2; shift 2
    tmux_ send-keys -t "$pane" "$@"
    i=0; limit=$(tui_ticks 10)
    while ! tmux_ capture-pane -p -e -t "$pane" | grep -q "$(printf '\033')\[\(0;\)\?7m.*$text"; do
        i=$((i + 1)); [ $i -lt "$limit" ] || { echo "$text not selected in $pane"; tmux_ capture-pane -p -t "$pane"; exit 1; }
        sleep 0.1
    done
}
# tui_wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT.
tui_wait_gone() {
    i=0; limit=$(tui_ticks "${2:-10}")
    while tui_screen | grep -qF -- "$1"; do
        i=$((i + 1))
        [ $i -ge $limit ] && { echo "still showing: $1"; tui_screen; exit 1; }
        sleep 0.1
    done
}
