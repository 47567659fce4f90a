# The fixture of test_print (tests/fixtures/print/) through the command
# line: the text export, the XLSX (read back by openpyxl) and `pia check`
# agree with the printed rows — （該当なし） once, nothing printed under it,
# a choice with only its （ ）件 unanswered, boxes inline, both instances of
# a repeated group, an item carrying its own answer and sub-items.
set -eu
F=$ROOT/tests/fixtures/print
export PIA_TEMPLATE_DIR=$F
id=$($PIA --db t.db import "$F/agree-answers.yaml")
$PIA --db t.db export "$id" --format text > agree.txt
$PIA --db t.db export "$id" --format xlsx -o agree.xlsx
rc=0; $PIA --db t.db check "$id" > check.txt || rc=$?
test $rc -eq 1
test "$(grep -c '未回答です' check.txt)" = 6
test "$(grep -c '該当しない部分に回答が残っています' check.txt)" = 1
test "$(grep -c '（該当なし）' agree.txt)" = 1
grep -q '^①手数料等	\[ \]（ 3 ）件 <選択肢> 1) 有料 2) 無料$' agree.txt
/usr/bin/python3 - <<'PY'
import openpyxl
wb = openpyxl.load_workbook("agree.xlsx")
rows = [[c or "" for c in r] for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]
flat = [v for r in rows for v in r]
assert sum(v.count("（該当なし）") for v in flat) == 1, "（該当なし） not once"
assert not any("切り替えた後も残る記載" in v for v in flat), "an answer printed under a switched-off part"
by = {}
for r in rows:
    by.setdefault(r[0], r)          # the first copy: file 1
assert by["1. 委託"][1] == "[ ○ ] 委託しない", by["1. 委託"]
assert by["委託の内容"][1] == "（該当なし）", by["委託の内容"]
assert by["①手数料等"][1:3] == ["[ ]（ 3 ）件", "<選択肢>\n1) 有料\n2) 無料"], by["①手数料等"]
assert by["②接続"][1] == "[ ] 甲システム  [ ] その他（ ）", by["②接続"]
assert "システム2" in by and by["③範囲 ※"][1] == "町内の全住民" and "その必要性" in by
assert wb.sheetnames == ["Ⅰ", "Ⅱ(1)", "Ⅱ(2)"], wb.sheetnames
print("text, XLSX and check agree")
PY
