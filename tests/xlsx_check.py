#!/usr/bin/python3
"""Reads an exported sheet with openpyxl (an independent XLSX reader) and
checks it against the text export of the same assessment:

  xlsx_check.py BOOK.xlsx EXPORT.txt

- every sheet is A4 portrait, fit to one page wide (any number of pages
  long), gridlines off; the columns fit the page at 100 %;
- the workbook's Normal style is ＭＳ 明朝, the font every cell uses;
- the cover carries the form's title, the 評価書番号/評価書名 table and the
  edition stamp; the second sheet is the 項目一覧;
- every heading of the text export appears in column A (or across the row)
  in the same order, and each one-line answer stands beside its label: a
  choice as `[ 値 ]` with its <選択肢> list in the next column, check boxes
  inline, a long answer whole across its continuation rows;
- no page ends with a heading (a shaded row merged across the sheet);
- 別添3 is a table: 変更日 | 項目 | 変更前の記載 | 変更後の記載 | 提出時期 |
  提出時期に係る説明, 提出時期 without its list, a 変更日 on one line;
- every cell is a string (nothing became a formula or a number).
"""
import re
import sys
import unicodedata
import zipfile
import openpyxl

book, text = sys.argv[1:3]
wb = openpyxl.load_workbook(book)

with zipfile.ZipFile(book) as z:
    styles = z.read("xl/styles.xml").decode()
fonts = re.findall(r'<font>.*?</font>', styles)
assert 'val="ＭＳ 明朝"' in fonts[0], f"Normal style font: {fonts[0]}"
assert all('ＭＳ 明朝' in f for f in fonts), "a cell font other than ＭＳ 明朝"

for ws in wb.worksheets:
    assert ws.page_setup.paperSize == 9, f"{ws.title}: paper {ws.page_setup.paperSize}"
    assert ws.page_setup.orientation == "portrait", ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage, f"{ws.title}: not fit to page"
    assert ws.page_setup.fitToWidth in (None, 1), ws.title
    assert ws.page_setup.fitToHeight == 0, ws.title
    assert not ws.sheet_view.showGridLines, ws.title
    # Excel: (7w+5) px a column; A4 portrait less 0.5" margins is 698 px.
    px = sum(7 * (d.width or 0) + 5 for d in ws.column_dimensions.values())
    assert px <= 698, f"{ws.title}: columns {px} px wide"
    for row in ws.iter_rows(values_only=True):
        for v in row:
            assert v is None or isinstance(v, str), f"{ws.title}: non-string cell {v!r}"

# A page never ends with a heading: the row before each break is not a
# shaded row merged across the whole sheet.
breaks = 0
for ws in wb.worksheets[2:]:
    across = {m.min_row for m in ws.merged_cells.ranges if m.min_col == 1 and m.max_col == ws.max_column}
    for b in ws.row_breaks.brk:
        breaks += 1
        cell = ws.cell(b.id, 1)
        heading = b.id in across and cell.fill.fgColor.rgb not in (None, "00000000")
        assert not heading, f"{ws.title}: page ends with the heading {cell.value!r}"

cells = lambda ws: [[c or "" for c in row] for row in ws.iter_rows(values_only=True)]
cover = cells(wb.worksheets[0])
flat = [v for row in cover for v in row]
assert "特定個人情報保護評価書（全項目評価書）" in flat, "title not on the cover"
assert "[平成30年5月 様式4]" in flat, "stamp not on the cover"
i = next(k for k, row in enumerate(cover) if row[0] == "評価書番号")
assert cover[i][1] == "評価書名", cover[i]
assert wb.sheetnames[1] == "項目一覧" and cells(wb.worksheets[1])[1][0] == "項目一覧"

# The body: column A (or a merged row) in order, answers beside.
rows = []
for ws in wb.worksheets[2:]:
    if ws.title.startswith("別添3"):
        continue
    rows += cells(ws)
lines = open(text, encoding="utf-8").read().splitlines()
start = next(k for k, l in enumerate(lines) if l.startswith("Ⅰ "))
end = next(k for k, l in enumerate(lines) if l.startswith("（別添3）"))
squash = lambda s: re.sub(r"\s+", "", s)
i = found = 0
for n, line in enumerate(lines[start:end]):
    if not line or line.startswith("  ") or re.match(r"（\d+）", line):
        continue
    head, _, answer = line.partition("\t")
    if not head:        # boxes without a heading of their own
        continue
    if not answer:      # a long answer follows on indented lines
        block = []
        for more in lines[start + n + 1:end]:
            if not more.startswith("  "):
                break
            block.append(more[2:])
        answer = "\n".join(block)
    while i < len(rows) and rows[i][0] != head:
        i += 1
    if i == len(rows):
        sys.exit(f"label not found in order in the sheet: {head!r}")
    beside = rows[i][1]
    if " <選択肢>" in answer:
        value, _, options = answer.partition(" <選択肢>")
        assert beside == value, f"{head!r}: {beside!r}, want {value!r}"
        assert squash(rows[i][2]) == squash("<選択肢>" + options), f"{head!r}: {rows[i][2]!r}"
    elif answer:
        # A long answer goes on in the rows below (no label, or its label
        # and （続き） at the top of a page).
        whole, k = beside, i + 1
        while k < len(rows) and rows[k][0] in ("", head + "（続き）") and not whole.startswith("（該当なし）"):
            whole += rows[k][1]
            k += 1
        assert squash(whole) == squash(answer), f"{head!r}: beside it {whole[:40]!r}, want {answer[:40]!r}"
    found += 1
    i += 1

# 別添3: the six-column table.
t = cells(wb[wb.sheetnames[-1]])
assert t[0][0] == "（別添3）変更箇所", t[0]
assert t[1][:6] == ["変更日", "項目", "変更前の記載", "変更後の記載", "提出時期", "提出時期に係る説明"], t[1]
wide = lambda s: sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
for row in t[2:]:
    assert row[4] in ("", "事前", "事後"), row
    # A date of the form 令和7年4月1日 stays on one line.
    assert wide(row[0]) <= wb[wb.sheetnames[-1]].column_dimensions["A"].width, f"変更日 {row[0]!r} wraps"
print(f"{found} labels in order, {len(wb.worksheets)} sheets, {breaks} page breaks, none after a heading, 別添3 {len(t) - 2} rows")
