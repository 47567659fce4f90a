# The setup the command table declares (cli/dispatch.c): a usage error is
# told before the database is looked at, a wrong template before a
# database is made for it; a missing or malformed assessment id is said
# the same way by every command that loads one; a command that only reads
# opens the database read-only, so it works while another process holds
# the write lock, and a command that writes says the lock.  The usage line
# of an error is the one --help shows.
set -eu
T=$ROOT/templates/zenkomoku.yaml
item=$(python3 "$ROOT/tests/form_info.py" "$T" field text once)
rep=$(python3 "$ROOT/tests/form_info.py" "$T" repeated text)
group=${rep%.*}
fails() {   # fails CODE PATTERN pia-args...
    code=$1 pat=$2; shift 2
    rc=0; $PIA "$@" > out.txt 2> err.txt || rc=$?
    if [ $rc -ne "$code" ] || ! grep -qF -- "$pat" err.txt; then
        echo "pia $*: exit $rc (want $code), stderr:"; cat err.txt; exit 1
    fi
}

# 1. Usage first: no database is opened, none is made.
for c in check export set log delete versions revert reviewed inst file changes; do
    fails 2 "使い方: pia $c" --db none.db "$c"
done
test ! -e none.db
fails 1 'データベースがありません' --db none.db check 1
test ! -e none.db
fails 1 nosuch --db none.db new --template nosuch --title x
test ! -e none.db

# 2. The usage line of an error is --help's line for that command.
$PIA --help > help.txt
for c in export set copy diff bundle review log inst; do
    fails 2 "使い方: pia $c" --db none.db "$c" --zz-no-such-option
    line=$(sed -n 's/^pia: 使い方: pia //p' err.txt)
    grep -qF -- "$line   " help.txt || { echo "usage of $c not in --help: $line"; exit 1; }
done

# 3. An assessment that is not there, or an id that is no id.
$PIA --db t.db new --template zenkomoku --title 設定の確認 > /dev/null
fails 1 '評価書 99 はありません' --db t.db check 99
fails 1 '評価書 99 はありません' --db t.db export 99 --format text
fails 1 '評価書 99 はありません' --db t.db set 99 "$item" x
fails 1 '評価書 99 はありません' --db t.db inst list 99 "$group"
fails 1 '評価書 99 はありません' --db t.db revert 99 1 --yes
fails 2 '評価書の ID が正しくありません: 1@' --db t.db check 1@
fails 2 '評価書の ID は 1 以上の整数です' --db t.db set 0 "$item" x
test ! -s out.txt

# 4. Read-only and read-write, as declared: with --create a missing
# database is made only by a command that writes (a read-only open never
# creates), and `inst list` reads although `inst` may write.
for args in "export 1 --format text" "check 1" "log 1" "inst list 1 $group" "versions 1"; do
    rm -f c.db; fails 1 'c.db' --db c.db --create $args; test ! -e c.db
done
for args in "set 1 $item x" "inst add 1 $group" "delete 1 --yes"; do
    rm -f c.db; fails 1 '評価書 1 はありません' --db c.db --create $args; test -e c.db
done

# 5. Another process holds the write lock (until `release`): reading goes on,
# writing says so.
$PIA --db t.db set 1 "$item" 最初の回答
python3 - t.db <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open("locked", "w").close()
# Held until the test says so (under valgrind each command takes seconds;
# a fixed hold ran out before the write that must meet it).
for _ in range(6000):
    try:
        open("release").close()
        break
    except FileNotFoundError:
        time.sleep(0.05)
db.execute("ROLLBACK")
PY
holder=$!
trap 'touch release' EXIT     # a failing line below must not leave the holder waiting
for i in $(seq 50); do [ -e locked ] && break; sleep 0.1; done
test -e locked
export PIA_BUSY_TIMEOUT_MS=100
$PIA --db t.db export 1 --format text | grep -q 最初の回答      # reads: read-only, not blocked
$PIA --db t.db check 1 > /dev/null || test $? -eq 1               # findings exit 1, a lock would too: next line tells
$PIA --db t.db inst list 1 "$group" > /dev/null                  # a read-write command that only reads this time
fails 1 'ロックされています' --db t.db set 1 "$item" 二つ目の回答
touch release
wait $holder
unset PIA_BUSY_TIMEOUT_MS
$PIA --db t.db set 1 "$item" 二つ目の回答
$PIA --db t.db export 1 --format text | grep -q 二つ目の回答
echo "setup errors and read-only/read-write opening as the table declares"
