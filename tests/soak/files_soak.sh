#!/bin/sh
# Files soak: the long runs of what tests/t_rel_bundle.sh, t_rel_files.sh and
# t_rel_confirm.sh check once.
#   1. ROUNDS rounds of random changes (answers, titles, versions, removed
#      files, deleted and new assessments) each followed by a bundle into one
#      folder, some interrupted (SIGTERM or kill -9) and run again: after
#      every round the folder holds exactly what a fresh bundle holds.
#   2. KILLS exports to a file stopped by SIGTERM, SIGINT or SIGHUP at a
#      random moment: the target is whole or absent, nothing else is left.
#   3. BACKUPS backups of a ~60 MB database while two writers save at the
#      TUI's autosave rate and one as fast as it can: each completes, whole.
# Usage: files_soak.sh [ROUNDS] [KILLS] [BACKUPS]
set -eu
ROUNDS=${1:-60}
KILLS=${2:-150}
BACKUPS=${3:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PIA=${PIA:-$ROOT/pia}
PY=/usr/bin/python3
export PIA_TEMPLATE_DIR="$ROOT/templates" PIA_USER="${PIA_USER:-soak}"
W=$(mktemp -d); cd "$W"
trap 'cd /; rm -rf "$W"' EXIT
fail() { echo "files soak: $*"; exit 1; }

# ---- 1. bundles against fresh bundles -----------------------------------------
$PY "$ROOT/bench/gen.py" 30 gen 11 >/dev/null
for f in gen/*.yaml; do "$PIA" --db s.db import "$f" >/dev/null; done
rand() { $PY -c "import random,sys; random.seed(int(sys.argv[1])); print(random.randint(int(sys.argv[2]), int(sys.argv[3])))" "$@"; }
same_as_fresh() {
    rm -rf fresh
    "$PIA" bundle --out fresh --db s.db --all --format xlsx,text,yaml --quiet
    [ "$(cd live && ls)" = "$(cd fresh && ls)" ] || fail "round $r: the names differ from a fresh bundle"
    (cd fresh && ls) | while IFS= read -r f; do cmp -s "fresh/$f" "live/$f" || fail "round $r: live/$f is stale"; done
    (cd live && sha256sum -c --quiet SHA256SUMS) || fail "round $r: manifest"
    [ ! -e live/.pia-bundle.work ] || fail "round $r: work area left"
}
interrupted=0 changes=0
r=1
while [ $r -le "$ROUNDS" ]; do
    ids=$("$PIA" --db s.db list | cut -f1 | tr '\n' ' ')
    n=$(rand $r 1 4)
    k=0
    while [ $k -lt "$n" ]; do
        seed=$((r * 100 + k))
        id=$(echo $ids | tr ' ' '\n' | sed -n "$(rand $seed 1 $(echo $ids | wc -w))p")
        case $(rand $((seed + 7)) 0 9) in
        0) "$PIA" --db s.db set "$id" cover.title "改題$seed" ;;
        1) "$PIA" --db s.db version "$id" --label "版$seed" >/dev/null ;;
        2) "$PIA" --db s.db delete "$id" --yes 2>/dev/null ;;
        3) "$PIA" --db s.db import "$ROOT/samples/kasou-jumin.yaml" >/dev/null ;;
        4) [ "$("$PIA" --db s.db file list "$id" | wc -l)" -gt 1 ] && "$PIA" --db s.db file remove "$id" 1 --yes 2>/dev/null || true ;;
        *) "$PIA" --db s.db set "$id" cover.remarks "変更$seed" ;;
        esac || true      # an id deleted earlier in the round: nothing to change
        changes=$((changes + 1)); k=$((k + 1))
    done
    case $(rand $((r + 5000)) 0 4) in
    0|1)  # stopped part-way, then run again
        "$PIA" bundle --out live --db s.db --all --format xlsx,text,yaml --jobs 2 --quiet 2>/dev/null &
        pid=$!
        sleep "0.$(rand $((r + 9000)) 0 3)$(rand $((r + 9100)) 0 9)"
        if [ $(rand $((r + 9200)) 0 1) = 0 ]; then kill -TERM $pid 2>/dev/null || true; else kill -9 $pid 2>/dev/null || true; fi
        wait $pid 2>/dev/null || true
        interrupted=$((interrupted + 1)) ;;
    esac
    "$PIA" bundle --out live --db s.db --all --format xlsx,text,yaml --jobs 2 --quiet
    same_as_fresh
    r=$((r + 1))
done
echo "files soak: $ROUNDS bundle rounds, $changes changes, $interrupted interrupted and re-run; every round equal to a fresh bundle"

# ---- 2. exports stopped by signals -------------------------------------------
id=$("$PIA" --db k.db import "$ROOT/samples/kasou-jumin.yaml")
for item in cover.remarks other.more; do
    $PY -c 'print("保管期間を過ぎた記録は消去し、消去の記録を残す。" * 20000)' | "$PIA" --db k.db set "$id" "$item" -
done
"$PIA" --db k.db export "$id" --format text -o ref.txt
caught=0 whole=0
i=1
while [ $i -le "$KILLS" ]; do
    rm -rf k && mkdir k
    fmt=$( [ $((i % 2)) = 0 ] && echo xlsx || echo text )
    sig=$(echo TERM INT HUP | cut -d' ' -f$((i % 3 + 1)))
    delay="0.0$(rand $i 0 9)$(rand $((i + 1)) 0 9)"
    env --default-signal=INT "$PIA" --db k.db export "$id" --format $fmt -o k/out &
    pid=$!
    # Once the temporary file or folder exists, a random moment of the write.
    n=0; while [ -z "$(ls -A k)" ] && [ $n -lt 400 ]; do sleep 0.005; n=$((n + 1)); done
    sleep "$delay"
    kill -$sig $pid 2>/dev/null || true
    rc=0; wait $pid || rc=$?
    left=$(ls -A k | grep -vx out || true)
    [ -z "$left" ] || fail "kill $i (SIG$sig, $fmt, exit $rc): left $left"
    if [ -e k/out ]; then       # finished first (the signal may still end it after the rename)
        if [ $fmt = text ]; then cmp -s k/out ref.txt || fail "kill $i: text differs"
        else $PY -c 'import sys, zipfile; assert zipfile.ZipFile(sys.argv[1]).testzip() is None' k/out || fail "kill $i: bad zip"; fi
        whole=$((whole + 1))
    else
        [ $rc -gt 128 ] || fail "kill $i: exit $rc without a file"
        caught=$((caught + 1))
    fi
    i=$((i + 1))
done
echo "files soak: $KILLS exports signalled: $caught stopped mid-write and left nothing, $whole finished whole"

# ---- 3. backups of a large database under writers -------------------------------
cp s.db big.db
sqlite3 big.db "CREATE TABLE IF NOT EXISTS pad(x); INSERT INTO pad SELECT randomblob(3000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<19000) SELECT i FROM n);"
size=$(( $(stat -c %s big.db) / 1048576 ))
bid=$("$PIA" --db big.db list | head -1 | cut -f1)
writer() {   # PAUSE: seconds between saves (exec: $! is the writer itself)
    exec $PY - "$W/big.db" "$bid" "$1" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
n = 0
while True:
    db.execute("UPDATE answer SET value=? WHERE item='cover.remarks' AND assessment_id=?", ("保存%d" % n, int(sys.argv[2])))
    n += 1
    time.sleep(float(sys.argv[3]))
PY
}
writer 0.5 & w1=$!
writer 0.5 & w2=$!
writer 0.002 & w3=$!
trap 'kill $w1 $w2 $w3 2>/dev/null || true; cd /; rm -rf "$W"' EXIT
b=1 slowest=0
while [ $b -le "$BACKUPS" ]; do
    t0=$(date +%s.%N)
    timeout 120 "$PIA" --db big.db backup --dir bk --keep 2 > made.txt || fail "backup $b did not complete"
    t=$($PY -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$t0" "$(date +%s.%N)")
    slowest=$($PY -c "import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))" "$slowest" "$t")
    [ "$(sqlite3 "$(cat made.txt)" 'PRAGMA integrity_check')" = ok ] || fail "backup $b damaged"
    b=$((b + 1))
done
kill $w1 $w2 $w3 2>/dev/null || true
wait $w1 $w2 $w3 2>/dev/null || true
echo "files soak: $BACKUPS backups of a $size MB database under 3 writers: all complete and whole, slowest ${slowest} s"
