#!/bin/sh
# `make sample`: open the bundled 架空市 sample.  The sample is imported once
# into a scratch database under build/ (never into your own database), then
# opened in the TUI, or printed as text when there is no terminal.
set -eu
PIA=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB="$ROOT/build/sample.db"
export PIA_TEMPLATE_DIR="$ROOT/templates"
mkdir -p "$ROOT/build"
if [ ! -f "$DB" ]; then
    "$PIA" --db "$DB" import "$ROOT/samples/kasou-jumin.yaml" >/dev/null
fi
ID=$("$PIA" --db "$DB" list | tail -n 1 | cut -f1)
if [ -t 1 ] && "$PIA" --help | grep -q '^  pia .*open ID'; then
    exec "$PIA" --db "$DB" open "$ID"
fi
exec "$PIA" --db "$DB" export "$ID" --format text
