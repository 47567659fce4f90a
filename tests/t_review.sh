# Versions, diff, 別添3 rows and review comments through the command line,
# on the small form tests/fixtures/review/mini.yaml.
set -eu
export PIA_TEMPLATE_DIR="$ROOT/tests/fixtures/review"
export NO_COLOR=1
p() { $PIA --db t.db "$@"; }

test "$(p new --template mini --title 住民基本台帳に関する事務 --org 架空市長)" = 1
p file add 1 住民基本台帳ファイル >/dev/null
p set 1 basic.affairs.name 住民基本台帳に関する事務
p set 1 basic.affairs.content '住民記録システムで届出を処理する。'
p set 1 basic.systems.system.name --inst 1 住民記録システム
p set 1 risk.obtain.r1.others --file 1 "$(printf '窓口で本人確認を行う。\n届出書の記載内容を確認する。\n不要な情報は入手しない。')"
p set 1 risk.obtain.r1.ok --file 1 十分である

# Versions: numbered, labelled, listed; bad labels refused.
test "$(p version 1 --label 提出版 --submitted)" = 1
rc=0; p version 1 --label 提出版 2>err.txt || rc=$?; test $rc -ne 0; grep -q 使用済み err.txt
rc=0; p version 1 --label 123 2>err.txt || rc=$?; test $rc -eq 2
rc=0; p version 1 2>/dev/null || rc=$?; test $rc -eq 2
p versions 1 | grep -q "^1	提出版	.*	tester	提出	5$"

# Edit the draft: an inserted phrase, a deleted line, a changed choice,
# an added file, an added system.
p set 1 basic.affairs.content '住民記録システム及び宛名システムで届出を処理する。'
p set 1 risk.obtain.r1.others --file 1 "$(printf '窓口で本人確認を行う。\n不要な情報は入手しない。')"
p set 1 risk.obtain.r1.ok --file 1 課題が残されている
p file add 1 住民税ファイル >/dev/null
p set 1 overview.use.purpose --file 2 課税のため
p set 1 basic.systems.system.name --inst 2 宛名システム

# Snapshot immutability: the version still has the old answers, and the
# database itself refuses to change it.
p diff 1@1 1@提出版 | grep -q '^変更 0 件$'
if sqlite3 t.db "update version_answer set value = 'x'" 2>/dev/null; then exit 1; fi
if sqlite3 t.db "insert into version_answer values (1, 1, 0, 0, 'basic.affairs.name', 'x', '', null, null)" 2>/dev/null; then exit 1; fi
if sqlite3 t.db "update version set label = 'x'" 2>/dev/null; then exit 1; fi
p diff 1@1 1@提出版 | grep -q '^変更 0 件$'

# The diff of the known pair, without colour (a pipe): markers.
p diff 1@提出版 > diff.txt
cat > want.txt <<'TXT'
比較: 1@1「提出版」 → 1（作業中）
変更 7 件

Ⅰ 基本情報
～ Ⅰ 1. ②事務の内容
    住民記録システム{+及び宛名システム+}で届出を処理する。
＋ Ⅰ 2. システム2 の追加
  ＋ Ⅰ 2. システム2 ①システムの名称
      {+宛名システム+}

Ⅱ 特定個人情報ファイルの概要
＋ 特定個人情報ファイルの追加: 住民税ファイル
  ＋ Ⅱ 3. ⑥使用目的　（住民税ファイル）
      {+課税のため+}

Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策
～ Ⅲ 2. リスク1 対象者以外の情報の入手を防止するための措置の内容　（住民基本台帳ファイル）
    窓口で本人確認を行う。
    [-届出書の記載内容を確認する。
    -]不要な情報は入手しない。
～ Ⅲ 2. リスク1 リスクへの対策は十分か　（住民基本台帳ファイル）
    [-十分である-]{+課題が残されている+}
TXT
diff -u want.txt diff.txt
# Unchanged answers only with --all (never empty items); two explicit
# sides; XLSX written.
p diff 1@1 1 --all | grep -q '①事務の名称'
p diff 1@1 1 | grep -q '①事務の名称' && exit 1
p diff 1@1 1 --all | grep -q '③対象人数' && exit 1
p diff 1@1 1 --format xlsx -o diff.xlsx
unzip -p diff.xlsx xl/sharedStrings.xml | grep -q '<strike/>'
# The heading row is tall enough for 特定個人情報ファイル to wrap in it.
unzip -p diff.xlsx xl/worksheets/sheet1.xml | grep -q '<row r="3"[^>]*customHeight="1"'
rc=0; p diff 1@9 2>err.txt || rc=$?; test $rc -eq 1; grep -q '版「9」' err.txt
rc=0; p diff 1@ 2>/dev/null || rc=$?; test $rc -eq 2

# 別添3: rows for the known change, appended to the draft's table.
p changes 1 --dry-run --date 2025-04-01 > rows.txt
grep -q '^令和7年4月1日	Ⅲ（住民基本台帳ファイル） 2. リスク1 リスクへの対策は十分か	十分である	課題が残されている		$' rows.txt
grep -q '^令和7年4月1日	Ⅱ（住民税ファイル）	（なし）	特定個人情報ファイル「住民税ファイル」を追加		$' rows.txt
grep -q '^令和7年4月1日	Ⅰ 2. システム2	（なし）	①システムの名称： 宛名システム		$' rows.txt
test "$(wc -l < rows.txt)" = 5
test "$(p changes 1 --date 2025-04-01 --timing 事後)" = 5
p export 1 --format text > sheet.txt
grep -q '課題が残されている' sheet.txt
grep -q '^提出時期	\[ 事後 \]' sheet.txt
# Rows are answers: staff edit the judgement; running again lists only
# real changes (the 別添3 table itself is never a change).
p set 1 changes.row.reason --inst 1 '評価書の再実施前のため'
test "$(p changes 1 --dry-run 2>err.txt | wc -l)" = 5
# Proposed again, the rows already appended are said to be there.
grep -qF 'このうち 5 行は同じ項目・変更後の記載で（別添3）に既にあります' err.txt
rc=0; p changes 1 --timing 随時 2>err.txt || rc=$?; test $rc -eq 1; grep -q 随時 err.txt

# Review: comments round trip, resolve, states, report.
test "$(p review comment 1 risk.obtain.r1.ok '課題の内容を具体的に書いてください' --file 1)" = 1
echo '事務の内容に宛名システムの役割を追記' | p review comment 1 basic.affairs.content - >/dev/null
rc=0; p review comment 1 risk.obtain.r1.ok 'x' 2>err.txt || rc=$?; test $rc -eq 2; grep -q -- '--file' err.txt
rc=0; p review comment 1 no.such 'x' 2>/dev/null || rc=$?; test $rc -eq 2
p review resolve 1 2
p review state 1 Ⅲ 要修正 --note 'リスク1の措置が不足'
p review state 1 basic approved
rc=0; p review state 1 Ⅲ 保留 2>/dev/null || rc=$?; test $rc -eq 2
p review report 1 > report.txt
grep -q '^Ⅲ 特定個人情報ファイルの取扱いプロセスにおけるリスク対策	要修正	tester .*	リスク1の措置が不足$' report.txt
grep -q '^Ⅰ 基本情報	確認済' report.txt
# Times as staff read them: local, to the minute (stored in UTC).
TZ=UTC0 p review report 1 | grep '^Ⅲ' | cut -f3 > utc.txt
TZ=JST-9 p review report 1 | grep '^Ⅲ' | cut -f3 > jst.txt
grep -q '^tester [0-9-]\{10\} [0-9][0-9]:[0-9][0-9]$' jst.txt
if cmp -s utc.txt jst.txt; then echo "t_review.sh:113: found what must not be there" >&2; exit 1; fi
grep -q '^■ コメント（未解決 1 件 / 全 2 件）$' report.txt
grep -q '^#1 \[未解決\] Ⅲ 2. リスク1 リスクへの対策は十分か（住民基本台帳ファイル）$' report.txt
grep -q '^#2 \[解決済\] Ⅰ 1. ②事務の内容$' report.txt
grep -q '^    事務の内容に宛名システムの役割を追記$' report.txt
# The comment order follows the form (Ⅰ before Ⅲ).
test "$(grep -n '^#2' report.txt | cut -d: -f1)" -lt "$(grep -n '^#1' report.txt | cut -d: -f1)"
p review report 1 --format xlsx -o report.xlsx
unzip -p report.xlsx xl/sharedStrings.xml | grep -q '課題の内容を具体的に'
# Never in the statutory sheet.
p export 1 --format text | grep -q '課題の内容を具体的に' && exit 1
p export 1 --format yaml | grep -q '課題の内容を具体的に' && exit 1
# A line break alone inserted shows in colour too (a styled ↵), not as an
# empty coloured span.
p set 1 basic.affairs.name "$(printf '住民基本台帳に\n関する事務')"
# (Into a file: grep -q would leave at the first match and end pia by SIGPIPE.)
p diff 1@1 --color always > colour.out
grep -qF "$(printf '\033[32;4m↵')" colour.out
echo ok
