# `pia search` and `pia template items`: what people type (lgwan, Ⅲ 2,
# ⑨) finds what the form and the answers print, across assessments; the
# item ids listed are the ones `pia set` takes.
set -eu
a=$($PIA --db t.db new --template zenkomoku --title 住民基本台帳に関する事務 --org 架空市長)
b=$($PIA --db t.db new --template zenkomoku --title 地方税の賦課に関する事務 --org 架空市長)
$PIA --db t.db file add "$a" 住民記録ファイル >/dev/null
$PIA --db t.db set "$a" risk.obtain.r1.others --file 1 '窓口の端末はＬＧＷＡＮ回線のみに接続し、入手した届出書は施錠保管する。'
# An id from `template items` is one `pia set` takes.
item=$($PIA template items --section Ⅰ | awk -F'\t' '$4 == "text" { print $1; exit }')
$PIA --db t.db set "$b" "$item" 'eLTAX 経由で LGWAN-ASP の申告データを受け付ける。'

$PIA --db t.db search lgwan > out.txt
test "$(grep -c . out.txt)" = 2
grep -q "^$a	住民基本台帳に関する事務	住民記録ファイル	Ⅲ(1) 2. リスク1 .*	回答: 窓口の端末はＬＧＷＡＮ回線のみ" out.txt
grep -q "^$b	地方税の賦課に関する事務	-	Ⅰ .*	回答: eLTAX 経由で LGWAN-ASP" out.txt
# Full width, case and the IDs given.
test "$($PIA --db t.db search ＥＬＴＡＸ "$a" "$b" | cut -f1)" = "$b"
rc=0; $PIA --db t.db search ｌｇｗａｎ "$b" > out.txt || rc=$?; test $rc = 0
test "$(cut -f1 out.txt)" = "$b"
# A repeated group as the form view shows it, numbered.
$PIA --db t.db search 'システム１' "$a" | grep -q '	Ⅰ 2. システム1	項目名$'
# Printed numbers: Ⅲ 2 リスク1 is the group, 7 リスク1 ⑨ the item, either way typed.
$PIA --db t.db search 'Ⅲ 2 リスク1' "$a" | grep -q '	Ⅲ(1) 2. リスク1： 目的外の入手が行われるリスク	番号$'
$PIA --db t.db search 'III 2 リスク１' "$a" | grep -q '	Ⅲ(1) 2. リスク1： 目的外'
$PIA --db t.db search '7 リスク1 9' "$a" | grep -q '	Ⅲ(1) 7. リスク1 ⑨過去3年以内'
# As printed, with the dot and the file: the dot and (1) are optional, a wrong file is not it.
$PIA --db t.db search 'Ⅲ 7. リスク1 ⑨' "$a" | grep -q '	Ⅲ(1) 7. リスク1 ⑨過去3年以内.*	番号$'
$PIA --db t.db search 'Ⅲ(1) 7. リスク1 ⑨' "$a" | grep -q '	Ⅲ(1) 7. リスク1 ⑨過去3年以内.*	番号$'
$PIA --db t.db search 'Ⅲ（１） ７． リスク１ ⑨' "$a" | grep -q '	Ⅲ(1) 7. リスク1 ⑨過去3年以内.*	番号$'
$PIA --db t.db search 'Ⅲ 2.' "$a" | grep -q '	Ⅲ(1) 2. 特定個人情報の入手.*	番号$'
rc=0; $PIA --db t.db search 'Ⅲ(2) 7. リスク1 ⑨' "$a" >/dev/null 2>&1 || rc=$?; test $rc = 1
# Nothing found: exit 1 and a message; nothing to look for: usage.
rc=0; $PIA --db t.db search 'USBメモリ' 2>err.txt || rc=$?; test $rc = 1; grep -q '「USBメモリ」は見つかりません' err.txt
rc=0; $PIA --db t.db search '　' 2>err.txt || rc=$?; test $rc = 2; grep -q '空白だけ' err.txt
rc=0; $PIA --db t.db search lgwan 99 2>err.txt || rc=$?; test $rc = 1; grep -q 99 err.txt

# template items: id, printed number, label, kind; the section by number.
$PIA template items --section Ⅲ > items.txt
grep -q '^risk.obtain.r1.others	Ⅲ 2. リスク1	対象者以外の情報の入手を防止するための措置の内容	text$' items.txt
grep -q '^risk.keep.r1.incident	Ⅲ 7. リスク1 ⑨	過去3年以内に' items.txt
grep -qv '^risk' items.txt && exit 1
$PIA template items zenkomoku --section iii | cmp - items.txt
$PIA template items | grep -q '^cover.title		評価書名	text$'
# An attachment by the bracket that opens its label.
$PIA template items --section 別添1 | grep -q '^annex1.content	'
rc=0; $PIA template items --section Ⅸ 2>err.txt || rc=$?; test $rc = 2; grep -q 'Ⅸ' err.txt
rc=0; $PIA template items nosuch 2>err.txt || rc=$?; test $rc = 1; grep -q nosuch err.txt
echo ok
