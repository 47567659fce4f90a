#!/usr/bin/python3
"""Reads an exported sheet with openpyxl (an independent XLSX reader) and
checks it against the template and the YAML export of the same assessment:

  xlsx_check.py BOOK.xlsx TEMPLATE.yaml EXPORT.txt

- every heading of the text export appears in column A, in the same order;
- each one-line answer of the text export stands in column B beside its label;
- every sheet is A4 portrait, fit to one page wide, header row repeated;
- every cell is a string (nothing became a formula or a number).
"""
import sys
import openpyxl

book, template, text = sys.argv[1:4]
wb = openpyxl.load_workbook(book)
rows = []
for ws in wb.worksheets:
    assert ws.page_setup.paperSize == 9, f"{ws.title}: paper {ws.page_setup.paperSize}"
    assert ws.page_setup.orientation == "portrait", ws.title
    assert ws.sheet_properties.pageSetUpPr.fitToPage, f"{ws.title}: not fit to page"
    assert ws.page_setup.fitToWidth in (None, 1), ws.title
    assert ws.page_setup.fitToHeight == 0, ws.title
    assert ws.print_title_rows == "$1:$1", f"{ws.title}: {ws.print_title_rows}"
    assert not ws.sheet_view.showGridLines, ws.title
    for a, b in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        for v in (a, b):
            assert v is None or isinstance(v, str), f"{ws.title}: non-string cell {v!r}"
        rows.append((a or "", b or ""))

labels = [a for a, _ in rows]
pairs = {}
for a, b in rows:
    pairs.setdefault(a, []).append(b)
i = 0
found = 0
for line in open(text, encoding="utf-8").read().splitlines()[2:]:
    if not line or line.startswith("  ") or line.startswith("（") and "）" in line[:6]:
        continue
    head, _, answer = line.partition("\t")
    if head.startswith("[") and "] " in head[:4]:      # check box: label after the box
        head = head.split("] ", 1)[1].split("（", 1)[0]
    while i < len(labels) and not labels[i].startswith(head.split("\t")[0]):
        i += 1
    if i == len(labels):
        sys.exit(f"label not found in order in the sheet: {head!r}")
    if answer and "（該当なし）" not in answer:
        beside = rows[i][1]
        assert beside.startswith(answer[:20]), f"{head!r}: beside it {beside[:40]!r}, want {answer[:40]!r}"
    found += 1
    i += 1
print(f"{found} labels in order, {len(wb.worksheets)} sheets")
