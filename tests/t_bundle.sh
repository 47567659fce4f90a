# Bulk export: the sample plus generated assessments from two databases;
# index rows match, the manifest verifies with sha256sum -c, an interrupted
# run re-run completes with identical output, a full disk gives a clear
# error and no partial file, names cannot escape the folder.
set -eu
python3 "$ROOT/bench/gen.py" 12 gen 7
$PIA --db a.db import "$ROOT/samples/kasou-jumin.yaml" >/dev/null
for f in gen/a0000*.yaml; do $PIA --db a.db import "$f" >/dev/null; done     # 9 in a.db
for f in gen/a0001*.yaml; do $PIA --db b.db import "$f" >/dev/null; done     # 3 in b.db
# A title that tries to leave the folder.
evil=$($PIA --db b.db new --template zenkomoku --title '../../外へ/出る')
$PIA --db b.db set "$evil" cover.title '../../../etc/evil'

$PIA bundle --out out --db a.db --db b.db --all --format xlsx,text,yaml --jobs 2 2>progress.txt
grep -q 'pia bundle: 14/14 (100%)' progress.txt
grep -q '14 件、42 ファイルを書き出し' progress.txt
(cd out && sha256sum -c --quiet SHA256SUMS)
test "$(wc -l < out/SHA256SUMS)" = 44                    # 42 files + index.csv + index.xlsx
test "$(ls out | grep -c '\.xlsx$')" = 15                 # 14 + index.xlsx
test ! -e evil
test -z "$(find . -name 'evil*' -not -path './out/*')"
ls out | grep -q '^0_.*etc_evil_2-4\.xlsx$'                 # separators replaced, inside out/
head -c 3 out/index.csv | od -An -tx1 | grep -q 'ef bb bf'
python3 - <<'PY'
import csv, yaml, glob
rows = list(csv.reader(open("out/index.csv", encoding="utf-8-sig")))
assert rows[0] == ["評価書番号", "評価書名", "評価実施機関名", "評価の種類", "公表日", "最終更新", "ファイル"], rows[0]
body = rows[1:]
assert len(body) == 14, len(body)
numbers = sorted(r[0] for r in body)
want = sorted(["3", ""] + [str(1000 + i) for i in range(1, 13)])
assert numbers == want, (numbers, want)
for r in body:
    assert r[3] == "特定個人情報保護評価書（全項目評価書）"
    for name in r[6].split("; "):
        assert open("out/" + name, "rb").read(4), name
print("index ok")
PY
test "$(stat -c %a out/index.csv)" = 600

# Interrupted: kill -9 mid-way (files are written to the folder's work
# area and moved in only at the end: nothing visible yet), then the same
# command completes it; the result is byte-identical to the uninterrupted run.
$PIA bundle --out again --db a.db --db b.db --all --format xlsx,text,yaml --jobs 1 --quiet &
pid=$!
while [ "$(ls again/.pia-bundle.work 2>/dev/null | grep -c '\.xlsx$')" -lt 3 ]; do sleep 0.05; done
kill -9 $pid; wait $pid 2>/dev/null || true
test ! -e again/SHA256SUMS
test -z "$(ls again)"                                      # only the hidden work area
$PIA bundle --out again --db a.db --db b.db --all --format xlsx,text,yaml --quiet
cmp out/SHA256SUMS again/SHA256SUMS
test -z "$(ls -A again | grep '\.tmp-')"
test ! -e again/.pia-bundle.work
# Existing files are kept unless --force.
$PIA bundle --out again --db a.db --db b.db --all --format xlsx,text,yaml 2>progress.txt
grep -q '0 ファイルを書き出し、42 ファイルは既存のまま、0 ファイルを削除' progress.txt
$PIA bundle --out again --db a.db --db b.db --all --format xlsx,text,yaml --force 2>progress.txt
grep -q '42 ファイルを書き出し' progress.txt

# A full disk (a file size limit): the error names the file; nothing partial.
rc=0; (ulimit -f 72; trap "" XFSZ; $PIA bundle --out full --db a.db --all --format xlsx --jobs 1 --quiet) 2>err.txt || rc=$?
test $rc -eq 1
grep -q 'full/' err.txt
test ! -e full                                            # a failed run leaves no folder it made
# A usage error says which: the format named, --out missing, --all with IDs.
rc=0; $PIA bundle --out x --db a.db --all --format docx 2>err.txt || rc=$?
test $rc -eq 2; grep -qF '「docx」は書き出せる形式ではありません' err.txt
rc=0; $PIA bundle --db a.db --all 2>err.txt || rc=$?
test $rc -eq 2; grep -qF -- '--out DIR（書き出すフォルダ）を指定してください' err.txt
rc=0; $PIA bundle --out x --db a.db --all 1 2>err.txt || rc=$?
test $rc -eq 2; grep -qF -- '--all と評価書の ID は一緒に指定できません' err.txt
test ! -e x
