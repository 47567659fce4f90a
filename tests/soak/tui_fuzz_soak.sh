#!/bin/sh
# TUI fuzz soak: RUNS runs of SECONDS each of random keys and pastes into
# the TUI (tests/tui_fuzz.py), the database checked after every run.  Give
# PIA a SAN=1 build to run it under ASan: any sanitizer report fails.
# Usage: tui_fuzz_soak.sh [RUNS] [SECONDS] [SEED]
set -eu
RUNS=${1:-30}
SECS=${2:-20}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PIA=${PIA:-$ROOT/pia}
export PIA_TEMPLATE_DIR=$ROOT/templates
case "${TERM:-dumb}" in dumb|unknown) export TERM=xterm-256color ;; esac
W=$(mktemp -d); cd "$W"
mkdir logs
export ASAN_OPTIONS="log_path=$W/logs/asan" UBSAN_OPTIONS="log_path=$W/logs/ubsan"
a=$("$PIA" --db t.db import "$ROOT/samples/kasou-jumin.yaml")
b=$("$PIA" --db t.db import "$ROOT/samples/kasou-jumin.yaml")
python3 "$ROOT/tests/tui_fuzz.py" "$PIA" t.db "$a" "$b" "$RUNS" "$SECS" ${3:-}
if ls logs/* >/dev/null 2>&1; then head -60 logs/*; exit 1; fi
cd / && rm -rf "$W"
