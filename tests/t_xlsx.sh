# The statutory sheet as XLSX, read back by openpyxl (tests/xlsx_check.py):
# the cover, the 項目一覧, every label of the text export in order with its
# answer beside it, 別添3 as its table, A4 / one page wide / 100 %, the
# Normal style in the cells' font, every cell a string even when the answer
# looks like a formula; then LibreOffice prints the delivered workbook at
# full size.
set -eu
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; exit 1; }
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
$PIA --db t.db set "$id" cover.remarks '=HYPERLINK("http://example.invalid","x")'
$PIA --db t.db set "$id" other.more '+1-2'
$PIA --db t.db set "$id" basic.others '@SUM(A1)'
$PIA --db t.db export "$id" --format text > sample.txt
$PIA --db t.db export "$id" --format xlsx -o sample.xlsx 2>warn.txt
test ! -s warn.txt
test "$(stat -c %a sample.xlsx)" = 600
ls -A | grep -q '\.tmp-' && exit 1
$PY "$ROOT/tests/xlsx_check.py" sample.xlsx sample.txt
$PY - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("sample.xlsx")
cells = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
for v in ('=HYPERLINK("http://example.invalid","x")', '+1-2', '@SUM(A1)'):
    assert v in cells, v
assert wb.properties.title == "住民基本台帳に関する事務 全項目評価書"
assert wb.properties.creator == "架空市長"
assert wb.sheetnames[:4] == ["表紙", "項目一覧", "Ⅰ", "別添1"], wb.sheetnames
ws = wb["Ⅲ(1)"]
assert ws.oddHeader.right.text == "住民基本台帳に関する事務 全項目評価書", ws.oddHeader.right.text
# Check boxes inline, several to a row, beside their group's label.
rows = {r[0]: r[1] for r in wb["Ⅱ(1)"].iter_rows(values_only=True)}
src = rows["①入手元 ※"]
assert src.startswith("[ ○ ] 本人又は本人の代理人") and src.count("[") == 6, src
assert any(line.count("[") >= 2 for line in src.split("\n")), src
assert "・識別情報\n[ ○ ] 個人番号  [ ] 個人番号対応符号" in rows["主な記録項目 ※"], rows["主な記録項目 ※"]
# A choice is centred; one whose detail wraps (手数料等) reads from the left.
at = lambda ws, label: next(r[1] for r in wb[ws].iter_rows() if r[0].value == label).alignment.horizontal
assert at("Ⅱ(1)", "委託の有無 ※") == "center" and at("Ⅴ", "③手数料等") in (None, "left"), at("Ⅴ", "③手数料等")
PY
# A character ＭＳ 明朝 may lack is reported, and still written.
$PIA --db t.db set "$id" basic.dept.head '𠮷田課長'
$PIA --db t.db export "$id" --format xlsx -o warn.xlsx 2>warn.txt
grep -q '警告: Ⅰ 7. ②所属長の役職名: 「𠮷」（U+20BB7）は ＭＳ 明朝 にない文字かもしれません' warn.txt
test "$(grep -c 警告 warn.txt)" = 1
# A new, empty assessment exports too, every label present.
new=$($PIA --db t.db new --template zenkomoku --title 空)
$PIA --db t.db export "$new" --format text > empty.txt
$PIA --db t.db export "$new" --format xlsx -o empty.xlsx
$PY "$ROOT/tests/xlsx_check.py" empty.xlsx empty.txt
# Same assessment, same bytes (bundles are compared by hash).
$PIA --db t.db export "$id" --format xlsx -o again.xlsx
$PIA --db t.db export "$id" --format xlsx -o again2.xlsx
cmp again.xlsx again2.xlsx
# A target directory that does not exist: a clear error naming the file.
rc=0; $PIA --db t.db export "$id" --format xlsx -o no/such/dir.xlsx 2>err.txt || rc=$?
test $rc -eq 1
grep -q 'no/such/dir.xlsx' err.txt
# LibreOffice, as a user runs it, prints the delivered workbook on A4 at
# full size (the Normal style is the cells' font, the columns fit).
. "$TESTS_DIR/need.sh"; need soffice pdfinfo
HOME=$PWD timeout 180 soffice --headless --convert-to pdf sample.xlsx >/dev/null 2>&1
pdfinfo sample.pdf | grep -q 'A4'
size=$($PY "$ROOT/tests/pdf_fontsize.py" sample.pdf | cut -d' ' -f1)
echo "body text printed at $size pt"
$PY -c "import sys; sys.exit(0 if float('$size') >= 9.5 else 1)"
