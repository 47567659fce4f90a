# The statutory sheet as XLSX, read back by openpyxl: labels in template
# order with their answers beside them, A4 / one page wide / header row
# repeated, every cell a string even when the answer looks like a formula;
# then LibreOffice converts it to PDF to prove it opens.
set -eu
PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; exit 1; }
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
$PIA --db t.db set "$id" cover.remarks '=HYPERLINK("http://example.invalid","x")'
$PIA --db t.db set "$id" other.more '+1-2'
$PIA --db t.db set "$id" basic.others '@SUM(A1)'
$PIA --db t.db export "$id" --format text > sample.txt
$PIA --db t.db export "$id" --format xlsx -o sample.xlsx
test "$(stat -c %a sample.xlsx)" = 600
ls -A | grep -q '\.tmp-' && exit 1
$PY "$ROOT/tests/xlsx_check.py" sample.xlsx "$ROOT/templates/zenkomoku.yaml" sample.txt
$PY - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("sample.xlsx")
cells = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
for v in ('=HYPERLINK("http://example.invalid","x")', '+1-2', '@SUM(A1)'):
    assert v in cells, v
assert wb.properties.title == "住民基本台帳に関する事務 全項目評価書"
assert wb.properties.creator == "架空市長"
PY
# A new, empty assessment exports too, every label present.
new=$($PIA --db t.db new --template zenkomoku --title 空)
$PIA --db t.db export "$new" --format text > empty.txt
$PIA --db t.db export "$new" --format xlsx -o empty.xlsx
$PY "$ROOT/tests/xlsx_check.py" empty.xlsx "$ROOT/templates/zenkomoku.yaml" empty.txt
# Same assessment, same bytes (bundles are compared by hash).
$PIA --db t.db export "$id" --format xlsx -o again.xlsx
cmp sample.xlsx again.xlsx
# A target directory that does not exist: a clear error naming the file.
rc=0; $PIA --db t.db export "$id" --format xlsx -o no/such/dir.xlsx 2>err.txt || rc=$?
test $rc -eq 1 && grep -q 'no/such/dir.xlsx' err.txt
# LibreOffice opens it and prints it on A4.
if command -v soffice >/dev/null; then
    HOME=$PWD timeout 180 soffice --headless --convert-to pdf sample.xlsx >/dev/null 2>&1
    pdfinfo sample.pdf | grep -q 'A4'
    test "$(pdfinfo sample.pdf | sed -n 's/^Pages: *//p')" -gt 10
else
    echo "soffice not installed: PDF conversion not checked" >&2
    exit 1
fi
