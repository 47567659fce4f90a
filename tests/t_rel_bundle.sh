# The bundle is a function of the database: a re-run after a change gives
# the bytes a fresh bundle gives (no stale sheet behind a verifying
# manifest), files that no longer belong go, other files are reported and
# kept, versions are accepted, a failed or interrupted run leaves the
# folder as it was, other processes' temporary files are never touched,
# names are built from validated UTF-8, index.csv cannot carry a formula,
# and too few threads is no crash.
set -eu
PY=/usr/bin/python3
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
two=$($PIA --db t.db new --template zenkomoku --title 二つ目の評価書)

# same_as_fresh DIR: every file of DIR equals a bundle made now into a new folder.
same_as_fresh() {
    rm -rf fresh
    $PIA bundle --out fresh --db t.db --all --format xlsx,text --quiet
    (cd "$1" && ls) > have.txt; (cd fresh && ls) > want.txt
    diff want.txt have.txt
    (cd fresh && ls) | while IFS= read -r f; do cmp "fresh/$f" "$1/$f"; done
    (cd "$1" && sha256sum -c --quiet SHA256SUMS)
}
sheet_has() { $PY -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
sys.exit(0 if sys.argv[2] in text else 1)' "$1" "$2"; }

# Stale sheets: the second run rewrites what changed.
$PIA --db t.db set "$id" cover.remarks 修正前
$PIA bundle --out out --db t.db --all --format xlsx,text 2>progress.txt
grep -q '4 ファイルを書き出し、0 ファイルは既存のまま' progress.txt
$PIA --db t.db set "$id" cover.remarks 修正後
$PIA bundle --out out --db t.db --all --format xlsx,text 2>progress.txt
grep -q '2 ファイルを書き出し、2 ファイルは既存のまま' progress.txt
sheet_has out/3_*_$id.xlsx 修正後
if sheet_has out/3_*_$id.xlsx 修正前; then echo "t_rel_bundle.sh:36: found what must not be there" >&2; exit 1; fi
grep -q '^特記事項	修正後$' out/3_*_$id.txt
same_as_fresh out
# A file edited by hand is not kept for current: its bytes are not the ones written.
txt=$(ls out/3_*_$id.txt); printf 'tampered' >> "$txt"
$PIA bundle --out out --db t.db --all --format xlsx,text 2>progress.txt
grep -q '1 ファイルを書き出し、3 ファイルは既存のまま' progress.txt
same_as_fresh out

# A changed title: the file under the old name goes; a file of the office's
# own in the folder is reported and left; another process's temporary file
# (an export in flight) is never touched.
printf 'メモ\n' > out/メモ.txt
printf 'partial' > out/.other.xlsx.tmp-99999-1
mkdir out/.other.xlsx.tmp-99999-2
$PIA --db t.db set "$two" cover.title 改めた名前
$PIA bundle --out out --db t.db --all --format xlsx,text 2>progress.txt
grep -q '二つ目の評価書_2.xlsx: もう一括出力に含まれないため削除しました' progress.txt
grep -q '二つ目の評価書_2.txt: もう一括出力に含まれないため削除しました' progress.txt
grep -q 'out/メモ.txt: pia の一括出力ではないファイルです（そのままにしました）' progress.txt
grep -q '2 ファイルを削除' progress.txt
test "$(cat out/メモ.txt)" = メモ
test "$(cat out/.other.xlsx.tmp-99999-1)" = partial
test -d out/.other.xlsx.tmp-99999-2
ls out | grep -q '_改めた名前_2\.xlsx$'
if ls out | grep -q '二つ目の評価書'; then echo "t_rel_bundle.sh:60: found what must not be there" >&2; exit 1; fi
rm out/メモ.txt
same_as_fresh out
# A record naming files outside the folder removes nothing there.
printf 'keep\n' > outside.txt
printf '%s\tx\t../outside.txt\n%s\tx\t/tmp/x\n' "$(printf %064d 0)" "$(printf %064d 0)" >> out/.pia-bundle
$PIA bundle --out out --db t.db --all --format xlsx,text --quiet
test "$(cat outside.txt)" = keep

# Versions wherever an ID is taken: ID@N and ID@LABEL.
$PIA --db t.db version "$id" --label 提出版 >/dev/null
$PIA --db t.db set "$id" cover.remarks 版の後の変更
$PIA bundle --out ver --db t.db "$id@提出版" "$id@1" "$id" --format text 2>progress.txt
grep -q '2 件、2 ファイルを書き出し' progress.txt          # 提出版 and 1 are one version
grep -q '^特記事項	修正後$' ver/3_*_$id@1.txt
grep -q '^特記事項	版の後の変更$' ver/3_*_$id.txt
rc=0; $PIA bundle --out ver2 --db t.db "$id@無い版" 2>err.txt || rc=$?
test $rc -eq 1; grep -q '無い版' err.txt; test ! -e ver2
rc=0; $PIA bundle --out ver2 --db t.db "$id@" 2>err.txt || rc=$?; test $rc -eq 2

# A failed run leaves the folder as it was: a full disk after a change.
snapshot() { (cd out && ls -A && sha256sum -- *) ; }
snapshot > before.txt
$PIA --db t.db set "$two" cover.remarks "$($PY -c 'print("長い特記事項。" * 4000)')"
rc=0; (ulimit -f 200; trap '' XFSZ; $PIA bundle --out out --db t.db --all --format xlsx,text --quiet) 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'out/' err.txt
snapshot > after.txt; diff before.txt after.txt
# … and one interrupted by SIGTERM (a bundle of many, stopped early).
python3 "$ROOT/bench/gen.py" 24 gen 3
for f in gen/*.yaml; do $PIA --db many.db import "$f" >/dev/null; done
$PIA bundle --out big --db many.db --all --format yaml --jobs 1 --quiet
(cd big && ls -A && sha256sum -- *) > big-before.txt
$PIA --db many.db set 24 cover.remarks 中断前の変更
$PIA bundle --out big --db many.db --all --format xlsx,yaml --jobs 1 --quiet 2>err.txt &
pid=$!
while [ "$(ls big/.pia-bundle.work 2>/dev/null | grep -c '\.xlsx$')" -lt 2 ]; do sleep 0.02; done
kill -TERM $pid; rc=0; wait $pid || rc=$?
test $rc -eq 1; grep -q '中断しました（フォルダは元のままです）' err.txt
(cd big && ls -A && sha256sum -- *) > big-after.txt
diff big-before.txt big-after.txt
# A run that fails in a folder it made leaves no folder.
rc=0; (ulimit -f 100; trap '' XFSZ; $PIA bundle --out new --db many.db --all --format text --quiet) 2>err.txt || rc=$?
test $rc -eq 1; grep -q "new/" err.txt; test ! -e new

# One run at a time per folder.
flock out sleep 3 &
sleep 0.5
rc=0; $PIA bundle --out out --db t.db --all --format text --quiet 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'out: 別の pia bundle がこのフォルダに書き出し中です' err.txt
wait

# Names from validated UTF-8: an invalid lead byte followed by TAB, ESC,
# newline and '/' (written behind pia's back, as a damaged import might).
evil=$($PIA --db n.db new --template zenkomoku --title x)
$PIA --db n.db set "$evil" cover.title 仮
sqlite3 n.db "UPDATE answer SET value=CAST(X'E3092FE38182F01B0A2F2E2E2F2E2E2F6574632FC0AF' AS TEXT) WHERE item='cover.title'"
$PIA bundle --out names --db n.db --all --format xlsx,text --quiet
test "$(find names -mindepth 1 -type d | wc -l)" = 0          # no subfolder
(cd names && sha256sum -c --quiet SHA256SUMS)
test "$(wc -l < names/SHA256SUMS)" = 4
if LC_ALL=C grep -q "$(printf '\t')" names/SHA256SUMS; then echo "t_rel_bundle.sh:120: found what must not be there" >&2; exit 1; fi
# E3 and F0 are lead bytes whose sequences are cut short by TAB / and by
# ESC LF /, which must not ride into the name with them; C0 AF is overlong.
want="0____あ____.._.._etc____$evil.xlsx"
ls names | grep -qxF "$want"

# index.csv: cells a spreadsheet would evaluate start with an apostrophe;
# index.xlsx holds strings.
inj=$($PIA --db i.db new --template zenkomoku --title '=HYPERLINK("http://example.invalid","x")')
$PIA --db i.db set "$inj" cover.title '=HYPERLINK("http://example.invalid","x")'
$PIA --db i.db set "$inj" cover.org '+1+1'
$PIA --db i.db set "$inj" cover.number -- '-2+3'
$PIA --db i.db set "$inj" cover.published '@SUM(1)'
$PIA bundle --out inj --db i.db --all --format text --quiet
$PY - <<'PY'
import csv, openpyxl
rows = list(csv.reader(open("inj/index.csv", encoding="utf-8-sig")))
r = rows[1]
assert r[0] == "'-2+3", r
assert r[1] == "'=HYPERLINK(\"http://example.invalid\",\"x\")", r
assert r[2] == "'+1+1", r
assert r[4] == "'@SUM(1)", r
ws = openpyxl.load_workbook("inj/index.xlsx").active
cells = [c for c in ws[2]]
assert all(c.data_type == "s" for c in cells), [(c.value, c.data_type) for c in cells]
assert cells[1].value.startswith("=HYPERLINK"), cells[1].value
print("index safe")
PY

# Threads: the system refuses some (or all) worker threads; the bundle
# carries on with fewer, or writes from the reader, and says so.
cc -shared -fPIC -o shim.so "$ROOT/tests/fixtures/shims/threads_fail.c" -ldl
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
$PIA bundle --out ref --db many.db --all --format yaml --jobs 2 --quiet
for n in 3 0; do
    rm -rf th
    PIA_TEST_THREADS=$n LD_PRELOAD="$PWD/shim.so" timeout -s KILL 60 $PIA bundle --out th --db many.db --all \
        --format yaml --jobs 64 --quiet 2>err.txt
    if [ $n = 0 ]; then grep -q '作業スレッドを作れませんでした' err.txt
    else grep -q '作業スレッドを 3 本しか作れませんでした' err.txt; fi
    cmp ref/SHA256SUMS th/SHA256SUMS
done
rc=0; $PIA bundle --out th --db many.db --all --jobs 100000 2>err.txt || rc=$?
test $rc -eq 2; grep -q -- '--jobs には 1〜64 の整数' err.txt
