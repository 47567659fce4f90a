#!/usr/bin/env python3
"""Reads a template with PyYAML (an independent reader) and answers what the
shell tests need: the printed headings in order, or ids by kind/scope.

  form_info.py TEMPLATE headings        one expected line start per line
  form_info.py TEMPLATE field KIND SCOPE   first field id of KIND (text|choice|check)
                                        and SCOPE (once|per_file), not repeated, not auto
  form_info.py TEMPLATE choices ID      the options of a choice, one per line
"""
import sys
import yaml

CIRCLED = set(chr(c) for c in range(0x2460, 0x2474))


def heading(n):
    num, label = n.get("number"), n["label"]
    if num is None:
        s = label
    else:
        sep = n.get("sep")
        if sep is None:
            sep = "" if str(num) in CIRCLED else " "
        s = f"{num}{sep}{label}"
    if n.get("notice"):
        s += " ※"
    if n.get("note"):
        s += " " + n["note"]
    return s


def walk(nodes, per_file=False, in_repeat=False):
    for n in nodes:
        pf = n.get("per_file", per_file)
        kind = n.get("kind", "group" if "items" in n else None)
        yield n, kind, pf, in_repeat or bool(n.get("repeat"))
        yield from walk(n.get("items", []), pf, in_repeat or bool(n.get("repeat")))


def main():
    form = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    what = sys.argv[2]
    if what == "headings":
        for n, kind, pf, rep in walk(form["sections"]):
            if n.get("inline"):        # printed on its group's row, after the heading
                continue
            h = heading(n)
            if n.get("repeat"):
                h += "1"
            if kind == "check":
                h = "[ ] " + h
            print(h)
    elif what == "field":
        want_kind, scope = sys.argv[3], sys.argv[4]
        for n, kind, pf, rep in walk(form["sections"]):
            if kind == want_kind and not rep and not n.get("auto") and pf == (scope == "per_file") \
                    and not n.get("detail") and not n.get("disables"):
                print(n["id"])
                return
        sys.exit("no such field")
    elif what == "repeated":
        for n, kind, pf, rep in walk(form["sections"]):
            if rep and kind == sys.argv[3] and not n.get("repeat") and not pf:
                print(n["id"])
                return
        sys.exit("no such field")
    elif what == "choices":
        for n, kind, pf, rep in walk(form["sections"]):
            if n["id"] == sys.argv[3]:
                print("\n".join(n["choices"]))
    else:
        sys.exit("unknown request")


main()
