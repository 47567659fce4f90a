#!/bin/sh
# Runs every test: compiled unit tests ($UNIT_DIR/*) and shell tests
# (tests/t_*.sh), each in its own scratch directory.  Prints one line per
# test and ends with "N passed, N failed".
: "${PIA:?PIA must name the pia binary}"
: "${UNIT_DIR:?UNIT_DIR must name the unit test directory}"
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
export PIA ROOT TESTS_DIR
export PIA_TEMPLATE_DIR="$ROOT/templates"
export PIA_USER=tester
pass=0; fail=0; failed=""
run_one() {
    name=$1; shift
    work=$(mktemp -d "${TMPDIR:-/tmp}/pia-test.XXXXXX")
    if (cd "$work" && HOME="$work" XDG_DATA_HOME="$work/data" "$@") >"$work.log" 2>&1 </dev/null; then
        pass=$((pass + 1)); echo "ok   $name"
    else
        fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name"; sed 's/^/     /' "$work.log" | tail -40
    fi
    rm -rf "$work" "$work.log"
}
only=${TESTS:-}
for t in "$UNIT_DIR"/*; do
    [ -x "$t" ] && [ -f "$t" ] || continue
    n=$(basename "$t")
    [ -n "$only" ] && ! echo " $only " | grep -q " $n " && continue
    run_one "$n" "$t"
done
for t in "$TESTS_DIR"/t_*.sh; do
    [ -f "$t" ] || continue
    n=$(basename "$t" .sh)
    [ -n "$only" ] && ! echo " $only " | grep -q " $n " && continue
    run_one "$n" ${TEST_SH:-sh} "$t"
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
