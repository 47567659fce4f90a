#!/bin/sh
# Runs every benchmark (bench/*_bench.sh) with $PIA; each prints its own
# timings.  Not part of `make check`.
: "${PIA:?PIA must name the pia binary}"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
rc=0
for b in "$BENCH_DIR"/*_bench.sh; do
    [ -f "$b" ] || continue
    sh "$b" || rc=1
done
exit $rc
