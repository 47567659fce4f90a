# Controls expected of a system holding 特定個人情報: audit trail (pia log),
# rotating backups and restore, files created 0600, deleted text not left in
# the database file, and clear refusals of bad --db files and full disks.
set -eu
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
$PIA --db t.db set "$id" cover.remarks '監査で確認する特記事項'
$PIA --db t.db log "$id" > log.txt
grep -q '	tester	import	' log.txt
grep -q '	tester	set	cover.remarks	令和7年度に住民記録システムを標準準拠システムへ移行し、ガバ… → 監査で確認する特記事項$' log.txt
test "$(stat -c %a t.db)" = 600

# Backups: 12 made, the newest 10 kept; restore brings an answer back.
i=0; while [ $i -lt 12 ]; do $PIA --db t.db backup --keep 10 > last.txt; i=$((i+1)); done
test "$(ls backups | grep -c '^pia-.*\.db$')" = 10
test "$(stat -c %a backups)" = 700
test "$(stat -c %a "$(cat last.txt)")" = 600
$PIA --db t.db set "$id" cover.remarks 'バックアップ後の誤った変更'
# Restoring replaces the database: without a terminal it needs --yes.
rc=0; $PIA --db t.db restore "$(cat last.txt)" 2>err.txt || rc=$?
test $rc -eq 2; grep -q 't.db の現在の内容（評価書 1 件、回答 [0-9]* 件.*--yes' err.txt
$PIA --db t.db export "$id" --format text | grep -q '^特記事項	バックアップ後の誤った変更$'
test "$(ls backups | grep -c '^pia-.*\.db$')" = 10
$PIA --db t.db restore "$(cat last.txt)" --yes 2>/dev/null
$PIA --db t.db export "$id" --format text | grep -q '^特記事項	監査で確認する特記事項$'
test "$(ls backups | grep -c '^pia-.*\.db$')" = 11       # the state before the restore is kept
# A backup is one file: the restore's check of it leaves no -wal/-shm beside it.
test "$(ls backups | grep -c -e '-wal$' -e '-shm$')" = 0
# A copy left by a backup killed two hours ago goes with the next backup;
# one written a minute ago may be a backup in progress and stays.
printf 'half a copy' > backups/pia-20260101T000000.000Z.db.tmp
printf 'half a copy' > backups/pia-20260101T000001.000Z.db.tmp
touch -d '2 hours ago' backups/pia-20260101T000000.000Z.db.tmp
touch -d '1 minute ago' backups/pia-20260101T000001.000Z.db.tmp
$PIA --db t.db backup >/dev/null
test ! -e backups/pia-20260101T000000.000Z.db.tmp
test -e backups/pia-20260101T000001.000Z.db.tmp
printf 'not a database' > bad.db
rc=0; $PIA --db t.db restore bad.db --yes 2>err.txt || rc=$?; test $rc -eq 1; grep -q 'bad.db' err.txt

# Replaced text does not linger in the file: the save that replaced it
# extends the same audit row, and secure_delete clears the freed space.
# (Deleting an assessment erases its texts from the trail: test_store.)
$PIA --db s.db new --template zenkomoku --title 消去 >/dev/null
$PIA --db s.db set 1 cover.remarks '消されるべき秘密の記載ZQX'
grep -q 'ZQX' s.db s.db-wal 2>/dev/null
$PIA --db s.db set 1 cover.remarks '置き換えた記載'
if grep -q 'ZQX' s.db; then echo "replaced text left in s.db"; exit 1; fi
$PIA --db s.db log 1 | grep -q '	cover.remarks	 → 置き換えた記載$'

# A file that is not a pia database, and one from a newer pia: refused, untouched.
printf 'これはデータベースではない' > text.db
cp text.db text.orig
rc=0; $PIA --db text.db list 2>err.txt || rc=$?; test $rc -eq 1; grep -q 'text.db: SQLite のデータベースではありません' err.txt
cmp text.db text.orig
cp t.db newer.db && sqlite3 newer.db 'PRAGMA user_version=99'
rc=0; $PIA --db newer.db list 2>err.txt || rc=$?; test $rc -eq 1; grep -q '新しい版の pia' err.txt
test "$(sqlite3 newer.db 'PRAGMA user_version')" = 99
# A pia database with a damaged page (the roots of the answers table and of
# answer_load, the index reads go through, overwritten): reads and writes
# refused with a message naming it, the file never written.
cp t.db damaged.db
for page in $(sqlite3 damaged.db "SELECT rootpage FROM sqlite_master WHERE name IN ('answer', 'answer_load')"); do
python3 -c 'import sys
f = open(sys.argv[1], "r+b"); f.seek((int(sys.argv[2]) - 1) * 4096)
f.write(bytes((i * 37 + 11) & 0xff for i in range(4096)))' damaged.db "$page"
done
cp damaged.db damaged.orig
rc=0; $PIA --db damaged.db export "$id" --format text >/dev/null 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'damaged.db: データベースが壊れています.*pia restore' err.txt
rc=0; $PIA --db damaged.db set "$id" cover.remarks '壊れた所への書込み' 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'damaged.db: データベースが壊れています' err.txt
cmp damaged.db damaged.orig

# A full disk (a file size limit of 40 KB, 36 KB for the XLSX: the database opens, the export does
# not fit): a clear error naming the file, no half file.
rc=0; (ulimit -f 80; trap '' XFSZ; $PIA --db t.db export "$id" --format text -o full.txt) 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'full.txt' err.txt; test ! -e full.txt
rc=0; (ulimit -f 72; trap '' XFSZ; $PIA --db t.db export "$id" --format xlsx -o full.xlsx) 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'full.xlsx' err.txt; test ! -e full.xlsx

# Every XLSX pia writes (sheet, diff, review report, bundle index) is 0600
# whatever the umask, and a full disk leaves no file behind.
umask 022
$PIA --db t.db version "$id" --label 監査前 >/dev/null
$PIA --db t.db set "$id" cover.remarks '版の後の記載'
$PIA --db t.db export "$id" --format xlsx -o sheet.xlsx
$PIA --db t.db diff "$id@1" "$id" --format xlsx -o diff.xlsx
$PIA --db t.db review report "$id" --format xlsx -o report.xlsx
$PIA bundle --out bundle --db t.db --all --format yaml --quiet
for f in sheet.xlsx diff.xlsx report.xlsx bundle/index.xlsx; do
    test "$(stat -c %a "$f")" = 600 || { echo "$f: mode $(stat -c %a "$f")"; exit 1; }
done
ls -A | grep -q '\.tmp' && { ls -A; exit 1; }

# A database on a read-only directory (a tmpfs remounted read-only; needs
# root, which CI is): writes refused with a clear message, reading works,
# the TUI opens it read-only.
if mkdir ro && mount -t tmpfs -o size=8m tmpfs ro 2>/dev/null; then
    trap 'umount "$PWD/ro" 2>/dev/null || true' EXIT
    cp t.db ro/ && mount -o remount,ro ro
    rc=0; $PIA --db ro/t.db set "$id" cover.remarks 'x' 2>err.txt || rc=$?
    test $rc -eq 1; grep -q 'ro/t.db: 読み取り専用' err.txt
    $PIA --db ro/t.db export "$id" --format text | grep -q '^特記事項	版の後の記載$'
    . "$TESTS_DIR/tui_lib.sh"
    trap 'tui_cleanup; umount "$PWD/ro" 2>/dev/null || true' EXIT
    tui_start 100 30 --db ro/t.db open "$id"
    tui_wait '読み取り専用'
    tui_keys g j Enter
    tui_wait '読み取り専用で開いています'
    tui_keys q
    sleep 0.3
    tui_cleanup
    umount ro
else
    echo "SKIPPED: no tmpfs mount here (needs root): the database on a read-only directory was not checked" >&2
fi

# A really full disk (a 48 KB tmpfs, root only) for the XLSX writers that
# the size limit above does not reach: the diff and the review report.
if mkdir small && mount -t tmpfs -o size=48k tmpfs small 2>/dev/null; then
    trap 'umount "$PWD/small" 2>/dev/null || true' EXIT
    head -c 60000 /dev/zero > small/filler 2>/dev/null || true
    for what in "diff $id@1 $id" "review report $id"; do
        rc=0; $PIA --db t.db $what --format xlsx -o small/out.xlsx 2>err.txt || rc=$?
        test $rc -eq 1 || { echo "$what: exit $rc on a full disk"; exit 1; }
        grep -q 'small/out.xlsx: .*ディスクの空きがありません' err.txt || { cat err.txt; exit 1; }
        test -z "$(ls -A small | grep -v '^filler$')" || { ls -A small; exit 1; }
    done
    umount small
else
    echo "SKIPPED: no tmpfs mount here (needs root): the XLSX writers on a really full disk were not checked" >&2
fi
