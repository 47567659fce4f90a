#!/bin/sh
# XLSX benchmark: time and peak memory to export the sample as the
# statutory sheet, against python3-xlsxwriter writing the same sheet.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PIA_TEMPLATE_DIR="$ROOT/templates"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
id=$("$PIA" --db "$W/b.db" import "$ROOT/samples/kasou-jumin.yaml")
"$PIA" --db "$W/b.db" export "$id" --format text -o "$W/s.txt"
N=20
measure() {   # LABEL COMMAND...: mean wall time of N runs, peak RSS of one
    label=$1; shift
    start=$(date +%s%N)
    i=0; while [ $i -lt $N ]; do "$@" >/dev/null; i=$((i + 1)); done
    end=$(date +%s%N)
    rss=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
    ms=$(( (end - start) / N / 1000 ))
    echo "$label: $(( ms / 1000 )).$(printf %03d $(( ms % 1000 ))) ms per export, peak RSS ${rss} KB"
    eval "${label}_us=$ms"
}
measure pia "$PIA" --db "$W/b.db" export "$id" --format xlsx -o "$W/pia.xlsx"
measure peer /usr/bin/python3 "$ROOT/bench/xlsx_peer.py" "$W/s.txt" "$W/peer.xlsx"
echo "ratio: python3-xlsxwriter takes $(( peer_us * 10 / pia_us / 10 )).$(( peer_us * 10 / pia_us % 10 ))× as long as pia (pia includes loading the assessment from SQLite)"
