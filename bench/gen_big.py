#!/usr/bin/env python3
"""One big synthetic assessment, for the big-assessment benchmark.

  gen_big.py OUT.yaml [FILES PROVIDE MOVE ENTRUST SYSTEMS]

Defaults: 4 特定個人情報ファイル, and in EACH file 300 提供先, 50 移転先 and
30 委託事項; 20 システム (answered once per assessment).  Every instance
is a copy of the bundled sample's first one with its own name and a
numbered sentence added to each text, so no two instances are equal.  The
result is deterministic (no randomness) and imports with `pia import`.
"""
import copy
import os
import sys
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1]
nfiles, nprov, nmove, nent, nsys = (int(x) for x in (sys.argv[2:7] + ["4", "300", "50", "30", "20"][len(sys.argv[2:7]):]))
sample = yaml.safe_load(open(os.path.join(ROOT, "samples", "kasou-jumin.yaml"), encoding="utf-8"))
def text_ids(nodes):
    for n in nodes:
        if n.get("kind") == "text" and not n.get("auto"):
            yield n["id"]
        yield from text_ids(n.get("items", []))


TEXT = set(text_ids(yaml.safe_load(open(os.path.join(ROOT, "templates", "zenkomoku.yaml"), encoding="utf-8"))["sections"]))
FILES = ["住民基本台帳ファイル", "本人確認情報ファイル", "宛名管理ファイル", "住民税課税ファイル",
         "国民健康保険ファイル", "介護保険ファイル", "児童手当ファイル", "生活保護ファイル"]


class NoAlias(yaml.SafeDumper):     # pia refuses anchors and aliases
    def ignore_aliases(self, data):
        return True


def numbered(inst, k, name_key, name):
    """A copy of `inst` with its name replaced and every other text numbered."""
    d = copy.deepcopy(inst)
    for key, v in d.items():
        if key == name_key:
            d[key] = name
        elif key in TEXT and isinstance(v, str) and len(v) > 8:
            d[key] = f"{v}（{k}件目: {name}について年1回点検する。）"
    return d


def repeated(src, key, n, name_key, label):
    base = src[key][0]
    return [numbered(base, k, name_key, f"{label}{k:03d}") for k in range(1, n + 1)]


doc = copy.deepcopy(sample)
doc["title"] = "大規模評価書（ベンチマーク用） 全項目評価書"
doc["answers"]["cover.title"] = doc["title"]
doc["answers"]["basic.systems.system"] = repeated(
    sample["answers"], "basic.systems.system", nsys, "basic.systems.system.name", "架空業務システム")
files = []
for f in range(nfiles):
    a = copy.deepcopy(sample["files"][0]["answers"])
    a["overview.provide.to"] = repeated(a, "overview.provide.to", nprov, "overview.provide.to.name", "架空提供先")
    a["overview.provide.move"] = repeated(a, "overview.provide.move", nmove, "overview.provide.move.name", "架空移転先")
    a["overview.entrust.item"] = repeated(a, "overview.entrust.item", nent, "overview.entrust.item.title", "架空委託事項")
    a["overview.provide.done.provide"] = {"value": True, "detail": str(nprov)}
    a["overview.provide.done.transfer"] = {"value": True, "detail": str(nmove)}
    a["overview.entrust.done"] = {"value": "委託する", "detail": str(nent)}
    files.append({"name": FILES[f % len(FILES)] + ("" if f < len(FILES) else str(f)), "answers": a})
doc["files"] = files
with open(out, "w", encoding="utf-8") as fp:
    yaml.dump(doc, fp, Dumper=NoAlias, allow_unicode=True, sort_keys=False, width=10**9)
