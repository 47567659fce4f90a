#!/bin/sh
# Import benchmark: time and peak memory of `pia import --dry-run` on a
# fictional converted section Ⅲ (text) and on pia's own text, XLSX and
# (when LibreOffice is here) PDF (`pia export --format pdf`) of the sample;
# the real seed too when shared/reference/seeds is beside the repository.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PIA_TEMPLATE_DIR="$ROOT/templates"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
id=$("$PIA" --db "$W/b.db" import "$ROOT/samples/kasou-jumin.yaml")
"$PIA" --db "$W/b.db" export "$id" --format text -o "$W/sample.txt"
"$PIA" --db "$W/b.db" export "$id" --format xlsx -o "$W/sample.xlsx"
files="$ROOT/tests/fixtures/import/kasou-kokuho-3.txt $W/sample.txt $W/sample.xlsx"
if command -v soffice >/dev/null; then
    "$PIA" --db "$W/b.db" export "$id" --format pdf -o "$W/sample.pdf" && files="$files $W/sample.pdf"
fi
for d in "$ROOT/../shared/reference/seeds" "$ROOT/../../shared/reference/seeds"; do
    [ -f "$d/004_20ce621f5a6fd9d5.txt" ] && files="$d/004_20ce621f5a6fd9d5.txt $files" && break
done
N=10
for f in $files; do
    start=$(date +%s%N)
    i=0; while [ $i -lt $N ]; do "$PIA" --db "$W/b.db" import "$f" --dry-run -q >/dev/null; i=$((i + 1)); done
    end=$(date +%s%N)
    rss=$(/usr/bin/time -f %M "$PIA" --db "$W/b.db" import "$f" --dry-run -q 2>&1 >/dev/null | tail -1)
    us=$(( (end - start) / N / 1000 ))
    echo "import $(basename "$f"): $(( us / 1000 )).$(printf %03d $(( us % 1000 ))) ms, peak RSS ${rss} KB"
done
