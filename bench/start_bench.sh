# Benchmark: what every command pays before it does its work — the start
# of the process (the dynamic loader mapping and relocating pia's shared
# libraries) — with `pia --version` and `pia list` on an empty database.
# CPU (user + system) and wall per run, from RUNS runs in a row timed
# together (/usr/bin/time counts in 10 ms steps), best of 3; and, where
# valgrind is installed, the instructions of one run (callgrind, immune to
# load).  PIA_OTHER: a second binary measured the same way (an earlier
# build, for a before/after).
set -eu
: "${PIA:?PIA must name the pia binary}"
. "$(dirname "$0")/lib.sh"
RUNS=${RUNS:-50}
work=$(mktemp -d "${TMPDIR:-/tmp}/pia-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cat > "$work/loop.sh" <<'SH'
n=$1; shift
i=0; while [ $i -lt "$n" ]; do "$@" >/dev/null || exit 1; i=$((i + 1)); done
SH
measure() {   # LABEL BINARY
    libs=$(ldd "$2" 2>/dev/null | wc -l)
    for what in "--version" "--db $work/empty.db list"; do
        # shellcheck disable=SC2086
        r=$(best_of 3 "$work/t" sh "$work/loop.sh" "$RUNS" "$2" $what)
        ins=""
        if command -v valgrind >/dev/null; then
            # shellcheck disable=SC2086
            valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$2" $what >/dev/null 2>&1 &&
                ins=$(callgrind_annotate "$work/cg" 2>/dev/null |
                      awk '/PROGRAM TOTALS/ { gsub(",", "", $1); printf "%.1f M instructions", $1 / 1e6 }')
        fi
        echo "$r" | awk -v l="$1" -v w="pia ${what#--db $work/empty.db }" -v n="$libs" -v i="$ins" -v k="$RUNS" \
            '{ printf "  %-6s %-14s %6.2f ms CPU  %6.2f ms wall  %s  (%d shared libraries)\n", l, w, $2 * 1000 / k, $1 * 1000 / k, i, n }'
    done
}
"$PIA" --db "$work/empty.db" --create list >/dev/null
echo "process start (per run; $RUNS runs in a row, best of 3):"
measure this "$PIA"
[ -z "${PIA_OTHER:-}" ] || measure other "$PIA_OTHER"
