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
if grep -q '\[　\] <選択肢>' sample.txt; then echo "an unanswered choice in the sample"; exit 1; fi
