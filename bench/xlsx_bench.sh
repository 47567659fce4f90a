#!/bin/sh
# XLSX benchmark: the bundled sample exported as the statutory sheet by
# `pia export` (the whole command: process start, load from SQLite, write,
# sync), against python3-xlsxwriter writing the very same sheets in one
# process (bench/xlsx_peer.py; its interpreter start-up excluded).  Best of
# XLSX_BENCH_RUNS runs for pia; the peer writes the workbook that many times.
set -eu
: "${PIA:?PIA must name the pia binary}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
export PIA_TEMPLATE_DIR="$ROOT/templates"
W=$(mktemp -d "${TMPDIR:-/tmp}/pia-xlsx-bench.XXXXXX"); trap 'rm -rf "$W"' EXIT
RUNS=${XLSX_BENCH_RUNS:-20}
id=$("$PIA" --db "$W/b.db" import "$ROOT/samples/kasou-jumin.yaml")
"$PIA" --db "$W/b.db" export "$id" --format xlsx -o "$W/pia.xlsx"     # warm the page cache
read -r best_w best_c rss <<EOF
$(best_of "$RUNS" "$W/time" "$PIA" --db "$W/b.db" export "$id" --format xlsx -o "$W/pia.xlsx")
EOF
books=""; r=0
while [ $r -lt "$RUNS" ]; do books="$books $W/pia.xlsx"; r=$((r + 1)); done
# shellcheck disable=SC2086
/usr/bin/python3 "$ROOT/bench/xlsx_peer.py" "$W/peer" $books > "$W/peer.txt"
pc=$(sed -n 's/^cpu_ms=//p' "$W/peer.txt"); pw=$(sed -n 's/^wall_ms=//p' "$W/peer.txt")
awk -v c="$best_c" -v w="$best_w" -v rss="$rss" -v pc="$pc" -v pw="$pw" -v runs="$RUNS" 'BEGIN {
    printf "xlsx bench: the sample as the statutory sheet (times are 10 ms coarse for pia: /usr/bin/time)\n"
    printf "  pia export --format xlsx (whole command, best of %d)  %6.0f ms CPU  %6.0f ms wall  peak RSS %.1f MB\n", runs, c * 1000, w * 1000, rss / 1024
    printf "  python3-xlsxwriter, same sheets, one process        %6.1f ms CPU  %6.1f ms wall (mean of %d)\n", pc, pw, runs
}'
