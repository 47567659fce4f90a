#!/bin/sh
# Crash soak: TRIALS times, start the TUI in tmux, type Japanese into an
# answer in bursts, kill -9 it at a random moment, then check that the
# database passes integrity_check and that the stored answer is exactly what
# had been typed up to some point no earlier than the last pause of 1.2 s
# (the editor saves within a second).  Usage: crash_soak.sh [TRIALS]
set -eu
TRIALS=${1:-200}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PIA=${PIA:-$ROOT/pia}
TESTS_DIR=$ROOT/tests
PIA_TEMPLATE_DIR=$ROOT/templates PIA_USER=${PIA_USER:-soak}
export PIA PIA_TEMPLATE_DIR PIA_USER
W=$(mktemp -d); cd "$W"
. "$TESTS_DIR/tui_lib.sh"
id=$("$PIA" --db t.db new --template zenkomoku --title 耐久試験)
answer() { "$PIA" --db t.db export "$id" --format yaml | python3 -c '
import sys, yaml; print(yaml.safe_load(sys.stdin)["answers"].get("cover.remarks", ""), end="")'; }
typed=""
t=1
while [ $t -le "$TRIALS" ]; do
    tui_start 100 30 --db t.db open "$id"
    tui_wait '評価書番号'
    tui_keys g j j j j Enter
    tui_wait '文字'
    tui_keys End
    saved_before=$(answer)
    # Two bursts: the first is given time to be saved, the second is cut.
    burst1="第${t}回①記録。"
    tui_type "$burst1"
    sleep 1.3
    safe="$saved_before$burst1"
    tui_type "②途中${t}の入力が続く"
    sleep "0.$(( t * 37 % 10 ))"
    kill -9 "$(pgrep -P "$(tui_pid)" | head -1)"
    sqlite3 t.db 'PRAGMA integrity_check' | grep -qx ok || { echo "trial $t: integrity_check failed"; exit 1; }
    got=$(answer)
    case "$got" in "$safe"*) ;; *) echo "trial $t: saved text lost"; echo "want prefix: $safe"; echo "got: $got"; exit 1 ;; esac
    t=$((t + 1))
done
echo "crash soak: $TRIALS kill -9 trials, integrity_check ok and no saved text lost in every one"
rm -rf "$W"
