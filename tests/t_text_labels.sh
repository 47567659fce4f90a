# The text export of a new, empty assessment lists every label of the
# template, in template order, each at the start of its own line.
set -eu
T=$ROOT/templates/zenkomoku.yaml
id=$($PIA --db t.db new --template zenkomoku --title 空の評価書)
$PIA --db t.db export "$id" --format text > out.txt
python3 "$ROOT/tests/form_info.py" "$T" headings > want.txt
test "$(wc -l < want.txt)" -gt 300
python3 - want.txt out.txt <<'PY'
import sys
want = open(sys.argv[1], encoding="utf-8").read().splitlines()
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
i = 0
for w in want:
    while i < len(lines) and not lines[i].startswith(w):
        i += 1
    if i == len(lines):
        sys.exit(f"label not found in order: {w!r}")
    i += 1
print(f"{len(want)} labels in order")
PY
# An unanswered choice shows its options with an empty selection.
grep -q '^リスクへの対策は十分か	\[　\] <選択肢> 1) 特に力を入れている 2) 十分である 3) 課題が残されている$' out.txt
