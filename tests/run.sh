#!/bin/sh
# Runs every test: compiled unit tests ($UNIT_DIR/*) and shell tests
# (tests/t_*.sh), each in its own scratch directory.  Prints one line per
# test and ends with "N passed, N failed".
#
# Sanitizer reports (ASan, UBSan, LSan in a SAN=1 build) go to per-process
# log files, not stderr: the terminal tests' stderr is a tmux pane nobody
# reads, and the TUI sends its stderr to /dev/null.  Any report fails the
# test that produced it.
#
# VALGRIND=1 runs the same suite with every pia process and every unit test
# under valgrind (memcheck).  Each process writes its own log; a test fails
# when any of its logs reports an error or a definite leak.  PIA_TEST_SLOW
# stretches the waits of the terminal tests, which valgrind slows ~20x.
#
# TEST_JOBS=N runs the tests in N shards at once (each its own run of this
# script, its own scratch and memory-log folders; the terminal tests each
# start their own tmux server).  Every line carries the test's seconds so a
# slow test shows itself.
: "${PIA:?PIA must name the pia binary}"
: "${UNIT_DIR:?UNIT_DIR must name the unit test directory}"
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$TESTS_DIR/.." && pwd)
export PIA ROOT TESTS_DIR
export PIA_TEMPLATE_DIR="$ROOT/templates"
export PIA_USER=tester
if [ "${TEST_JOBS:-1}" -gt 1 ]; then
    names=""
    for t in "$UNIT_DIR"/*; do
        [ -x "$t" ] && [ -f "$t" ] && [ -f "$TESTS_DIR/unit/$(basename "$t").c" ] && names="$names $(basename "$t")"
    done
    for t in "$TESTS_DIR"/t_*.sh; do [ -f "$t" ] && names="$names $(basename "$t" .sh)"; done
    if [ -n "${TESTS:-}" ]; then
        keep=""; for n in $names; do echo " $TESTS " | grep -q " $n " && keep="$keep $n"; done; names=$keep
    fi
    shards=$(mktemp -d "${TMPDIR:-/tmp}/pia-shards.XXXXXX")
    i=0
    for n in $names; do
        echo "$n" >> "$shards/list.$((i % TEST_JOBS))"; i=$((i + 1))
    done
    for l in "$shards"/list.*; do
        TESTS="$(tr '\n' ' ' < "$l")" TEST_JOBS=1 sh "$0" > "$shards/out.${l##*.}" 2>&1 &
    done
    wait
    pass=0; fail=0; skipped=0
    for o in "$shards"/out.*; do
        grep -v '^[0-9]* passed, [0-9]* failed' "$o" | grep -v '^failed:'
        set -- $(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed\(, \([0-9]*\) parts SKIPPED\)\{0,1\}.*$/\1 \2 \4/p' "$o")
        pass=$((pass + ${1:-0})); fail=$((fail + ${2:-1})); skipped=$((skipped + ${3:-0}))
    done
    rm -rf "$shards"
    if [ "$skipped" -gt 0 ]; then
        echo "$pass passed, $fail failed, $skipped parts SKIPPED (see the SKIPPED: lines above)"
    else
        echo "$pass passed, $fail failed"
    fi
    [ "$fail" -eq 0 ]
    exit
fi
# The binary itself, for tests that read it (PIA may become a wrapper).
export PIA_BIN="$PIA"
MEM_LOGS=$(mktemp -d "${TMPDIR:-/tmp}/pia-mem.XXXXXX")
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$MEM_LOGS/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$MEM_LOGS/ubsan"
VG=""
if [ "${VALGRIND:-0}" = 1 ]; then
    command -v valgrind >/dev/null || { echo "valgrind not installed"; exit 1; }
    VG="valgrind -q --log-file=$MEM_LOGS/%p.log --leak-check=full --suppressions=$TESTS_DIR/valgrind.supp"
    VG="$VG --errors-for-leak-kinds=definite --show-leak-kinds=definite"
    VG_BIN=$(mktemp -d "${TMPDIR:-/tmp}/pia-vgbin.XXXXXX")
    printf '#!/bin/sh\nexec %s %s "$@"\n' "$VG" "$(cd "$(dirname "$PIA")" && pwd)/$(basename "$PIA")" \
        > "$VG_BIN/pia"
    chmod +x "$VG_BIN/pia"
    PIA="$VG_BIN/pia"
    # LibreOffice's launcher reads VALGRIND too (as a tool name).
    unset VALGRIND
    export PIA_VALGRIND=1 PIA_TEST_SLOW="${PIA_TEST_SLOW:-8}"
fi
pass=0; fail=0; failed=""; skipped=0
# memory_clean: true when no process of the test just run left a sanitizer
# report or a valgrind record.  (-q keeps a clean valgrind log empty; a
# process killed by a test leaves an empty or partial log.)
memory_clean() {
    bad=$(ls "$MEM_LOGS"/asan.* "$MEM_LOGS"/ubsan.* 2>/dev/null | head -3)
    [ -n "$VG" ] && bad="$bad $(grep -l '^==[0-9]*== [^ ]' "$MEM_LOGS"/*.log 2>/dev/null | head -3)"
    for f in $bad; do echo "---- memory error report: $f"; head -60 "$f"; done
    find "$MEM_LOGS" -type f -delete
    [ -z "$(echo $bad)" ]
}
run_one() {
    name=$1; shift
    work=$(mktemp -d "${TMPDIR:-/tmp}/pia-test.XXXXXX")
    ok=1; t0=$(date +%s)
    (cd "$work" && HOME="$work" XDG_DATA_HOME="$work/data" "$@") >"$work.log" 2>&1 </dev/null || ok=0
    memory_clean >>"$work.log" || ok=0
    if [ $ok = 1 ]; then
        pass=$((pass + 1)); echo "ok   $name ($(( $(date +%s) - t0 )) s)"
        # a test that could not run a part says so on a line of its own
        grep '^SKIPPED:' "$work.log" | sed 's/^/     /' || true
        skipped=$((skipped + $(grep -c '^SKIPPED:' "$work.log")))
    else
        fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name ($(( $(date +%s) - t0 )) s)"; sed 's/^/     /' "$work.log" | tail -60
    fi
    rm -rf "$work" "$work.log"
}
only=${TESTS:-}
for t in "$UNIT_DIR"/*; do
    [ -x "$t" ] && [ -f "$t" ] || continue
    n=$(basename "$t")
    # A binary left in the build folder by a test that no longer exists.
    [ -f "$TESTS_DIR/unit/$n.c" ] || continue
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
rm -rf "$MEM_LOGS" ${VG_BIN:+"$VG_BIN"}
[ -n "$failed" ] && echo "failed:$failed"
if [ "$skipped" -gt 0 ]; then
    echo "$pass passed, $fail failed, $skipped parts SKIPPED (see the SKIPPED: lines above)"
else
    echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
