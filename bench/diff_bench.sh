# Benchmark: comparison of two versions of the full sample assessment.
# Imports samples/kasou-jumin.yaml, freezes it as version 1, then builds a
# heavily edited copy (every text answer changed: a phrase inserted in the
# middle, the first sentence deleted, a line appended; every choice moved
# to another option; one file and one system added) and compares the two,
# as text and as XLSX, several times.  Prints the median wall time.
set -eu
: "${PIA:?PIA must name the pia binary}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SAMPLE=${SAMPLE:-$ROOT/samples/kasou-jumin.yaml}
export PIA_TEMPLATE_DIR=${PIA_TEMPLATE_DIR:-$ROOT/templates}
export PIA_USER=bench NO_COLOR=1
RUNS=${RUNS:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/pia-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
what="the sample $(basename "$SAMPLE")"
if [ ! -f "$SAMPLE" ]; then
    # Until the sample lands: a synthetic assessment of the same order of
    # size on the small test form (10 systems, 4 files, long answers).
    what="a synthetic assessment (no $SAMPLE)"
    export PIA_TEMPLATE_DIR="$ROOT/tests/fixtures/review"
    SAMPLE=$work/synthetic.yaml
    python3 - "$SAMPLE" <<'PY'
import sys, yaml
long = "".join(f"第{i}項 窓口で本人確認を行い、届出書の記載内容を住民記録システムと照合する。\n" for i in range(150))
doc = {"pia": 1, "template": "mini", "title": "住民基本台帳に関する事務", "organisation": "架空市長",
  "answers": {"basic.affairs.name": "住民基本台帳に関する事務", "basic.affairs.content": long,
              "basic.affairs.persons": "10万人以上30万人未満",
              "basic.systems.system": [{"basic.systems.system.name": f"システム{i}",
                                        "basic.systems.system.func": long[:800]} for i in range(10)]},
  "files": [{"name": f"ファイル{k}", "answers": {"overview.use.purpose": long, "risk.obtain.r1.others": long,
             "risk.obtain.r1.ok": "十分である", "overview.use.source.self": True}} for k in range(4)]}
yaml.safe_dump(doc, open(sys.argv[1], "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
PY
fi

python3 - "$SAMPLE" edited.yaml "$PIA_TEMPLATE_DIR" <<'PY'
import sys, yaml
src, dst, tdir = sys.argv[1:4]
doc = yaml.safe_load(open(src, encoding="utf-8"))
form = yaml.safe_load(open(f"{tdir}/{doc['template']}.yaml", encoding="utf-8"))
choices = {}
def walk(nodes):
    for n in nodes:
        if n.get("kind") == "choice":
            choices[n["id"]] = n["choices"]
        walk(n.get("items", []))
walk(form["sections"])
def edit(v, key):
    if isinstance(v, bool):
        return v
    if isinstance(v, dict):
        return v
    if isinstance(v, list):
        return [{k: edit(x, k) for k, x in inst.items()} for inst in v] + \
               ([{k: edit(x, k) for k, x in v[0].items()}] if v else [])
    s = str(v)
    if key in choices:
        opts = choices[key]
        return opts[(opts.index(s) + 1) % len(opts)] if s in opts else opts[0]
    mid = len(s) // 2
    s = s[:mid] + "（令和7年度の見直しにより追記）" + s[mid:]
    if "。" in s[:-1]:
        s = s[s.index("。") + 1:]
    return s + "\n以上の措置を年1回点検する。"
def edit_answers(a):
    return {k: edit(v, k) for k, v in a.items()}
doc["answers"] = edit_answers(doc.get("answers", {}))
for f in doc.get("files", []):
    f["answers"] = edit_answers(f.get("answers", {}))
if doc.get("files"):
    extra = dict(doc["files"][0]); extra["name"] = extra["name"] + "（副本）"
    doc["files"].append(extra)
class Plain(yaml.SafeDumper):      # pia refuses anchors and aliases
    def ignore_aliases(self, data):
        return True
yaml.dump(doc, open(dst, "w", encoding="utf-8"), Dumper=Plain, allow_unicode=True, sort_keys=False)
PY

a=$("$PIA" --db b.db import "$SAMPLE")
"$PIA" --db b.db version "$a" --label 提出版 --submitted >/dev/null
b=$("$PIA" --db b.db import edited.yaml)
"$PIA" --db b.db version "$b" --label 改訂案 >/dev/null
chars=$(python3 -c "import sys; print(len(open(sys.argv[1], encoding='utf-8').read()))" "$SAMPLE")

time_it() {   # median of RUNS runs of "$@", in seconds
    for i in $(seq "$RUNS"); do
        s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
        echo "$e - $s" | bc -l
    done | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] }'
}
"$PIA" --db b.db diff "$a@1" "$b@1" > diff.txt
changes=$(sed -n 2p diff.txt)
t_text=$(time_it "$PIA" --db b.db diff "$a@1" "$b@1")
t_xlsx=$(time_it "$PIA" --db b.db diff "$a@1" "$b@1" --format xlsx -o d.xlsx)
t_same=$(time_it "$PIA" --db b.db diff "$a@1" "$a")
t_rows=$(time_it "$PIA" --db b.db changes "$b" --from "$a@1" --dry-run)
echo "diff bench: ${what}, ${chars} characters of YAML; ${changes}"
echo "  diff text (heavily edited, every answer changed):  ${t_text} s (median of $RUNS)"
echo "  diff xlsx (same pair):                             ${t_xlsx} s"
echo "  diff text (identical: version vs draft):           ${t_same} s"
echo "  changes --dry-run (別添3 rows for the pair):        ${t_rows} s"
