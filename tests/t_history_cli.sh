# The command line of issue 14 parts 3 and 4: `pia log --item` numbers the
# rows of one item as the whole trail does, `pia revert` restores a row's
# text as a new audited change (asking first, --yes in scripts), refuses
# rows that are no answer's or whose instance is gone; the title and
# organisation are the 表紙's 評価書名 and 評価実施機関名 everywhere.
set -eu
p() { $PIA --db t.db "$@"; }
id=$(p new --template zenkomoku --title 税務 --org 架空市長)
# One value each: pia new wrote the 表紙; pia set cover.title changes the list and exports.
p export "$id" --format text | grep -q '^評価書名	税務$'
p set "$id" cover.title '特定個人情報保護評価書（税務）'
p set "$id" cover.org '架空市教育委員会'
p list | grep -q '	特定個人情報保護評価書（税務）	架空市教育委員会$'
p export "$id" --format yaml | grep -q '^title: 特定個人情報保護評価書（税務）'
p export "$id" --format text | grep -q '^評価実施機関名	架空市教育委員会$'
p bundle --out bb "$id" 2>/dev/null
test -f "bb/0_特定個人情報保護評価書（税務）_$id.xlsx"
grep -q '特定個人情報保護評価書（税務）.*架空市教育委員会' bb/index.csv

# Three texts of one item, a removed instance, and other items between.
PIA_USER=alice p set "$id" cover.remarks 'はじめの記載'
PIA_USER=bob p set "$id" cover.remarks '二つ目の記載'
p set "$id" basic.systems.system.name 'システム乙' --inst 1
p set "$id" basic.systems.system.name 'システム甲' --inst 2
p log "$id" --item cover.remarks > item.txt
test "$(wc -l < item.txt)" -eq 2
row=$(grep '	alice	set	cover.remarks	' item.txt | cut -f1)
p log "$id" | grep -q "^$row	.*	alice	set	cover.remarks	 → はじめの記載\$"
# Asks first; without a terminal it needs --yes and changes nothing.
rc=0; p revert "$id" "$row" 2>err.txt || rc=$?
test $rc -eq 2; grep -q "$row 行目.*「はじめの記載」に戻す。確認のため --yes" err.txt
p export "$id" --format text | grep -q '^特記事項	二つ目の記載$'
p revert "$id" "$row" --yes 2>err.txt
grep -q "cover.remarks を $row 行目の記載に戻しました" err.txt
p export "$id" --format text | grep -q '^特記事項	はじめの記載$'
# The restore is two new rows: what it restored from, and the change itself.
p log "$id" --item cover.remarks | tail -2 > tail.txt
grep -q "	revert	cover.remarks	 → $row 行目の記載に戻す\$" tail.txt
grep -q '	set	cover.remarks	二つ目の記載 → はじめの記載$' tail.txt
# The same row again: the text is there already, so nothing is written.
before=$(p log "$id" | wc -l)
p revert "$id" "$row" --yes 2>err.txt
grep -q "cover.remarks は $row 行目の記載と同じです。変更はありません" err.txt
test "$(p log "$id" | wc -l)" -eq "$before"
# Rows that are no answer's, rows that do not exist, instances removed.
rc=0; p revert "$id" 1 --yes 2>err.txt || rc=$?; test $rc -eq 1; grep -q '1 行目（new）は回答の変更ではない' err.txt
rc=0; p revert "$id" 999 --yes 2>err.txt || rc=$?; test $rc -eq 1; grep -q '999 行目はありません' err.txt
rc=0; p revert "$id" x --yes 2>err.txt || rc=$?; test $rc -eq 2
sysrow=$(p log "$id" --item basic.systems.system.name | grep 'システム甲' | cut -f1)
p inst remove "$id" basic.systems.system 2 --yes 2>/dev/null
rc=0; p revert "$id" "$sysrow" --yes 2>err.txt || rc=$?; test $rc -eq 1; grep -q 'システム（2 件目）はもうありません' err.txt
