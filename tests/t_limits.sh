# Every limit of model/limits.h at its value and one past it, with
# templates generated here: the template check refuses what is past a
# limit with the place and the limit, the store refuses the 65th file,
# the command line says how many --db and words it takes; check boxes
# that switch parts off have no limit (the 65th still switches), nor have
# the items of a cover (the 70th is printed); and long
# Japanese section labels make valid, unique XLSX sheet names.
set -eu
mkdir tpl
gen() {   # gen NAME SECTIONS CHOICES DEPTH BOXES LABEL [PER_FILE]
    python3 - "$@" <<'E'
import sys
name, nsec, nch, depth, boxes, label = sys.argv[1], *map(int, sys.argv[2:6]), sys.argv[6]
per_file = len(sys.argv) > 7
out = [f"form: {name}", "title: 限度の確認", "sections:"]
for s in range(nsec):
    out += [f"  - id: s{s}", f"    label: {label}{s % 3 if s < 3 else ''}", "    items:"]
    if per_file and s % 2:
        out.insert(-1, "    per_file: true")
    if s == 0:
        ch = ", ".join(f"選択肢{i}" for i in range(nch))
        out.append(f"      - {{id: c, label: 選択, kind: choice, help: 説明, choices: [{ch}]}}")
        ind, line = "      ", []
        for d in range(1, depth - 1):   # the section is level 1, the item level DEPTH
            out += [f"{ind}- id: g{d}", f"{ind}  label: 段{d}", f"{ind}  items:"]
            ind += "    "
        out.append(f"{ind}- {{id: deep, label: 最深, kind: text, help: 説明}}")
        for b in range(boxes):
            out.append(f"      - {{id: box{b}, label: 該当なし{b}, kind: check, help: 説明, disables: [part{b}]}}")
            out.append(f"      - {{id: part{b}, label: 部分{b}, kind: text, help: 説明}}")
    else:
        out.append(f"      - {{id: t{s}, label: 記載, kind: text, help: 説明}}")
open(f"tpl/{name}.yaml", "w").write("\n".join(out) + "\n")
E
}
refused() {   # refused FILE TEXT: the check fails naming FILE:LINE:COL and TEXT
    rc=0; $PIA template check "tpl/$1.yaml" >out.txt 2>err.txt || rc=$?
    test $rc -eq 1 || { echo "$1: exit $rc"; cat out.txt err.txt; exit 1; }
    grep -q "tpl/$1.yaml:[0-9]*:[0-9]*: .*$2" err.txt || { cat err.txt; exit 1; }
}
L=基本情報
gen at_limits 64 62 16 65 "$L"
$PIA template check tpl/at_limits.yaml >/dev/null
gen sections 65 2 2 0 "$L";  refused sections 'sections が多すぎます（64 個まで）'
gen choices 2 63 2 0 "$L";   refused choices 'choices が多すぎます（63 個、62 個まで）'
gen depth 2 2 17 0 "$L";     refused depth '入れ子が深すぎます（16 段まで）'

export PIA_TEMPLATE_DIR=$PWD/tpl
id=$($PIA --db t.db new --template at_limits --title 限度)
# The 65th box switches its part off like the first: an answer left there
# is a finding of pia check.
$PIA --db t.db set "$id" box64 1
$PIA --db t.db set "$id" part64 残った回答
rc=0; $PIA --db t.db check "$id" > findings.txt || rc=$?
test $rc -eq 1
grep -q '該当しない部分に回答が残っています' findings.txt || { cat findings.txt; exit 1; }
grep -q '部分64' findings.txt || { cat findings.txt; exit 1; }
# 64 files, not 65.
for i in $(seq 1 64); do $PIA --db t.db file add "$id" "ファイル$i" >/dev/null; done
rc=0; $PIA --db t.db file add "$id" ファイル65 2>err.txt || rc=$?
test $rc -eq 1
grep -q '特定個人情報ファイルは 64 件までです' err.txt
test "$($PIA --db t.db file list "$id" | wc -l)" -eq 64
# 64 --db, not 65; 63 words after the default command, not 64.
args=""; for i in $(seq 1 65); do args="$args --db t.db"; done
rc=0; $PIA bundle --out b $args --all 2>err.txt || rc=$?
test $rc -eq 2
grep -q -- '--db は 64 個までです' err.txt
rc=0; $PIA --db t.db $(seq -f '-x%g' 1 64) 2>err.txt || rc=$?
test $rc -eq 2
grep -q '引数が多すぎます（63 個まで）' err.txt

# Sheet names from long Japanese labels: cut by characters (31 at most),
# never inside one, unique, and libxlsxwriter accepts them; 64 sections of
# one label make 64 distinct sheets.
# (The A puts the old 60-byte cut inside a character.)
long='Aシステムで取り扱う特定個人情報ファイルの名称と記録される項目の一覧表'
gen longnames 64 2 2 0 "$long" per_file
id=$($PIA --db t.db new --template longnames --title 長い名前)
$PIA --db t.db file add "$id" 一つ目 >/dev/null; $PIA --db t.db file add "$id" 二つ目 >/dev/null
$PIA --db t.db export "$id" --format xlsx -o long.xlsx
python3 - long.xlsx "$long" <<'E'
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
names = [s.get("name") for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", ns)]
assert len(names) >= 96, len(names)
assert len(set(n.lower() for n in names)) == len(names), names
for n in names:
    assert 0 < len(n) <= 31, n
    assert not any(c in n for c in "[]:*?/\\"), n
assert sys.argv[2][:28] in names, names
assert sys.argv[2][:20] + "(2)" in names, names   # a per-file copy
E

# A cover of 70 items prints all 70 (it stopped at 64 once, without a word).
python3 - <<'E'
out = ["form: bigcover", "title: 表紙の多い様式", "sections:",
       "  - id: cover", "    label: 表紙", "    layout: cover", "    items:"]
for i in range(70):
    out.append(f"      - {{id: c{i}, label: 表紙項目{i}, kind: text, short: true, help: 説明}}")
out += ["  - id: s1", "    label: 本文", "    items:",
        "      - {id: t1, label: 記載, kind: text, help: 説明}"]
open("tpl/bigcover.yaml", "w").write("\n".join(out) + "\n")
E
$PIA template check tpl/bigcover.yaml >/dev/null
id=$($PIA --db t.db new --template bigcover --title 表紙)
$PIA --db t.db set "$id" c69 七十番目の回答
$PIA --db t.db export "$id" --format xlsx -o cover.xlsx
python3 - cover.xlsx <<'E'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
for want in ("表紙項目69", "七十番目の回答"):
    assert want in text, want
E
