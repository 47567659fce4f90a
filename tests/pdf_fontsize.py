#!/usr/bin/python3
"""Prints the median size, in points, of the body text of a PDF (and how
many words were measured): a word of Japanese characters advances one em
per character, so its width over its length is its size.  The running
header (9 pt) and short words are left out.

  pdf_fontsize.py FILE.pdf [FIRST LAST]
"""
import re
import statistics
import subprocess
import sys

args = ["pdftotext", "-bbox"]
if len(sys.argv) > 3:
    args += ["-f", sys.argv[2], "-l", sys.argv[3]]
out = subprocess.run(args + [sys.argv[1], "-"], capture_output=True, text=True, check=True).stdout
sizes = []
for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)</word>', out):
    word, top = m.group(4), float(m.group(2))
    if top < 50 or len(word) < 4:
        continue
    if all("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in word):
        sizes.append((float(m.group(3)) - float(m.group(1))) / len(word))
print(f"{statistics.median(sizes):.2f} {len(sizes)}")
