# The command line as scripts use it: exit codes, new/list/file/set/export.
set -eu
T=$ROOT/templates/zenkomoku.yaml
info() { python3 "$ROOT/tests/form_info.py" "$T" "$@"; }
$PIA --version | grep -q '^pia '
$PIA --help | grep -q 'pia \[--db FILE\] new'
rc=0; $PIA no-such-command 2>err.txt || rc=$?; test $rc -eq 2; grep -q 'no-such-command' err.txt
rc=0; $PIA --db t.db new --title x 2>/dev/null || rc=$?; test $rc -eq 2
rc=0; $PIA --db t.db new --template nosuch --title x 2>err.txt || rc=$?; test $rc -eq 1; grep -q nosuch err.txt

id=$($PIA --db t.db new --template zenkomoku --title '住民基本台帳に関する事務' --org 架空市長)
test "$id" = 1
test "$(stat -c %a t.db)" = 600
$PIA --db t.db list | grep -q "^1	.*	zenkomoku	0	2	住民基本台帳に関する事務	架空市長$"   # 2: the 表紙 title and organisation
test "$($PIA --db t.db file add 1 住民基本台帳ファイル)" = 1
test "$($PIA --db t.db file add 1 本人確認情報ファイル)" = 2
$PIA --db t.db file list 1 | grep -q '^2	本人確認情報ファイル$'

text=$(info field text once)
$PIA --db t.db set 1 "$text" '①窓口で本人確認を行う。②記録を残す。'
printf '一行目\n二行目\n' | $PIA --db t.db set 1 "$text" -
choice=$(info field choice per_file)
second=$(info choices "$choice" | sed -n 2p)
$PIA --db t.db set 1 "$choice" --file 2 2
rc=0; $PIA --db t.db set 1 "$choice" 2 2>err.txt || rc=$?; test $rc -eq 1; grep -q -- '--file' err.txt
rc=0; $PIA --db t.db set 1 "$choice" --file 1 存在しない選択肢 2>err.txt || rc=$?; test $rc -eq 1
grep -q '1) ' err.txt
rc=0; $PIA --db t.db set 1 no.such.item x 2>err.txt || rc=$?; test $rc -eq 1; grep -q no.such.item err.txt
check=$(info field check per_file)
$PIA --db t.db set 1 "$check" --file 1 true
rep=$(info repeated text)
$PIA --db t.db set 1 "$rep" --inst 1 一つ目のシステム
$PIA --db t.db set 1 "$rep" --inst 2 二つ目のシステム

$PIA --db t.db export 1 --format text > out.txt
grep -q '^  一行目$' out.txt
grep -q '^  二行目$' out.txt
grep -q "\[ $second \] <選択肢>" out.txt
grep -q '\[ ○ \] 個人番号' out.txt
grep -q '二つ目のシステム' out.txt
$PIA --db t.db export 1 --format yaml -o out.yaml
test "$(stat -c %a out.yaml)" = 600
grep -q "$rep" out.yaml
ls -A | grep -q '\.tmp-' && exit 1
$PIA --db t.db list | grep -q "^1	.*	2	7	"
# Clearing an answer with an empty value.
$PIA --db t.db set 1 "$rep" --inst 2 ''
$PIA --db t.db export 1 --format yaml | grep -q '二つ目' && exit 1
# The audit trail recorded who changed what.
sqlite3 t.db "select count(*) from audit" | grep -qv '^0$'
echo ok
