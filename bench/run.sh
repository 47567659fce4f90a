#!/bin/sh
# Runs every benchmark (bench/*_bench.sh) with $PIA; each prints its own
# timings.  Not part of `make check`.  `make bench-profile` (bench/profile.sh)
# counts instructions instead, for comparisons that load cannot disturb.
: "${PIA:?PIA must name the pia binary}"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
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
