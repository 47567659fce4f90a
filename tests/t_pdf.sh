# The publishable PDF: the sheet printed by LibreOffice (two conversions,
# a few seconds each).  Page 1 is the cover with the title and the stamp,
# page 2 the 項目一覧, Ⅲ's labels in order, check boxes inline, one Mincho
# face, body text at full size; a 40,000-character answer whole with every
# continuation page over half full, and the comparison workbook of it
# holding every character.  Without LibreOffice, or when it fails: a clear
# message, exit 1, nothing written.
set -eu
PY=/usr/bin/python3
. "$TESTS_DIR/need.sh"; need soffice pdfinfo
mkdir tmp
export TMPDIR=$PWD/tmp
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")

rc=0; PIA_SOFFICE=/nonexistent/soffice $PIA --db t.db export "$id" --format pdf -o none.pdf 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'LibreOffice が必要です.*apt install libreoffice-calc-nogui' err.txt; test ! -e none.pdf
printf '#!/bin/sh\necho "Error: source file could not be loaded" >&2\nexit 3\n' > fake-soffice
chmod +x fake-soffice
rc=0; PIA_SOFFICE=$PWD/fake-soffice $PIA --db t.db export "$id" --format pdf -o bad.pdf 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'bad.pdf: LibreOffice が PDF に変換できませんでした（終了コード 3 Error: source file' err.txt
test ! -e bad.pdf
rc=0; $PIA --db t.db export "$id" --format pdf 2>/dev/null || rc=$?; test $rc -eq 2    # -o is required
# A place that cannot be written is refused before LibreOffice starts.
rc=0; PIA_SOFFICE=$PWD/fake-soffice $PIA --db t.db export "$id" --format pdf -o no/such/dir.pdf 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'no/such/dir.pdf: 書き込めません' err.txt
test -z "$(ls -A tmp)"; test -z "$(ls -A | grep '\.tmp-' || true)"

# The sample, through the bundle (one PDF per assessment).
$PIA bundle --out pub --db t.db "$id" --format pdf,text --quiet
pdf=$(ls pub/*.pdf)
test "$(stat -c %a "$pdf")" = 600
$PY "$ROOT/tests/pdf_check.py" sample "$pdf" pub/*.txt
test -z "$(ls -A tmp)"

# A 40,000-character answer, whole, filling its pages.
$PIA --db t.db version "$id" --label 前 >/dev/null
$PY -c '
import random
random.seed(4)
parts = ["住民基本台帳ファイルへのアクセスは、", "職員ごとに付与したIDと生体認証により管理し、",
         "操作ログを取得して定期的に確認する。", "権限の棚卸しを年2回行い、不要な権限を削除する。",
         "委託事業者の作業は、当市職員の立会いのもとで行う。\n", "（詳細は別紙「アクセス管理手順」のとおり。）"]
s = ""
while len(s) < 40000:
    s += random.choice(parts)
open("long.txt", "w", encoding="utf-8").write(s[:40000])
'
$PIA --db t.db set "$id" risk.obtain.r1.others --file 1 "$(cat long.txt)"
$PIA --db t.db export "$id" --format pdf -o long.pdf
$PY "$ROOT/tests/pdf_check.py" long long.pdf long.txt
test -z "$(ls -A tmp)"

# The comparison workbook of that change holds every character.
$PIA --db t.db diff "$id@前" "$id" --format xlsx -o diff.xlsx
$PY - <<'PY'
import re
import openpyxl
ws = openpyxl.load_workbook("diff.xlsx").active
assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
after = "".join(str(r[5] or "") for r in ws.iter_rows(min_row=4, values_only=True))
want = open("long.txt", encoding="utf-8").read()
squash = lambda s: re.sub(r"\s+", "", s)
assert squash(want) in squash(after), "the comparison lost part of the answer"
heights = [ws.row_dimensions[r].height or 0 for r in range(4, ws.max_row + 1)]
assert max(heights) <= 409 and min(heights) > 0
print(f"comparison: {len(want)} characters whole in {ws.max_row - 3} rows")
PY
