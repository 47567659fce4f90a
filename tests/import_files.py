#!/usr/bin/env python3
"""Writes the odd and hostile files the import tests need:
  scanned  a one-page PDF with an image and no text layer
  pages    a PDF of 2,100 pages (the limit is 2,000)
  heavy    a PDF of 400 pages of dense text (seconds of CPU to read)
  bomb     an XLSX whose sheet expands to 300 MiB of spaces
  laughs   an XLSX whose shared strings declare nested entities
  entries  a ZIP with 10,050 entries
  book     a small workbook as Excel writes one: shared strings with rich
           text runs and phonetic guides, a date cell, x: prefixes
Usage: import_files.py KIND OUTPUT"""
import sys
import zipfile
import zlib


def pdf(objs):
    parts = [b'%PDF-1.4\n']
    size = len(parts[0])
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(size)
        part = b'%d 0 obj\n' % i + o + b'\nendobj\n'
        parts.append(part)
        size += len(part)
    parts.append(b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1))
    parts += [b'%010d 00000 n \n' % o for o in offsets]
    parts.append(b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, size))
    return b''.join(parts)


def stream(data, extra=b''):
    return b'<< /Length %d %s>>\nstream\n' % (len(data), extra) + data + b'\nendstream'


def text_pages(n, content):
    kids = b' '.join(b'%d 0 R' % (3 + 2 * i) for i in range(n))
    objs = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [%s] /Count %d >>' % (kids, n)]
    font = 3 + 2 * n
    for i in range(n):
        objs.append(b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
                    b'/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>' % (font, 4 + 2 * i))
        objs.append(stream(content(i)))
    objs.append(b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
    return pdf(objs)


def scanned():
    img = zlib.compress(bytes([200]) * 2500)
    content = b'q 200 0 0 200 100 500 cm /Im1 Do Q'
    return pdf([b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
                b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] '
                b'/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
                stream(content),
                stream(img, b'/Type /XObject /Subtype /Image /Width 50 /Height 50 /ColorSpace /DeviceGray '
                            b'/BitsPerComponent 8 /Filter /FlateDecode ')])


def workbook(z, sheet=b'<worksheet><sheetData/></worksheet>'):
    z.writestr('xl/workbook.xml', '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels',
               '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>')
    if sheet is not None:
        z.writestr('xl/worksheets/sheet1.xml', sheet)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == 'scanned':
        open(path, 'wb').write(scanned())
    elif kind == 'pages':
        open(path, 'wb').write(text_pages(2100, lambda i: b'BT /F1 12 Tf 72 720 Td (page %d) Tj ET' % i))
    elif kind == 'heavy':
        line = b'(' + b'abcdefghij ' * 9 + b') Tj 0 -9 Td '
        open(path, 'wb').write(text_pages(400, lambda i: b"BT /F1 8 Tf 20 830 Td " + line * 90 + b"ET"))
    elif kind == 'bomb':
        with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
            workbook(z, None)
            with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
                f.write(b'<worksheet><sheetData>')
                chunk = b' ' * (1 << 20)
                for _ in range(300):
                    f.write(chunk)
                f.write(b'</sheetData></worksheet>')
    elif kind == 'laughs':
        ents = ''.join('<!ENTITY l%d "%s">' % (i, ('&l%d;' % (i - 1)) * 10 if i else 'lol') for i in range(10))
        with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
            workbook(z)
            z.writestr('xl/sharedStrings.xml', '<?xml version="1.0"?><!DOCTYPE s [%s]><sst><si><t>&l9;</t></si></sst>' % ents)
    elif kind == 'book':
        rows = [('評価書番号', 's', '7'), ('評価書名', 's', '架空村 国民年金に関する事務 全項目評価書'),
                ('評価実施機関名', 's', '架空村長'), ('公表日', 'd', '45703'),
                ('Ⅳ その他のリスク対策', None, None), ('1. 監査', None, None),
                ('①自己点検', 's', '[十分に行っている] <選択肢> 1) 特に力を入れて行っている 2) 十分に行っている 3) 十分に行っていない'),
                ('具体的なチェック方法', 's', '年に一度、点検表で確認する。'),
                ('②監査', 's', '[十分に行っている] <選択肢> 1) 特に力を入れて行っている 2) 十分に行っている 3) 十分に行っていない'),
                ('具体的な内容', 's', '隔年で監査を受ける。'),
                ('3. その他のリスク対策', 's', 'なし')]
        strings, cells = [], []
        def sst(t):
            strings.append(t)
            return len(strings) - 1
        for r, (label, kind_, value) in enumerate(rows, 1):
            c = '<x:c r="A%d" t="s"><x:v>%d</x:v></x:c>' % (r, sst(label))
            if kind_ == 's':
                c += '<x:c r="B%d" t="s"><x:v>%d</x:v></x:c>' % (r, sst(value))
            elif kind_ == 'd':
                c += '<x:c r="B%d" s="1"><x:v>%s</x:v></x:c>' % (r, value)
            cells.append('<x:row r="%d">%s</x:row>' % (r, c))
        def si(t):
            if t.startswith('具体的な'):   # rich text with a phonetic guide, as Excel keeps readings
                return '<x:si><x:r><x:t>具体的</x:t></x:r><x:r><x:t>%s</x:t></x:r>' \
                       '<x:rPh sb="0" eb="2"><x:t>グタイテキ</x:t></x:rPh></x:si>' % t[3:]
            return '<x:si><x:t>%s</x:t></x:si>' % t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
        ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
            workbook(z, '<x:worksheet %s><x:sheetData>%s</x:sheetData></x:worksheet>' % (ns, ''.join(cells)))
            z.writestr('xl/sharedStrings.xml', '<x:sst %s>%s</x:sst>' % (ns, ''.join(si(t) for t in strings)))
            z.writestr('xl/styles.xml', '<x:styleSheet %s><x:cellXfs count="2"><x:xf numFmtId="0"/>'
                       '<x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>' % ns)
    elif kind == 'entries':
        with zipfile.ZipFile(path, 'w') as z:
            for i in range(10050):
                z.writestr('x/%d' % i, '')
    else:
        sys.exit('unknown kind ' + kind)


main()
