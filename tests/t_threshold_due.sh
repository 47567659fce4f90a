# しきい値判断 and due dates on the command line: `pia threshold` for every
# band and both conditions with the boundaries, --fill audited with the
# warning and `pia check` naming both items; `pia reviewed` audited;
# `pia due` soonest first with its reasons and exit codes.
set -eu
th() { $PIA threshold "$@" | sed -n 's/^しきい値判断: //p'; }
NONE='特定個人情報保護評価の実施は義務付けられません（任意に実施できます）'
KISO='基礎項目評価の実施が義務付けられます'
JUTEN='基礎項目評価及び重点項目評価の実施が義務付けられます'
ZEN='基礎項目評価及び全項目評価の実施が義務付けられます'
# persons: plain (499 handlers, no incident), 500 handlers, incident, both.
# Under valgrind these 36 processes would take minutes; test_threshold runs
# the same combinations there in one process.
if [ -z "${PIA_VALGRIND:-}" ]; then
while read -r persons plain many incident; do
    test "$(th --persons "$persons" --handlers 499 --incident no)" = "$(eval echo \$$plain)"
    test "$(th --persons "$persons" --handlers 500 --incident no)" = "$(eval echo \$$many)"
    test "$(th --persons "$persons" --handlers 0 --incident yes)" = "$(eval echo \$$incident)"
    test "$(th --persons "$persons" --handlers 9999 --incident あり)" = "$(eval echo \$$incident)"
done <<'TABLE'
0 NONE NONE NONE
999 NONE NONE NONE
1000 KISO KISO KISO
9999 KISO KISO KISO
10000 KISO JUTEN JUTEN
99999 KISO JUTEN JUTEN
100000 JUTEN ZEN ZEN
299999 JUTEN ZEN ZEN
300000 ZEN ZEN ZEN
TABLE
fi
# The whole answer: required assessments, reason, source.
$PIA threshold --persons 12345 --handlers 600 --incident no > out.txt
grep -qx '必要な評価: 基礎項目評価、重点項目評価' out.txt
grep -qx '理由: 対象人数 12,345人は「1万人以上10万人未満」の区分に当たり、取扱者数 600人が500人以上です。' out.txt
grep -qx '根拠: 特定個人情報保護評価指針 第5の2' out.txt
$PIA threshold --persons 500 | grep -qx '必要な評価: なし'
# Where the conditions decide, they must be given; numbers are strict.
rc=0; $PIA threshold --persons 50000 2>err.txt || rc=$?; test $rc -eq 2; grep -q -- '--handlers と --incident' err.txt
rc=0; $PIA threshold --persons 1,000 2>err.txt || rc=$?; test $rc -eq 2; grep -q -- '--persons には 0〜' err.txt
rc=0; $PIA threshold --persons 10 --handlers -1 2>err.txt || rc=$?; test $rc -eq 2; grep -q -- '--handlers には' err.txt
rc=0; $PIA threshold --persons 10 --incident maybe 2>err.txt || rc=$?; test $rc -eq 2; grep -q -- '--incident には yes か no' err.txt
rc=0; $PIA threshold 2>/dev/null || rc=$?; test $rc -eq 2
# A broken table is refused where it is broken.
printf 'source: s\nhandlers_at_least: 500\nbands: 1\n' > bad.yaml
rc=0; $PIA threshold --persons 1 --table bad.yaml 2>err.txt || rc=$?; test $rc -eq 1; grep -q 'bad.yaml:1:1: results と bands が必要です' err.txt

# --fill: Ⅵ1② through the store (audited), a warning on Ⅰ1③.
id=$($PIA --db t.db new --template zenkomoku --title 税務に関する事務 --org 架空市長)
$PIA --db t.db threshold --persons 150000 --handlers 10 --incident no --fill "$id" >out.txt 2>err.txt
grep -q "評価書 $id のしきい値判断結果に記入しました" out.txt
grep -q '注意: Ⅰ 1. ③対象人数 は未回答です（対象人数 150,000人なら「10万人以上30万人未満」）' err.txt
$PIA --db t.db export "$id" --format yaml | grep -q '基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）'
$PIA --db t.db log "$id" | grep -q 'tester	set	procedure.basic.threshold'
# Ⅰ1③ says otherwise: --fill warns, pia check names both items.
$PIA --db t.db set "$id" basic.affairs.persons 30万人以上
$PIA --db t.db threshold --persons 150000 --handlers 10 --incident no --fill "$id" >/dev/null 2>err.txt
grep -q '「30万人以上」は、対象人数 150,000人の区分「10万人以上30万人未満」と一致しません' err.txt
rc=0; $PIA --db t.db check "$id" >out.txt || rc=$?; test $rc -eq 1
grep -q '^Ⅵ 1. ②しきい値判断結果	判断「基礎項目評価＋重点項目評価」は Ⅰ 1. ③対象人数「30万人以上」と合いません' out.txt
$PIA --db t.db set "$id" basic.affairs.persons 10万人以上30万人未満
$PIA --db t.db check "$id" | grep -q 'しきい値判断結果	判断' && exit 1
rc=0; $PIA --db t.db threshold --persons 5 --fill 99 2>err.txt >/dev/null || rc=$?; test $rc -eq 1; grep -q '評価書 99 はありません' err.txt
rc=0; $PIA --db none.db threshold --persons 5 --fill 1 2>/dev/null >/dev/null || rc=$?; test $rc -eq 1; test ! -e none.db

# Due dates: four assessments, reviews recorded in 和暦 and ISO.
a=$($PIA --db d.db new --template zenkomoku --title 住民基本台帳 --org 架空市長)
b=$($PIA --db d.db new --template zenkomoku --title 地方税 --org 架空市長)
c=$($PIA --db d.db new --template zenkomoku --title 下書き --org 架空市長)
e=$($PIA --db d.db new --template zenkomoku --title 誤記 --org 架空市長)
$PIA --db d.db set "$a" cover.published 令和3年2月16日
$PIA --db d.db set "$b" cover.published ２０２４－０６－０１
$PIA --db d.db set "$e" cover.published 平成32年1月1日
rc=0; $PIA --db d.db due --today 令和8年3月1日 >out.txt 2>err.txt || rc=$?; test $rc -eq 1
cat out.txt
test "$(cut -f1,3,4 out.txt | tr '\t' ' ')" = "2022-02-16 $a 年次の見直し（努力義務）
2025-06-01 $b 年次の見直し（努力義務）
2026-02-16 $a 再評価（努力義務）"
grep -q "^2026-02-16	令和8年2月16日	$a	再評価（努力義務）	公表日 令和3年2月16日から5年。期限を13日過ぎています	住民基本台帳$" out.txt
grep -q "評価書 $e「誤記」: 公表日「平成32年1月1日」は日付として読めません: 平成は31年4月30日" err.txt
# pia reviewed: audited, and the next review counts from it.
$PIA --db d.db reviewed "$a" --date 令和８年２月１日 --note 課内で確認 | grep -q '令和8年2月1日'
$PIA --db d.db reviewed "$b" --date 2025-05-30
$PIA --db d.db log "$a" | grep -q 'tester	reviewed		 → 2026-02-01（課内で確認）'
$PIA --db d.db log "$b" | grep -q 'tester	reviewed		 → 2025-05-30'
rc=0; $PIA --db d.db due --today 2026-03-01 >out.txt || rc=$?; test $rc -eq 1
test "$(cut -f3,4 out.txt | tr '\t' ' ')" = "$a 再評価（努力義務）"
$PIA --db d.db due --today 2026-03-01 --within 90 | cut -f1,3,5 > out.txt
test "$(sed -n 2p out.txt)" = "2026-05-30	$b	前回の見直し 令和7年5月30日から1年。期限まであと90日です"
rc=0; $PIA --db d.db due --today 2026-03-01 --all >out.txt 2>/dev/null || rc=$?; test $rc -eq 1
test "$(wc -l < out.txt)" -eq 8
tail -4 out.txt | cut -f3 | tr '\n' ' ' | grep -qx "$c $c $e $e "
grep -q "	$c	再評価（努力義務）	公表日が未記入です（公表前）	下書き$" out.txt
# Nothing due: exit 0.
$PIA --db d.db set "$e" cover.published 令和7年10月1日
$PIA --db d.db reviewed "$a" --date 2026-02-20
rc=0; $PIA --db d.db due --today 2026-02-10 >out.txt 2>err.txt || rc=$?; test $rc -eq 0
test ! -s out.txt; grep -q '期限が来ているものはありません' err.txt
# Refused: a day that is not, a day after today, an assessment that is not there.
rc=0; $PIA --db d.db reviewed "$a" --date 令和元年4月30日 2>err.txt || rc=$?; test $rc -eq 2
grep -q '令和は元年5月1日（2019-05-01）からです' err.txt
rc=0; $PIA --db d.db reviewed "$a" --date 2999-01-01 2>err.txt || rc=$?; test $rc -eq 1; grep -q 'より後です' err.txt
rc=0; $PIA --db d.db reviewed 99 2>err.txt || rc=$?; test $rc -eq 1; grep -q '評価書 99 はありません' err.txt
rc=0; $PIA --db d.db due --today 平成32年1月1日 2>err.txt || rc=$?; test $rc -eq 2
test "$(sqlite3 d.db 'select count(*) from yearly_review')" = 3
echo ok
