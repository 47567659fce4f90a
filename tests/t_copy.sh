# pia copy: Ⅲ from file 1 to file 2 of one assessment and from a version of
# another; answered items kept without --overwrite (and listed), replaced
# with it; every copy audited with its source; mistakes refused.
set -eu
id=$($PIA --db t.db new --template zenkomoku --title 税務に関する事務 --org 架空市長)
$PIA --db t.db file add "$id" 税情報ファイル >/dev/null
$PIA --db t.db file add "$id" 税宛名情報ファイル >/dev/null
$PIA --db t.db set "$id" risk.obtain.r1.others --file 1 '申告書の様式で対象者以外の記入を防ぐ。'
$PIA --db t.db set "$id" risk.obtain.r1.ok --file 1 十分である
$PIA --db t.db set "$id" risk.entrust.none --file 1 1
$PIA --db t.db set "$id" overview.basic.persons --file 1 1万人未満
$PIA --db t.db set "$id" risk.obtain.r1.ok --file 2 課題が残されている
# Ⅲ only; file 2's own answer is kept and listed.
$PIA --db t.db copy "$id" "$id" --file 1 --to-file 2 --items Ⅲ > out.txt 2>err.txt
grep -qx 'コピーしました: 2 項目（同じ回答 0 項目、回答済みで上書きしない 1 項目）' out.txt
grep -qx '上書きしない	Ⅲ(2) 2. リスク1 リスクへの対策は十分か	現在: 課題が残されている' out.txt
grep -q -- '--overwrite' err.txt
$PIA --db t.db export "$id" --format yaml > y.yaml
test "$(grep -c '申告書の様式で対象者以外の記入を防ぐ。' y.yaml)" -eq 2
test "$(grep -c 'overview.basic.persons' y.yaml)" -eq 1       # Ⅱ was not asked for
$PIA --db t.db log "$id" > log.txt
grep -q "tester	copy	risk.obtain.r1.others	 → コピー元 評価書$id ファイル(1)税情報ファイル" log.txt
grep -q 'tester	set	risk.entrust.none \[file 2, inst 0\]	 → 1' log.txt
# --dry-run writes nothing; --overwrite replaces.
$PIA --db t.db copy "$id" "$id" --to-file 2 --items risk --overwrite --dry-run > out.txt
grep -qx 'コピーする予定: 1 項目（同じ回答 2 項目、回答済みで上書きしない 0 項目）' out.txt
$PIA --db t.db export "$id" --format yaml | grep -q '課題が残されている'
$PIA --db t.db copy "$id" "$id" --to-file 2 --items risk --overwrite > out.txt
grep -qx '上書き	Ⅲ(2) 2. リスク1 リスクへの対策は十分か	現在: 課題が残されている' out.txt
if $PIA --db t.db export "$id" --format yaml | grep -q '課題が残されている'; then exit 1; fi
# From a version of one assessment into another assessment (and its once-answered items).
$PIA --db t.db set "$id" risk.keep.r1.incident 発生なし   # Ⅲ7 リスク1⑨: once per assessment
$PIA --db t.db version "$id" --label 提出版 >/dev/null
$PIA --db t.db set "$id" risk.obtain.r1.others --file 1 '版の後の変更。'
next=$($PIA --db t.db new --template zenkomoku --title 翌年度)
$PIA --db t.db file add "$next" 税情報ファイル >/dev/null
$PIA --db t.db copy "$id@提出版" "$next" --items Ⅲ > out.txt
grep -q '^コピーしました: 4 項目' out.txt
$PIA --db t.db export "$next" --format yaml > n.yaml
grep -q '申告書の様式で対象者以外の記入を防ぐ。' n.yaml
grep -q 'risk.keep.r1.incident: 発生なし' n.yaml
if grep -q '版の後の変更' n.yaml; then exit 1; fi
$PIA --db t.db log "$next" | grep -q "コピー元 評価書$id@1 ファイル(1)税情報ファイル"
# Mistakes: same place, missing file, unknown prefix, a version as target.
rc=0; $PIA --db t.db copy "$id" "$id" 2>err.txt || rc=$?; test $rc -eq 2; grep -q 'コピー元とコピー先が同じです' err.txt
rc=0; $PIA --db t.db copy "$id" "$next" --to-file 3 2>err.txt || rc=$?; test $rc -eq 1; grep -q 'コピー先にファイル 3 はありません' err.txt
rc=0; $PIA --db t.db copy "$id" "$next" --items Ⅸ 2>err.txt || rc=$?; test $rc -eq 2; grep -q -- '--items "Ⅸ" に当たる項目がありません' err.txt
rc=0; $PIA --db t.db copy "$next" "$id@1" 2>err.txt || rc=$?; test $rc -eq 2; grep -q '版 .* は変更できません' err.txt
rc=0; $PIA --db t.db copy "$id" 2>/dev/null || rc=$?; test $rc -eq 2
