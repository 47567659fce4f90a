# The bundled sample round-trips byte-identical through import and export,
# and a second round trip of the export is identical too.
set -eu
S=$ROOT/samples/kasou-jumin.yaml
id=$($PIA --db t.db import "$S")
$PIA --db t.db export "$id" --format yaml -o back.yaml
cmp "$S" back.yaml
id2=$($PIA --db t.db import back.yaml)
test "$id2" != "$id"
$PIA --db t.db export "$id2" --format yaml | cmp "$S" -
# The text export of the sample names both files and shows answers.
$PIA --db t.db export "$id" --format text > sample.txt
grep -q '^（1）' sample.txt
grep -q '^（2）' sample.txt
# Every item of the sample is answered and no rule finds anything.
$PIA --db t.db check "$id" > findings.txt
test ! -s findings.txt
# Ticking file 2's Ⅲ5 提供・移転しない box switches that part off: the sheet
# prints （該当なし） in its place, and check names the answers left in it
# and the 提供 of Ⅱ5 that contradicts the box.
$PIA --db t.db set "$id" risk.provide.none --file 2 1
rc=0; $PIA --db t.db check "$id" > findings.txt || rc=$?
test $rc -eq 1   # findings: exit 1
if grep -q '未回答' findings.txt; then echo "an unanswered item in the sample"; exit 1; fi
test "$(grep -c '該当しない部分に回答が残っています' findings.txt)" -eq 10
grep -q '提供・移転しない が 「チェックあり」 で食い違っています' findings.txt
$PIA --db t.db export "$id" --format text > off.txt
grep -q '^リスク1： 不正な提供・移転が行われるリスク	（該当なし）$' off.txt
