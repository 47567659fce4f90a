#!/bin/sh
# Runs every test: compiled unit tests ($UNIT_DIR/*) and shell tests
# (tests/t_*.sh), each in its own scratch directory.  Prints one line per
# test and ends with "N passed, N failed".
#
# VALGRIND=1 runs the same suite with every pia process and every unit test
# under valgrind (memcheck).  Each process writes its own log; a test fails
# when any of its logs reports an error or a definite leak.  PIA_TEST_SLOW
# stretches the waits of the terminal tests, which valgrind slows ~20x.
: "${PIA:?PIA must name the pia binary}"
: "${UNIT_DIR:?UNIT_DIR must name the unit test directory}"
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
export PIA ROOT TESTS_DIR
export PIA_TEMPLATE_DIR="$ROOT/templates"
export PIA_USER=tester
VG=""
if [ "${VALGRIND:-0}" = 1 ]; then
    command -v valgrind >/dev/null || { echo "valgrind not installed"; exit 1; }
    VG_LOGS=$(mktemp -d "${TMPDIR:-/tmp}/pia-vg.XXXXXX")
    VG="valgrind -q --log-file=$VG_LOGS/%p.log --leak-check=full"
    VG="$VG --errors-for-leak-kinds=definite --show-leak-kinds=definite"
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$VG" "$(cd "$(dirname "$PIA")" && pwd)/$(basename "$PIA")" \
        > "$VG_LOGS/pia"
    chmod +x "$VG_LOGS/pia"
    PIA="$VG_LOGS/pia"
    # LibreOffice's launcher reads VALGRIND too (as a tool name).
    unset VALGRIND
    export PIA_VALGRIND=1 PIA_TEST_SLOW="${PIA_TEST_SLOW:-8}"
fi
pass=0; fail=0; failed=""
# valgrind_clean: true when no log of the test just run reports anything.
# (-q keeps a clean run's log empty; a process killed by a test leaves an
# empty or partial log without an error record.)
valgrind_clean() {
    [ -n "$VG" ] || return 0
    bad=$(grep -l '^==[0-9]*== [^ ]' "$VG_LOGS"/*.log 2>/dev/null | head -3)
    [ -z "$bad" ] && { rm -f "$VG_LOGS"/*.log; return 0; }
    for f in $bad; do echo "---- valgrind: $f"; head -60 "$f"; done
    rm -f "$VG_LOGS"/*.log
    return 1
}
run_one() {
    name=$1; shift
    work=$(mktemp -d "${TMPDIR:-/tmp}/pia-test.XXXXXX")
    if (cd "$work" && HOME="$work" XDG_DATA_HOME="$work/data" "$@") >"$work.log" 2>&1 </dev/null \
        && valgrind_clean >>"$work.log"; then
        pass=$((pass + 1)); echo "ok   $name"
    else
        fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name"; sed 's/^/     /' "$work.log" | tail -60
    fi
    rm -rf "$work" "$work.log"
}
only=${TESTS:-}
for t in "$UNIT_DIR"/*; do
    [ -x "$t" ] && [ -f "$t" ] || continue
    n=$(basename "$t")
    [ -n "$only" ] && ! echo " $only " | grep -q " $n " && continue
    # shellcheck disable=SC2086
    run_one "$n" $VG "$t"
done
for t in "$TESTS_DIR"/t_*.sh; do
    [ -f "$t" ] || continue
    n=$(basename "$t" .sh)
    [ -n "$only" ] && ! echo " $only " | grep -q " $n " && continue
    run_one "$n" ${TEST_SH:-sh} "$t"
done
[ -n "$VG" ] && rm -rf "$VG_LOGS"
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
