#!/bin/sh
# Fault soak: every kind of file pia writes, each under a file-size limit
# (RLIMIT_FSIZE: a disk that fills at a different byte each step).  Every
# run must end one of two ways:
#   exit 0, and the output is whole (the same bytes as without a limit, or
#   a readable ZIP / database where the bytes carry a time);
#   exit 1, a message naming the file (or the database, when the limit is
#   below what opening it takes), and nothing half-written left.
# After every step the database passes integrity_check and still holds
# exactly the answers it held before.  Usage: faults_soak.sh [STEPS]
set -eu
STEPS=${1:-100}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PIA=${PIA:-$ROOT/pia}
PY=/usr/bin/python3
export PIA_TEMPLATE_DIR="$ROOT/templates" PIA_USER="${PIA_USER:-soak}"
W=$(mktemp -d); cd "$W"
trap 'cd /; rm -rf "$W"' EXIT

id=$("$PIA" --db t.db import "$ROOT/samples/kasou-jumin.yaml")
"$PIA" --db t.db version "$id" --label 基準 >/dev/null
"$PIA" --db t.db set "$id" cover.remarks '比較のための変更'
"$PIA" --db t.db review comment "$id" cover.remarks '表現を確認してください' >/dev/null
"$PIA" --db t.db export "$id" --format text -o ref.txt
"$PIA" --db t.db export "$id" --format yaml -o ref.yaml
big=$($PY -c 'print("保管期間を過ぎた記録は消去し、消去の記録を残す。" * 900, end="")')

fail() { echo "step $step (limit $limit blocks), $op: $*"; cat err.txt 2>/dev/null; exit 1; }
zip_ok() { $PY -c 'import sys, zipfile; assert zipfile.ZipFile(sys.argv[1]).testzip() is None' "$1"; }
no_leftovers() { ! ls -A "$1" | grep -q '\.tmp-'; }

# limited CMD...: run CMD with the current limit; sets rc.
limited() {
    rc=0
    (ulimit -f "$limit"; trap '' XFSZ; "$@") >out.txt 2>err.txt || rc=$?
    [ $rc -le 1 ] || fail "exit $rc"
}

# names PLACE: the message names PLACE, or the database: below the 32 KB
# its shared-memory file needs, the database itself cannot be opened.
names() { grep -qF -- "$1" err.txt || grep -q '^pia: t\.db: ' err.txt; }

# check_file TARGET NAME-IN-MESSAGE VALIDATOR: the two allowed endings.
check_file() {
    if [ $rc -eq 0 ]; then
        [ -s "$1" ] || fail "success without $1"
        "$3" "$1" || fail "$1 is not whole"
    else
        names "$2" || fail "message names neither $2 nor the database"
        [ ! -e "$1" ] || fail "$1 left behind after a failure"
    fi
    no_leftovers "$(dirname "$1")" || fail "temporary file left in $(dirname "$1")"
}

same_txt() { cmp -s "$1" ref.txt; }
same_yaml() { cmp -s "$1" ref.yaml; }
same_xlsx() { cmp -s "$1" ref.xlsx; }
db_ok() { [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ]; }

low=40 high=640 step=1 runs=0 failures=0
while [ $step -le "$STEPS" ]; do
    # Spread the limits over [low, high) in a fixed, scattered order.
    limit=$(( low + (step * 7919) % (high - low) ))
    rm -rf o && mkdir o
    # The sheet's creation time is the last change, which the "set" step moves.
    "$PIA" --db t.db export "$id" --format xlsx -o ref.xlsx

    op="export text"; limited "$PIA" --db t.db export "$id" --format text -o o/a.txt
    check_file o/a.txt o/a.txt same_txt; runs=$((runs + 1)); failures=$((failures + rc))
    op="export yaml"; limited "$PIA" --db t.db export "$id" --format yaml -o o/a.yaml
    check_file o/a.yaml o/a.yaml same_yaml; runs=$((runs + 1)); failures=$((failures + rc))
    op="export xlsx"; limited "$PIA" --db t.db export "$id" --format xlsx -o o/a.xlsx
    check_file o/a.xlsx o/a.xlsx same_xlsx; runs=$((runs + 1)); failures=$((failures + rc))
    op="diff xlsx"; limited "$PIA" --db t.db diff "$id@1" "$id" --format xlsx -o o/d.xlsx
    check_file o/d.xlsx o/d.xlsx zip_ok; runs=$((runs + 1)); failures=$((failures + rc))
    op="review report"; limited "$PIA" --db t.db review report "$id" --format xlsx -o o/r.xlsx
    check_file o/r.xlsx o/r.xlsx zip_ok; runs=$((runs + 1)); failures=$((failures + rc))

    op="backup"; limited "$PIA" --db t.db backup --dir o/bk --keep 3
    if [ $rc -eq 0 ]; then
        b=$(cat out.txt); db_ok "$b" || fail "backup $b damaged"
        "$PIA" --db "$b" export "$id" --format yaml | cmp -s - ref.yaml || fail "backup $b differs"
    else
        names o/bk || fail "message names neither the backup nor the database"
        [ -z "$(ls o/bk 2>/dev/null | grep -v '\.db$' || true)" ] || fail "partial backup left"
        for b in o/bk/*.db; do [ -e "$b" ] || continue; db_ok "$b" || fail "partial backup $b"; done
    fi
    runs=$((runs + 1)); failures=$((failures + rc))

    op="bundle"; limited "$PIA" bundle --out o/b --db t.db --all --format xlsx,yaml --quiet
    if [ $rc -eq 0 ]; then
        (cd o/b && sha256sum -c --quiet SHA256SUMS) || fail "bundle checksums do not match"
    else
        names o/b || fail "message names neither the bundle folder nor the database"
        for f in o/b/*.xlsx; do [ -e "$f" ] || continue; zip_ok "$f" || fail "$f is not whole"; done
    fi
    [ ! -d o/b ] || no_leftovers o/b || fail "temporary file left in o/b"
    runs=$((runs + 1)); failures=$((failures + rc))

    # A write that grows the database: stored whole, or refused and the
    # old answer kept.  Then put the answer back.
    op="set"; limited "$PIA" --db t.db set "$id" other.more "$big"
    got=$("$PIA" --db t.db export "$id" --format yaml | $PY -c '
import sys, yaml; print(yaml.safe_load(sys.stdin)["answers"].get("other.more", ""), end="")')
    if [ $rc -eq 0 ]; then
        [ "$got" = "$big" ] || fail "stored text differs from what was set"
    else
        grep -q 't.db' err.txt || fail "message does not name the database"
        [ "$got" != "$big" ] || fail "refused, yet stored"
    fi
    runs=$((runs + 1)); failures=$((failures + rc))
    orig=$($PY -c '
import sys, yaml; print(yaml.safe_load(open("ref.yaml"))["answers"].get("other.more", ""), end="")')
    "$PIA" --db t.db set "$id" other.more "$orig"

    db_ok t.db || fail "database damaged"
    "$PIA" --db t.db export "$id" --format yaml | cmp -s - ref.yaml || fail "answers changed"
    step=$((step + 1))
done
echo "faults soak: $STEPS limits, $runs runs, $failures refused cleanly, $((runs - failures)) whole; database intact"
