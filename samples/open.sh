#!/bin/sh
# `make sample`: open the bundled 架空市 sample.  The sample is imported once
# into a scratch database under build/ (never into your own database), then
# opened in the TUI, or printed as text when there is no terminal.  It says
# where that database is and how to open it again, since `./pia` alone
# opens your own database, not the sample's.
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
REL=${DB#"$PWD"/}
where() {
    echo "見本のデータベース: $DB" >&2
    echo "もう一度開くには: ./pia --db $REL   （./pia だけではご自分のデータベースが開きます）" >&2
}
where
if [ -t 1 ] && "$PIA" --help | grep -q '^  pia .*open ID'; then
    "$PIA" --db "$DB" open "$ID" && rc=0 || rc=$?
    where
    exit $rc
fi
exec "$PIA" --db "$DB" export "$ID" --format text
