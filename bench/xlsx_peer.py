#!/usr/bin/python3
"""The peer for the bundle benchmark: python3-xlsxwriter writing the same
sheets as pia, for many assessments, in ONE process.

  xlsx_peer.py [-p PASSES] OUTDIR WORKBOOK.xlsx ...

Reads every workbook pia wrote (not timed): its sheets in order, their names,
column widths, row heights, cells (text, format, position), merged ranges,
cell formats (font, fill, borders, alignment) and print setup.  Then, timed,
writes all of them again with xlsxwriter — streaming (constant_memory) when
pia streamed (inline strings), with a shared-string table when pia used one
— one file per assessment, computing each row's wrapped line count from its
text as pia does (the height written is pia's, so both files hold the same
sheets).  Interpreter start-up and the import of
xlsxwriter happen before the timer starts.

Prints key=value lines: workbooks, sheets, cells, cpu_ms and wall_ms per
workbook (CPU time of this process: one thread, so one core), the best of
PASSES passes over all the workbooks (default 1).
"""
import os
import re
import sys
import time
import zipfile
import xml.etree.ElementTree as ET

import xlsxwriter

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}
M = "{%s}" % NS["m"]
BORDERS = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7,
           "mediumDashed": 8, "dashDot": 9, "mediumDashDot": 10, "dashDotDot": 11,
           "mediumDashDotDot": 12, "slantDashDot": 13}
COLUMN = re.compile(r"([A-Z]+)([0-9]+)")


def cell_ref(ref):
    letters, digits = COLUMN.match(ref).groups()
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1


def rgb(el):
    v = el.get("rgb") if el is not None else None
    return "#" + v[-6:] if v else None


def formats_of(styles):
    """Each cellXfs entry as the dict of xlsxwriter format properties."""
    fonts = styles.findall("m:fonts/m:font", NS)
    fills = styles.findall("m:fills/m:fill", NS)
    borders = styles.findall("m:borders/m:border", NS)
    numfmts = {int(n.get("numFmtId")): n.get("formatCode") for n in styles.findall("m:numFmts/m:numFmt", NS)}
    out = []
    for xf in styles.findall("m:cellXfs/m:xf", NS):
        p = {}
        f = fonts[int(xf.get("fontId", 0))]
        for tag, key in (("name", "font_name"), ("sz", "font_size")):
            el = f.find("m:" + tag, NS)
            if el is not None:
                p[key] = el.get("val") if tag == "name" else float(el.get("val"))
        for tag, key in (("b", "bold"), ("i", "italic"), ("strike", "font_strikeout")):
            if f.find("m:" + tag, NS) is not None:
                p[key] = True
        if f.find("m:u", NS) is not None:
            p["underline"] = 1
        if rgb(f.find("m:color", NS)):
            p["font_color"] = rgb(f.find("m:color", NS))
        pf = fills[int(xf.get("fillId", 0))].find("m:patternFill", NS)
        if pf is not None and pf.get("patternType") == "solid":
            p["pattern"] = 1
            if rgb(pf.find("m:fgColor", NS)):
                p["bg_color"] = rgb(pf.find("m:fgColor", NS))
        b = borders[int(xf.get("borderId", 0))]
        for side in ("left", "right", "top", "bottom"):
            el = b.find("m:" + side, NS)
            if el is not None and el.get("style") in BORDERS:
                p[side] = BORDERS[el.get("style")]
        a = xf.find("m:alignment", NS)
        if a is not None:
            if a.get("horizontal"):
                p["align"] = a.get("horizontal")
            if a.get("vertical"):
                p["valign"] = {"center": "vcenter"}.get(a.get("vertical"), a.get("vertical"))
            if a.get("wrapText") == "1":
                p["text_wrap"] = True
            if a.get("indent"):
                p["indent"] = int(a.get("indent"))
            if a.get("shrinkToFit") == "1":
                p["shrink"] = True
        nid = int(xf.get("numFmtId", 0))
        if nid in numfmts:
            p["num_format"] = numfmts[nid]
        elif nid:
            p["num_format"] = nid
        out.append(p)
    return out


def text_of(c, shared):
    t = c.get("t")
    if t == "inlineStr":
        return "string", "".join(x.text or "" for x in c.iter(M + "t"))
    v = c.find("m:v", NS)
    if v is None:
        return "blank", None
    if t == "s":
        return "string", shared[int(v.text)]
    if t == "b":
        return "bool", v.text == "1"
    if t == "str":
        return "string", v.text or ""
    return "number", float(v.text)


def read_sheet(z, path, shared, print_titles):
    root = ET.fromstring(z.read(path))
    s = {"cols": [], "rows": [], "merges": [], "setup": {}}
    view = root.find("m:sheetViews/m:sheetView", NS)
    s["setup"]["gridlines_hidden"] = view is not None and view.get("showGridLines") == "0"
    for col in root.findall("m:cols/m:col", NS):
        s["cols"].append((int(col.get("min")) - 1, int(col.get("max")) - 1,
                          round(float(col.get("width")) - 5 / 7, 2)))
    for row in root.findall("m:sheetData/m:row", NS):
        cells = []
        for c in row.findall("m:c", NS):
            r, col = cell_ref(c.get("r"))
            kind, value = text_of(c, shared)
            cells.append((col, kind, value, int(c.get("s", 0))))
        ht = float(row.get("ht")) if row.get("customHeight") == "1" else None
        s["rows"].append((int(row.get("r")) - 1, ht, cells))
    for m in root.findall("m:mergeCells/m:mergeCell", NS):
        a, b = m.get("ref").split(":")
        s["merges"].append(cell_ref(a) + cell_ref(b))
    pm = root.find("m:pageMargins", NS)
    if pm is not None:
        s["setup"]["margins"] = tuple(float(pm.get(k)) for k in ("left", "right", "top", "bottom"))
    ps = root.find("m:pageSetup", NS)
    if ps is not None:
        s["setup"]["paper"] = int(ps.get("paperSize", 0))
        s["setup"]["landscape"] = ps.get("orientation") == "landscape"
        fit = root.find("m:sheetPr/m:pageSetUpPr", NS)
        if fit is not None and fit.get("fitToPage") == "1":
            s["setup"]["fit"] = (int(ps.get("fitToWidth", 1)), int(ps.get("fitToHeight", 1)))
    po = root.find("m:printOptions", NS)
    s["setup"]["center"] = po is not None and po.get("horizontalCentered") == "1"
    for tag in ("oddHeader", "oddFooter"):
        el = root.find("m:headerFooter/m:" + tag, NS)
        if el is not None:
            s["setup"][tag] = el.text
    s["setup"]["repeat"] = print_titles
    return s


def read_workbook(path):
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    names = set(z.namelist())
    shared = []
    if "xl/sharedStrings.xml" in names:
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(x.text or "" for x in si.iter(M + "t")))
    titles = {}
    for dn in wb.findall("m:definedNames/m:definedName", NS):
        if dn.get("name") == "_xlnm.Print_Titles" and dn.get("localSheetId") is not None:
            m = re.search(r"\$(\d+):\$(\d+)", dn.text or "")
            if m:
                titles[int(dn.get("localSheetId"))] = (int(m.group(1)) - 1, int(m.group(2)) - 1)
    sheets = []
    for i, sh in enumerate(wb.findall("m:sheets/m:sheet", NS)):
        path_in = "xl/" + target[sh.get("{%s}id" % NS["r"])].lstrip("/").replace("xl/", "", 1)
        s = read_sheet(z, path_in, shared, titles.get(i))
        s["name"] = sh.get("name")
        sheets.append(s)
    props = {}
    if "docProps/core.xml" in names:
        core = ET.fromstring(z.read("docProps/core.xml"))
        for el in core:
            tag = el.tag.split("}")[1]
            if tag in ("title", "subject", "creator") and el.text:
                props["author" if tag == "creator" else tag] = el.text
    return {"formats": formats_of(ET.fromstring(z.read("xl/styles.xml"))), "sheets": sheets, "props": props,
            "shared_strings": "xl/sharedStrings.xml" in names}


def width(s):
    return sum(1 if ord(ch) < 0x1100 or 0xFF61 <= ord(ch) <= 0xFF9F else 2 for ch in s)


def lines(s, cap):
    n = 0
    for part in s.split("\n"):
        n += max(1, -(-width(part) // cap))
    return n


def write_workbook(spec, out):
    # Streaming (inline strings) as pia does, unless pia's workbook shows it
    # was not streamed (a shared-string table) or needs merges across rows,
    # which xlsxwriter cannot stream.
    vertical = any(m[0] != m[2] for s in spec["sheets"] for m in s["merges"])
    wb = xlsxwriter.Workbook(out, {"constant_memory": not vertical and not spec["shared_strings"]})
    wb.set_properties(spec["props"])
    fmts = [wb.add_format(p) if p else None for p in spec["formats"]]
    for s in spec["sheets"]:
        ws = wb.add_worksheet(s["name"])
        st = s["setup"]
        if st.get("paper"):
            ws.set_paper(st["paper"])
        ws.set_landscape() if st.get("landscape") else ws.set_portrait()
        if "fit" in st:
            ws.fit_to_pages(*st["fit"])
        if st.get("repeat"):
            ws.repeat_rows(*st["repeat"])
        if "margins" in st:
            ws.set_margins(*st["margins"])
        if st.get("center"):
            ws.center_horizontally()
        if st.get("gridlines_hidden"):
            ws.hide_gridlines(2)
        if st.get("oddHeader"):
            ws.set_header(st["oddHeader"])
        if st.get("oddFooter"):
            ws.set_footer(st["oddFooter"])
        widths = {}
        for lo, hi, w in s["cols"]:
            ws.set_column(lo, hi, w)
            for c in range(lo, hi + 1):
                widths[c] = w
        merges = {(m[0], m[1]): m for m in s["merges"]}
        covered = {(r, c) for m in s["merges"] for r in range(m[0], m[2] + 1) for c in range(m[1], m[3] + 1)}
        for r, ht, cells in s["rows"]:
            # The work pia does for every row: its wrapped line count.
            most = 1
            for col, kind, value, xf in cells:
                if kind == "string":
                    indent = spec["formats"][xf].get("indent", 0)
                    most = max(most, lines(value, max(1, int(widths.get(col, 8.43)) - 2 - 2 * indent)))
            if ht is not None:
                ws.set_row(r, ht)
            for col, kind, value, xf in cells:
                f = fmts[xf]
                if (r, col) in merges:
                    m = merges[(r, col)]
                    ws.merge_range(m[0], m[1], m[2], m[3], value if kind == "string" else "", f)
                elif (r, col) in covered:
                    continue
                elif kind == "string":
                    ws.write_string(r, col, value, f)
                elif kind == "number":
                    ws.write_number(r, col, value, f)
                elif kind == "bool":
                    ws.write_boolean(r, col, value, f)
                else:
                    ws.write_blank(r, col, None, f)
    wb.close()


def main():
    args = sys.argv[1:]
    passes = 1
    if args[:1] == ["-p"]:
        passes, args = int(args[1]), args[2:]
    out, books = args[0], args[1:]
    os.makedirs(out, exist_ok=True)
    specs = [read_workbook(b) for b in books]
    cpu = wall = float("inf")
    for _ in range(passes):
        c0, w0 = time.process_time(), time.perf_counter()
        for i, spec in enumerate(specs):
            write_workbook(spec, os.path.join(out, f"peer{i + 1:05d}.xlsx"))
        cpu, wall = min(cpu, time.process_time() - c0), min(wall, time.perf_counter() - w0)
    n = len(specs)
    print(f"workbooks={n}")
    print(f"sheets={sum(len(s['sheets']) for s in specs)}")
    print(f"cells={sum(len(r[2]) for s in specs for sh in s['sheets'] for r in sh['rows'])}")
    print(f"cpu_ms={cpu * 1e3 / n:.3f}")
    print(f"wall_ms={wall * 1e3 / n:.3f}")


if __name__ == "__main__":
    main()
