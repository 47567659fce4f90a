#!/usr/bin/env python3
"""Checks that the guidance file covers the form template.

Usage: scripts/help_coverage.py [TEMPLATE.yaml [HELP.yaml]]
       (defaults: templates/zenkomoku.yaml, templates/zenkomoku.help.yaml)

The help file is a mapping from a template id to its guidance text. This
script prints every answerable item (kind text, choice or check) of the
template that has no guidance, and every help id the template does not
know, and exits 1 if there is either. It also warns, without failing, about
group headings without guidance, texts outside the readable length, keys
out of template order and markup that a terminal would show literally.
"""
import os
import sys

import yaml

ANSWERABLE = ("text", "choice", "check")
# Readable at 80x24: an item's guidance in a few lines, a heading's in one or two.
ITEM_CHARS = (60, 300)
HEADING_CHARS = (15, 160)


class UniqueKeyLoader(yaml.SafeLoader):
    """A loader that refuses a key given twice (PyYAML keeps the last one)."""


def _mapping_no_duplicates(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, "duplicate key %r (first at line %d)" % (key, seen[key] + 1),
                key_node.start_mark)
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_no_duplicates)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as e:
        sys.exit("%s: %s" % (path, e))


def template_nodes(template):
    """All nodes of the template in order: (id, label, kind or None)."""
    out = []

    def walk(items):
        for it in items or []:
            out.append((it["id"], it.get("label", ""), it.get("kind")))
            walk(it.get("items"))

    for sec in template.get("sections", []):
        out.append((sec["id"], sec.get("label", ""), None))
        walk(sec.get("items"))
    return out


def style_warnings(text, heading):
    warns = []
    lo, hi = HEADING_CHARS if heading else ITEM_CHARS
    n = len(text.replace("\n", ""))
    if n < lo or n > hi:
        warns.append("%d characters (aim for %d-%d)" % (n, lo, hi))
    for mark in ("**", "# ", "`", "- "):
        if any(line.lstrip().startswith(mark) for line in text.split("\n")):
            warns.append("line starts with markup %r" % mark)
    return warns


def main(argv):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    tpath = argv[1] if len(argv) > 1 else os.path.join(root, "templates/zenkomoku.yaml")
    hpath = argv[2] if len(argv) > 2 else os.path.join(root, "templates/zenkomoku.help.yaml")
    template, helps = load(tpath), load(hpath)
    if not isinstance(helps, dict):
        sys.exit("%s: not a mapping from item id to text" % hpath)

    nodes = template_nodes(template)
    known = {nid for nid, _, _ in nodes}
    order = {nid: i for i, (nid, _, _) in enumerate(nodes)}
    kinds = {nid: kind for nid, _, kind in nodes}

    missing = [(nid, label) for nid, label, kind in nodes
               if kind in ANSWERABLE and not str(helps.get(nid) or "").strip()]
    unknown = [k for k in helps if k not in known]
    bare_groups = [(nid, label) for nid, label, kind in nodes
                   if kind is None and nid not in helps]

    for nid, label in missing:
        print("missing help: %s (%s)" % (nid, label))
    for k in unknown:
        print("unknown id in help file: %s" % k)

    for nid, label in bare_groups:
        print("warning: heading without orientation: %s (%s)" % (nid, label))
    last = -1
    for k, text in helps.items():
        if k not in order:
            continue
        if order[k] < last:
            print("warning: %s is out of template order" % k)
        last = max(last, order[k])
        if not isinstance(text, str):
            print("warning: %s: help is not a text" % k)
            continue
        for w in style_warnings(text, kinds[k] is None):
            print("warning: %s: %s" % (k, w))

    answerable = sum(1 for _, _, kind in nodes if kind in ANSWERABLE)
    covered = answerable - len(missing)
    headings = sum(1 for _, _, kind in nodes if kind is None)
    print("answerable items with help: %d of %d; headings with orientation: %d of %d"
          % (covered, answerable, headings - len(bare_groups), headings))
    return 1 if missing or unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
