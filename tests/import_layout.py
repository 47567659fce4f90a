#!/usr/bin/python3
"""Lays an assessment out as a workbook unlike pia's own export, the way a
filled-in Excel 様式 plausibly is (an assumption: the PPC's own workbook was
not available; see README "Importing published assessments"):
  - the number in a cell of its own (「①」 | 「事務の名称」), ※ in another;
  - long labels split over two cells of their row, each a merged block;
  - answers in a merged block to the right; several lines in one cell;
  - a choice as 「[ 十分である ]」 with its <選択肢> list in a separate cell;
  - check boxes as 「[ ○ ]」 in one cell and the caption in the next, three
    pairs to a row;
  - the cover's 宣言 and 特記事項 under their headings, not beside them;
  - 別添3 as a table: a heading row, then one row per change;
  - LAYOUT "sheets": one sheet per section; "long": everything on one sheet.
It reads what `pia export --format text` prints (labels, a tab, answers;
continuation lines indented), so the answers are those of the assessment
exported: whatever it holds must come back from the workbook.
Usage: import_layout.py LAYOUT TEXT OUTPUT.xlsx"""
import re
import sys

import xlsxwriter

NUM = re.compile(r'^([①-⑳]|\d+\.|リスク\d+：|（\d+）)\s*(.*)$')
BOX = re.compile(r'\[ (?:(○) )?\] ')
CHANGE_COLS = ['変更日', '項目', '変更前の記載', '変更後の記載', '提出時期', '提出時期に係る説明']
SECTION = re.compile(r'^(表紙|Ⅰ |Ⅱ |Ⅲ |Ⅳ |Ⅴ |Ⅵ |（別添\d）)')


def entries(lines):
    """(label, [answer lines]) in order; label None for a line of its own."""
    out = []
    for line in lines:
        if line.startswith('  ') and out:
            out[-1][1].append(line[2:])
        elif '\t' in line:
            label, answer = line.split('\t', 1)
            out.append((label, [answer]))
        elif line.strip():
            out.append((line, []))
    return out


def split_label(label):
    """A long label in two cells, cut after an の or ・ near its middle."""
    if len(label) < 16:
        return [label]
    mid = len(label) // 2
    cuts = [i + 1 for i, c in enumerate(label) if c in 'の・、' and 4 <= i + 1 <= len(label) - 4]
    cut = min(cuts, key=lambda i: abs(i - mid)) if cuts else mid
    return [label[:cut], label[cut:]]


class Sheet:
    def __init__(self, book, name, fmt):
        self.ws = book.add_worksheet(name)
        self.ws.set_column(0, 0, 6)
        self.ws.set_column(1, 4, 9)
        self.ws.set_column(5, 11, 8)
        self.fmt = fmt
        self.row = 0

    def put(self, c1, c2, text):
        if c2 > c1:
            self.ws.merge_range(self.row, c1, self.row, c2, text, self.fmt)
        else:
            self.ws.write_string(self.row, c1, text, self.fmt)

    def label(self, label):
        """Number, label (split when long) and ※ in columns A-E."""
        notice = label.endswith(' ※')
        if notice:
            label = label[:-2]
        m = NUM.match(label)
        if m and m.group(2):
            self.put(0, 0, m.group(1))
            label = m.group(2)
        parts = split_label(label)
        if len(parts) == 1:
            self.put(1, 3 if notice else 4, parts[0])
        else:
            self.put(1, 2, parts[0])
            self.put(3, 3, parts[1])
        if notice:
            self.put(4, 4, '※')

    def answer(self, text):
        m = re.match(r'^(\[ [^\]]* \](?:（[^）]*）[^<]*)?)\s*<選択肢> (.*)$', text)
        if m:
            options = re.split(r' (?=\d+\) )', m.group(2))
            self.put(5, 8, m.group(1).strip())
            self.put(9, 11, '<選択肢>\n' + '\n'.join(options))
        else:
            self.put(5, 11, text)

    def boxes(self, text):
        parts = [p for p in BOX.split(text)]
        pairs = [('[ ○ ]' if parts[i] else '[ ]', parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]
        for k in range(0, len(pairs), 3):
            for j, (box, caption) in enumerate(pairs[k:k + 3]):
                self.put(5 + 2 * j, 5 + 2 * j, box)
                self.put(6 + 2 * j, 6 + 2 * j, caption)
            self.row += 1


def write(book, layout, items):
    fmt = book.add_format({'text_wrap': True, 'valign': 'top'})
    sheet = None
    table = None
    for label, answer in items:
        if SECTION.match(label) and (sheet is None or layout == 'sheets'):
            name = label.split(' ')[0].replace('（', '(').replace('）', ')')
            if sheet is not None and layout == 'sheets':
                name = name + ('' if name not in book.sheetnames else '-%d' % len(book.worksheets()))
            if sheet is None or layout == 'sheets':
                sheet = Sheet(book, name[:31], fmt)
        if label.startswith('（別添3）'):
            sheet.put(0, 11, label)
            sheet.row += 1
            for j, col in enumerate(CHANGE_COLS):
                sheet.put(2 * j, 2 * j + 1, col)
            sheet.row += 1
            table = {}
            continue
        if table is not None:
            if re.match(r'^変更箇所\d+$', label):
                continue
            text = '\n'.join(answer)
            table[label] = re.sub(r'^\[ (\S+) \] <選択肢>.*$', r'\1', text)
            if label == CHANGE_COLS[-1]:
                for j, col in enumerate(CHANGE_COLS):
                    sheet.put(2 * j, 2 * j + 1, table.get(col, ''))
                sheet.row += 1
                table = {}
            continue
        first = answer[0] if answer else ''
        if label in ('個人のプライバシー等の権利利益の保護の宣言', '特記事項'):
            sheet.put(0, 11, label)
            sheet.row += 1
            sheet.put(0, 11, '\n'.join(answer))
            sheet.row += 1
            continue
        if not answer:
            if label.startswith('[ '):           # boxes on a line of their own
                sheet.boxes(label)
                continue
            if label.startswith('・'):            # a caption among boxes
                sheet.put(5, 11, label)
                sheet.row += 1
                continue
            sheet.label(label)
            sheet.row += 1
            continue
        if BOX.match(first) or (first.startswith('・') and len(answer) > 1):
            sheet.label(label)
            if BOX.match(first):
                sheet.boxes(first)
            else:                                # a caption beside the label
                sheet.put(5, 11, first)
                sheet.row += 1
            for extra in answer[1:]:
                if extra.startswith('・'):
                    sheet.put(5, 11, extra)
                    sheet.row += 1
                else:
                    sheet.boxes(extra)
            continue
        sheet.label(label)
        sheet.answer('\n'.join(answer))
        sheet.row += 1


def main():
    layout, text, out = sys.argv[1:4]
    if layout not in ('sheets', 'long'):
        sys.exit('layout: sheets or long')
    lines = open(text, encoding='utf-8').read().split('\n')
    book = xlsxwriter.Workbook(out)
    write(book, layout, entries(lines[2:]))   # the title lines are not the form's
    book.close()


main()
