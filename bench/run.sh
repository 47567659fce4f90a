#!/bin/sh
# Runs every benchmark (bench/*_bench.sh) with $PIA; each prints its own
# timings.  Not part of `make check`.  `make bench-profile` (bench/profile.sh)
# counts instructions instead, for comparisons that load cannot disturb.
: "${PIA:?PIA must name the pia binary}"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
# BENCH_FULL=1: the large runs (10,000 assessments in the list and the
# bundle; the peer on 200 of them), which take most of an hour.
if [ "${BENCH_FULL:-0}" = 1 ]; then
    export TUI_BENCH_N="${TUI_BENCH_N:-10000}" BUNDLE_BENCH_N="${BUNDLE_BENCH_N:-10000}" PEER_N="${PEER_N:-200}"
fi
echo "make bench: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start; $(uname -srm)"
rc=0
for b in "$BENCH_DIR"/*_bench.sh; do
    [ -f "$b" ] || continue
    echo
    start=$(date +%s)
    sh "$b" || { echo "$(basename "$b") FAILED"; rc=1; }
    echo "($(basename "$b"): $(( $(date +%s) - start )) s)"
done
exit $rc
