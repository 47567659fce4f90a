#!/bin/sh
# XLSX benchmark: the bundled sample exported as the statutory sheet by
# `pia export` (the whole command: process start, template, load from
# SQLite, write, sync), by pia's export in one process (bench/xlsx_export.c:
# load from SQLite and write, ROUNDS times; start-up and template paid once
# outside the figure), and by python3-xlsxwriter writing the very same sheets
# in one process (bench/xlsx_peer.py; its interpreter start-up excluded).
# Best of XLSX_BENCH_RUNS runs or rounds; the peer writes the workbook that
# many times in one pass and its mean is shown.
set -eu
: "${PIA:?PIA must name the pia binary}" "${BENCH_BIN:?BENCH_BIN must name the bench binaries}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
export PIA_TEMPLATE_DIR="$ROOT/templates"
W=$(mktemp -d "${TMPDIR:-/tmp}/pia-xlsx-bench.XXXXXX"); trap 'rm -rf "$W"' EXIT
RUNS=${XLSX_BENCH_RUNS:-20}
id=$("$PIA" --db "$W/b.db" import "$ROOT/samples/kasou-jumin.yaml")
"$PIA" --db "$W/b.db" export "$id" --format xlsx -o "$W/pia.xlsx"     # warm the page cache
read -r best_w best_c rss _ _ <<EOF
$(best_of "$RUNS" "$W/time" "$PIA" --db "$W/b.db" export "$id" --format xlsx -o "$W/pia.xlsx")
EOF
books=""; r=0
while [ $r -lt "$RUNS" ]; do books="$books $W/pia.xlsx"; r=$((r + 1)); done
# shellcheck disable=SC2086
/usr/bin/python3 "$ROOT/bench/xlsx_peer.py" "$W/peer" $books > "$W/peer.txt"
pc=$(sed -n 's/^cpu_ms=//p' "$W/peer.txt"); pw=$(sed -n 's/^wall_ms=//p' "$W/peer.txt")
"$BENCH_BIN/xlsx_export" "$W/b.db" "$id" "$RUNS" "$W/inproc.xlsx" > "$W/inproc.txt"
ic=$(sed -n 's/^cpu_ms=//p' "$W/inproc.txt"); iw=$(sed -n 's/^wall_ms=//p' "$W/inproc.txt")
awk -v c="$best_c" -v w="$best_w" -v rss="$rss" -v pc="$pc" -v pw="$pw" -v ic="$ic" -v iw="$iw" -v runs="$RUNS" 'BEGIN {
    printf "xlsx bench: the sample as the statutory sheet\n"
    printf "  pia export --format xlsx, whole command (best of %d; 10 ms steps)  %6.0f ms CPU  %6.0f ms wall  peak RSS %.1f MB\n", runs, c * 1000, w * 1000, rss / 1024
    printf "  pia, load + export in one process (best of %d rounds)              %6.1f ms CPU  %6.1f ms wall\n", runs, ic, iw
    printf "  python3-xlsxwriter, same sheets, one process (mean of %d)           %6.1f ms CPU  %6.1f ms wall\n", runs, pc, pw
    printf "  in one process, pia speed = %.2fx the peer (CPU)\n", pc / ic
}'
