# A malformed answers file is rejected with FILE:LINE:COLUMN and the cause,
# and nothing at all is imported.
set -eu
T=$ROOT/templates/zenkomoku.yaml
info() { python3 "$ROOT/tests/form_info.py" "$T" "$@"; }
text=$(info field text once)
choice=$(info field choice once)
pf=$(info field text per_file)
expect_reject() {   # FILE EXPECTED-POSITION EXPECTED-WORDS
    rc=0
    $PIA --db t.db import "$1" 2>err.txt >/dev/null || rc=$?
    test $rc -eq 1 || { echo "exit $rc for $1"; exit 1; }
    grep -q "^pia: $1:$2: .*$3" err.txt || { echo "unexpected message for $1:"; cat err.txt; exit 1; }
}
cat > unknown.yaml <<Y
pia: 1
template: zenkomoku
title: 試験
answers:
  $text: 記載
  no.such.item: x
Y
expect_reject unknown.yaml 6:3 '不明な項目 id "no.such.item"'
cat > choice.yaml <<Y
pia: 1
template: zenkomoku
title: 試験
answers:
  $choice: たぶん十分
Y
expect_reject choice.yaml 5:$(( ${#choice} + 5 )) '選択肢 "たぶん十分" はありません'
printf 'pia: 1\ntemplate: zenkomoku\ntitle: [unclosed\n' > syntax.yaml
expect_reject syntax.yaml 4:1 'YAML の構文エラー'
cat > alias.yaml <<Y
pia: 1
template: zenkomoku
title: &t 試験
organisation: *t
Y
expect_reject alias.yaml 3:8 'アンカー・エイリアス'
cat > scope.yaml <<Y
pia: 1
template: zenkomoku
title: 試験
answers:
  $pf: ファイルごとの項目を最上位に
Y
expect_reject scope.yaml 5:3 'files の下に書きます'
cat > late.yaml <<Y
pia: 1
template: zenkomoku
title: 試験
files:
- name: 一つ目
  answers:
    $pf: 正しい
- name: 二つ目
  answers:
    $pf: 正しい
    $text: 最上位の項目をファイルの下に
Y
expect_reject late.yaml 11:5 '最上位の answers に書きます'
printf 'pia: 1\ntemplate: nosuch\ntitle: x\n' > tmpl.yaml
rc=0; $PIA --db t.db import tmpl.yaml 2>err.txt || rc=$?; test $rc -eq 1; grep -q 'tmpl.yaml:2:11: .*nosuch' err.txt
# Nothing was half-imported by any of the above.
test -z "$($PIA --db t.db list)"
