# Destructive commands ask (on a terminal) or need --yes (elsewhere, exit 2
# and nothing removed), and the message and the audit row name what went;
# a file can be named instead of numbered, so two removals in a row hit the
# files meant.  Backups: rotation touches only pia's own backups (name and
# content, never the database being backed up), and a copy completes while
# another process keeps writing.
set -eu
PY=/usr/bin/python3
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
$PIA --db t.db file add "$id" 税宛名情報ファイル >/dev/null
$PIA --db t.db file add "$id" 団体内統合宛名ファイル >/dev/null
$PIA --db t.db set "$id" overview.basic.kind --file 4 1
answers() { $PIA --db t.db list | cut -f5; }

# ---- file remove ------------------------------------------------------------
before=$(answers)
rc=0; $PIA --db t.db file remove "$id" 2 2>err.txt || rc=$?
test $rc -eq 2
grep -q "評価書 $id のファイル 2「本人確認情報ファイル」と回答 [0-9]* 件を削除します。確認のため --yes" err.txt
test "$(answers)" = "$before"; test "$($PIA --db t.db file list "$id" | wc -l)" = 4
n=$(sed -n 's/.*と回答 \([0-9]*\) 件を削除します.*/\1/p' err.txt)
test "$n" -gt 50
$PIA --db t.db file remove "$id" 2 --yes 2>err.txt
grep -q "ファイル 2「本人確認情報ファイル」と回答 $n 件を削除しました（後のファイルの番号は 1 つずつ繰り上がります）" err.txt
test "$(answers)" = "$((before - n))"
$PIA --db t.db log "$id" | grep -q "	file.remove	 \[file 2, inst 0\]	本人確認情報ファイル → 回答 $n 件を削除$"
# By name: the numbers moved up, the names did not.
$PIA --db t.db file remove "$id" 団体内統合宛名ファイル --yes 2>err.txt
grep -q 'ファイル 3「団体内統合宛名ファイル」と回答 1 件を削除しました' err.txt
$PIA --db t.db file remove "$id" 税宛名情報ファイル --yes 2>/dev/null
test "$($PIA --db t.db file list "$id")" = "1	住民基本台帳ファイル"
rc=0; $PIA --db t.db file remove "$id" 無いファイル --yes 2>err.txt || rc=$?
test $rc -eq 1; grep -q '「無いファイル」という名前のファイルはありません' err.txt

# On a terminal it asks; "n" keeps the file, "y" removes it.
$PIA --db t.db file add "$id" 確認用ファイル >/dev/null
printf 'n\n' | script -qec "$PIA --db t.db file remove $id 2" /dev/null > tty.txt 2>&1 || true
grep -q 'ファイル 2「確認用ファイル」と回答 0 件を削除します。よろしいですか \[y/N\]' tty.txt
grep -q '中止しました（何も削除していません）' tty.txt
test "$($PIA --db t.db file list "$id" | wc -l)" = 2
printf 'y\n' | script -qec "$PIA --db t.db file remove $id 2" /dev/null > tty.txt 2>&1
grep -q '削除しました' tty.txt
test "$($PIA --db t.db file list "$id" | wc -l)" = 1

# ---- delete -----------------------------------------------------------------
two=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
rc=0; $PIA --db t.db delete "$two" 2>err.txt || rc=$?
test $rc -eq 2; grep -q "評価書 $two「住民基本台帳に関する事務 全項目評価書」（ファイル 2 件、回答 [0-9]* 件）を削除します" err.txt
test "$($PIA --db t.db list | wc -l)" = 2
$PIA --db t.db delete "$two" --yes 2>err.txt
grep -q "評価書 $two「住民基本台帳に関する事務 全項目評価書」（ファイル 2 件、回答 [0-9]* 件）を削除しました" err.txt
test "$($PIA --db t.db list | wc -l)" = 1
$PIA --db t.db log "$two" | grep -q '	delete		住民基本台帳に関する事務 全項目評価書 → ファイル 2 件・回答 [0-9]* 件を削除$'

# ---- rotation touches only pia's own backups ---------------------------------
mkdir bk
cp t.db bk/pia-2025.db                                   # a database named like a backup
$PIA --db bk/pia-2025.db set "$id" cover.remarks 生きているデータベース
printf 'not a database' > bk/pia-20000101T000000.000Z.db # right name, not a pia file
printf 'keep me' > victim.txt
ln -s ../victim.txt bk/pia-20000101T000001.000Z.db        # right name, a symlink
sqlite3 bk/pia-20000101T000002.000Z.db 'CREATE TABLE t(x)'   # right name, a foreign SQLite file
i=0; while [ $i -lt 4 ]; do $PIA --db bk/pia-2025.db backup --dir bk --keep 2 >/dev/null; i=$((i + 1)); done
test "$(ls bk | grep -c '^pia-[0-9]\{8\}T[0-9]\{6\}\.[0-9]\{3\}Z\(_[0-9]*\)\?\.db$')" = 5   # 2 of ours + 3 others
$PIA --db bk/pia-2025.db export "$id" --format text | grep -q '^特記事項	生きているデータベース$'
test "$(cat bk/pia-20000101T000000.000Z.db)" = 'not a database'
test -L bk/pia-20000101T000001.000Z.db
test "$(cat victim.txt)" = 'keep me'
test -s bk/pia-20000101T000002.000Z.db
# The live database itself, named exactly like an old backup, in the backup folder.
mkdir bk2
cp t.db bk2/pia-20000101T000000.000Z.db
for k in 1 2 3; do $PIA --db bk2/pia-20000101T000000.000Z.db backup --dir bk2 --keep 1 >/dev/null; done
test -s bk2/pia-20000101T000000.000Z.db
$PIA --db bk2/pia-20000101T000000.000Z.db list >/dev/null
test "$(ls bk2 | grep -c '\.db$')" = 2                     # the database and the newest backup

# ---- a backup completes while another process writes ---------------------------
# About 8 MB of pages and a writer committing every few milliseconds: a copy
# made in small steps restarts on every commit and never finishes.
cp t.db w.db
sqlite3 w.db "CREATE TABLE IF NOT EXISTS pad(x); INSERT INTO pad SELECT randomblob(3000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<2600) SELECT i FROM n);"
$PY - "$PWD/w.db" "$id" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
end = time.time() + 25
n = 0
while time.time() < end:
    db.execute("UPDATE answer SET value=? WHERE item='cover.remarks' AND assessment_id=?", ("書き込み%d" % n, int(sys.argv[2])))
    n += 1
    time.sleep(0.002)
PY
writer=$!
sleep 0.5
timeout 20 $PIA --db w.db backup --dir wbk > made.txt
kill $writer 2>/dev/null || true; wait $writer 2>/dev/null || true
b=$(cat made.txt)
test "$(sqlite3 "$b" 'PRAGMA integrity_check')" = ok
$PIA --db "$b" export "$id" --format text | grep -q '^特記事項	書き込み[0-9]*$'
