# The text export of a new, empty assessment lists every label of the
# template, in template order: headings and items at the start of their
# own line, check boxes inline after "[ ] " on their group's line.
set -eu
T=$ROOT/templates/zenkomoku.yaml
id=$($PIA --db t.db new --template zenkomoku --title 空の評価書)
$PIA --db t.db export "$id" --format text > out.txt
python3 "$ROOT/tests/form_info.py" "$T" headings > want.txt
test "$(wc -l < want.txt)" -gt 300
python3 - want.txt out.txt <<'PY'
import sys
want = open(sys.argv[1], encoding="utf-8").read().splitlines()
text = open(sys.argv[2], encoding="utf-8").read()
pos = 0
for w in want:
    # A label starts a line (headings, items, captions indented under their
    # group) or follows a box's brackets on its group's line.
    starts = ("\n" + w, "\n  " + w) if not w.startswith("[ ] ") else (w,)
    found = [i for i in (text.find(s, pos) for s in starts) if i >= 0]
    if not found:
        sys.exit(f"label not found in order: {w!r}")
    pos = min(found) + 1
print(f"{len(want)} labels in order")
PY
# The cover ends with the edition stamp, as the sheet prints it.
grep -A1 '^公表日' out.txt | tail -1 | grep -qx '\[平成30年5月 様式4\]'
# An unanswered choice shows its options with an empty selection.
grep -q '^リスクへの対策は十分か	\[ \] <選択肢> 1) 特に力を入れている 2) 十分である 3) 課題が残されている$' out.txt
# Check boxes print inline, several on their group's line.
grep -q '^提供・移転の有無	\[ \] 提供を行っている（ ）件  \[ \] 移転を行っている（ ）件  \[ \] 行っていない$' out.txt
# A tab typed in an answer never adds a column: one tab per line at most.
$PIA --db t.db set "$id" basic.affairs.name "$(printf '住民\t基本台帳')"
$PIA --db t.db export "$id" --format text > tab.txt
grep -q '^①事務の名称	住民    基本台帳$' tab.txt
test "$(awk -F'\t' 'NF > 2' tab.txt | wc -l)" -eq 0
