#!/usr/bin/python3
"""The peer for the XLSX benchmark: the same sheet written by python3-xlsxwriter.

Reads pia's text export of the assessment (the same rows pia writes) and
writes one worksheet per section, two columns, the same formats, print
setup and computed row heights, in constant_memory mode as pia does.
  xlsx_peer.py EXPORT.txt OUT.xlsx
"""
import sys
import xlsxwriter

def width(s):
    return sum(1 if ord(c) < 0x1100 or 0xFF61 <= ord(c) <= 0xFF9F else 2 for c in s)

def lines(s, cap):
    n = 0
    for part in s.split("\n"):
        n += max(1, -(-width(part) // cap))
    return n

src, out = sys.argv[1], sys.argv[2]
wb = xlsxwriter.Workbook(out, {"constant_memory": True})
base = {"font_name": "ＭＳ 明朝", "font_size": 10, "text_wrap": True, "valign": "top", "border": 1}
label = wb.add_format(base)
group = wb.add_format(dict(base, bold=True, bg_color="#F2F2F2"))
answer = wb.add_format(base)
ws = None
row = 0
text = open(src, encoding="utf-8").read().split("\n")
pending = None

def flush():
    global pending, row
    if pending is None:
        return
    a, b = pending
    h = max(lines(a, 34), lines(b, 60))
    ws.set_row(row, min(h, 28) * 13.5 + 3)
    ws.write_string(row, 0, a, label)
    ws.write_string(row, 1, b, answer)
    row += 1
    pending = None

for line in text[2:]:
    if line == "":
        continue
    if line.startswith("  ") and pending is not None:
        pending = (pending[0], (pending[1] + "\n" if pending[1] else "") + line[2:])
        continue
    flush()
    if line[:1] in "表ⅠⅡⅢⅣⅤⅥ（" and "\t" not in line and not line.startswith("（1）") and ws is None or \
            (line[:1] in "ⅠⅡⅢⅣⅤⅥ" and " " in line[:3]) or line.startswith("（別添"):
        ws = wb.add_worksheet()
        ws.set_paper(9); ws.set_portrait(); ws.fit_to_pages(1, 0); ws.repeat_rows(0)
        ws.set_margins(0.6, 0.6, 0.75, 0.75); ws.hide_gridlines(2); ws.set_footer("&C&P / &N")
        ws.set_column(0, 0, 36); ws.set_column(1, 1, 62)
        row = 0
    head, _, ans = line.partition("\t")
    pending = (head, ans)
flush()
wb.close()
