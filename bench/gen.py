#!/usr/bin/env python3
"""Deterministic synthetic assessments for benchmarks and bundle tests.

  gen.py N OUTDIR [SEED]

Writes N YAML answer files, each a full assessment derived from the bundled
sample: its own number and title, 2-4 特定個人情報ファイル, and every text
answer lengthened with numbered, assessment-specific sentences (about 40-80 KB
of answers each).  The same N and SEED give the same files.
"""
import copy
import os
import random
import sys
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
def text_ids(nodes):
    for n in nodes:
        if n.get("kind") == "text" and not n.get("auto") and not n.get("short"):
            yield n["id"]
        yield from text_ids(n.get("items", []))
TEXT = set(text_ids(yaml.safe_load(open(os.path.join(ROOT, "templates", "zenkomoku.yaml"), encoding="utf-8"))["sections"]))
sample = yaml.safe_load(open(os.path.join(ROOT, "samples", "kasou-jumin.yaml"), encoding="utf-8"))
PHRASES = ["担当者が記録簿で確認する。", "四半期ごとに点検結果を所属長へ報告する。",
           "委託先にも同じ手順を契約で求める。", "手順書を毎年度見直し、改訂履歴を残す。",
           "端末の利用者を限定し、操作ログを保存する。"]
FILES = ["住民基本台帳ファイル", "本人確認情報ファイル", "宛名管理ファイル", "住民税課税ファイル"]

class NoAlias(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True

def grow(answers, k):
    for key, v in list(answers.items()):
        if key in TEXT and isinstance(v, str) and len(v) > 8:
            extra = "".join(rng.choice(PHRASES) for _ in range(rng.randint(1, 4)))
            answers[key] = f"{v}\n（{k}）{extra}"
        elif isinstance(v, list):
            for inst in v:
                grow(inst, k)

os.makedirs(out, exist_ok=True)
for i in range(1, n + 1):
    d = copy.deepcopy(sample)
    d["title"] = f"事務{i:05d} 全項目評価書"
    d["answers"]["cover.number"] = str(1000 + i)
    d["answers"]["cover.title"] = d["title"]
    grow(d["answers"], i)
    files = []
    for f in range(rng.randint(2, 4)):
        base = copy.deepcopy(sample["files"][f % 2])
        base["name"] = FILES[f]
        grow(base["answers"], i)
        files.append(base)
    d["files"] = files
    with open(os.path.join(out, f"a{i:05d}.yaml"), "w", encoding="utf-8") as fp:
        yaml.dump(d, fp, Dumper=NoAlias, allow_unicode=True, sort_keys=False, width=10**9)
