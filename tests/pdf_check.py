#!/usr/bin/python3
"""Checks the PDF pia prints (pdftotext, pdffonts, pdfinfo from poppler).

  pdf_check.py sample SAMPLE.pdf TEXT.txt   cover, 項目一覧, Ⅲ in order, boxes inline, font, size
  pdf_check.py long LONG.pdf ANSWER.txt     a long answer whole; continuation pages at least half full
"""
import re
import subprocess
import sys

squash = lambda s: re.sub(r"\s+", "", s)


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def page_text(pdf, n, layout=False):
    return run("pdftotext", *(["-layout"] if layout else []), "-f", str(n), "-l", str(n), pdf, "-")


def left_column(pdf):
    """The text of the label column (and of rows across the page), page by
    page, top to bottom: where the form's labels are printed."""
    out = []
    for page in run("pdftotext", "-bbox", pdf, "-").split("<page ")[1:]:
        words = [(float(y), float(x), w) for x, y, w in
                 re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', page)]
        out += [w for y, x, w in sorted(words) if x < 190 and 50 < y < 800]
    return squash("".join(out))


def pages(pdf):
    return int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))


def common(pdf):
    n = pages(pdf)
    info = run("pdfinfo", "-f", "1", "-l", str(n), pdf)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    assert len(sizes) == n and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in sizes), \
        "not every page is A4 portrait"
    fonts = [l.split()[0] for l in run("pdffonts", pdf).splitlines()[2:]]
    assert fonts and all(f.split("+")[-1] == "IPAexMincho" for f in fonts), f"fonts: {fonts}"
    size = float(run("/usr/bin/python3", sys.path[0] + "/pdf_fontsize.py", pdf).split()[0])
    assert size >= 9.0, f"body text at {size} pt"
    return n, size


def sample(pdf, text):
    n, size = common(pdf)
    p1 = squash(page_text(pdf, 1))
    for want in ("特定個人情報保護評価書（全項目評価書）", "評価書番号", "評価書名", "個人のプライバシー等の権利利益の保護の宣言",
                 "特記事項", "評価実施機関名", "公表日", "[平成30年5月様式4]"):
        assert squash(want) in p1, f"page 1 lacks {want}"
    assert p1.endswith("[平成30年5月様式4]"), "the stamp is not at the foot of page 1"
    p2 = squash(page_text(pdf, 2))
    assert p2.startswith("項目一覧"), p2[:20]
    last = 0
    for want in ("Ⅰ基本情報", "（別添1）事務の内容", "Ⅱ特定個人情報ファイルの概要", "（別添2）特定個人情報ファイル記録項目",
                 "Ⅲ特定個人情報ファイルの取扱いプロセスにおけるリスク対策", "Ⅳその他のリスク対策", "Ⅴ開示請求、問合せ",
                 "Ⅵ評価実施手続", "（別添3）変更箇所"):
        k = p2.find(want, last)
        assert k >= 0, f"項目一覧 lacks {want} in order"
        last = k
    # Every label of Ⅲ (first file), in the order of the text export.
    lines = open(text, encoding="utf-8").read().splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("Ⅲ "))
    heads = []
    for l in lines[start + 1:]:
        if l.startswith("Ⅲ ") or l.startswith("（別添") or l.startswith("Ⅳ "):
            break
        if l and not l.startswith(" ") and not re.match(r"（\d+）", l) and not l.startswith("["):
            heads.append(squash(l.split("\t")[0]))
    body = left_column(pdf)
    at = body.find("Ⅲ特定個人情報ファイルの取扱いプロセス")
    for h in heads:
        k = body.find(h, at)
        assert k >= 0, f"Ⅲ label not in order: {h}"
        at = k
    # Check boxes inline: several boxes on one printed line.
    layout = run("pdftotext", "-layout", pdf, "-")
    assert re.search(r"\[ ○ \] 個人番号 +\[ \] 個人番号対応符号", layout), "boxes not inline"
    assert not re.search(r"^\s*[、。）」』]", layout, re.M), "a line starts with 、。）」』"
    print(f"{n} pages, body {size:.1f} pt, {len(heads)} labels of Ⅲ in order")


def long(pdf, answer):
    n, size = common(pdf)
    want = squash(open(answer, encoding="utf-8").read())
    got = squash(run("pdftotext", "-raw", pdf, "-"))
    # The answer, whole and in order, in runs broken only by what a page
    # puts between them (the running header, the page number, （続き）).
    i = j = runs = 0
    while i < len(want):
        k = got.find(want[i:i + 40], j)
        assert k >= 0, f"answer lost after {i} of {len(want)} characters"
        j = k
        while i < len(want) and j < len(got) and got[j] == want[i]:
            i += 1
            j += 1
        runs += 1
    assert runs <= 3 * n, f"answer in {runs} pieces"
    # A page that continues the answer is at least half full.
    cont = 0
    for p in range(1, n + 1):
        t = page_text(pdf, p)
        if "（続き）" not in squash(t):
            continue
        cont += 1
        bbox = run("pdftotext", "-bbox", "-f", str(p), "-l", str(p), pdf, "-")
        ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', bbox) if 60 < float(y) < 800]
        assert ys and max(ys) > 841.9 / 2, f"page {p} is less than half full ({max(ys or [0]):.0f} pt)"
    assert cont >= 10, f"{cont} continuation pages"
    print(f"{n} pages, {len(want)} characters whole in {runs} pieces, {cont} continuation pages each over half full")


{"sample": sample, "long": long}[sys.argv[1]](*sys.argv[2:])
