# Strict arguments.  Every number is read whole and checked against its
# range ("abc", "0", "1x", "4294967297", " 1" are refused with the option
# and the range named, exit 2, nothing written); --inst names an existing
# instance or the next one, never further; option mistakes get Japanese
# messages, never getopt's English; an unknown ID is an error in every
# command; instances are listed, added and removed (with confirmation)
# from the command line.
set -eu
T=$ROOT/templates/zenkomoku.yaml
info() { python3 "$ROOT/tests/form_info.py" "$T" "$@"; }
text=$(info field text once)
choice=$(info field choice once)
rep=$(info repeated text)          # an item inside a repeated group answered once
group=$(sqlite3 -batch :memory: "select 1" >/dev/null; python3 - "$T" "$rep" <<'PY'
import sys, yaml
def walk(nodes, rep=None):
    for n in nodes:
        r = n["id"] if n.get("repeat") else rep
        if n["id"] == sys.argv[2]:
            print(r); sys.exit(0)
        walk(n.get("items", []), r)
walk(yaml.safe_load(open(sys.argv[1]))["sections"])
PY
)
id=$($PIA --db t.db new --template zenkomoku --title 引数の試験)
$PIA --db t.db file add "$id" 住民基本台帳ファイル >/dev/null
$PIA --db t.db set "$id" "$rep" --inst 1 一つ目
snapshot() { sqlite3 t.db 'select * from answer; select * from instance; select * from file; select count(*) from audit' | md5sum; }
before=$(snapshot)
n=0
# usage / refused EXPECTED-WORDS CMD ARGS...: exit 2 (the arguments are
# wrong in themselves) / 1 (wrong for this assessment), that message, no
# English, nothing written.
usage() { expect=2 check_refusal "$@"; }
refused() { expect=1 check_refusal "$@"; }
check_refusal() {
    words=$1; shift
    rc=0; "$@" 2>err.txt >/dev/null || rc=$?
    test $rc -eq "$expect" || { echo "exit $rc: $*"; cat err.txt; exit 1; }
    grep -qF -- "$words" err.txt || { echo "message for $*:"; cat err.txt; exit 1; }
    if grep -qiE 'unrecognized|requires an argument|invalid option|doesn.t allow' err.txt; then echo "t_rel_args.sh:41: found what must not be there" >&2; exit 1; fi
    test "$(snapshot)" = "$before" || { echo "written by: $*"; exit 1; }
    n=$((n + 1))
}
p() { $PIA --db t.db "$@"; }
for bad in abc 0 -1 1x ' 1' +1 4294967297 99999999999999999999 ''; do
    usage "--inst には 1〜" p set "$id" "$rep" --inst "$bad" x
    usage "--file には 1〜" p set "$id" "$text" --file "$bad" x
done
# One past the last instance is the next one; further is refused.
refused '--inst には 1〜2 の整数を指定してください' p set "$id" "$rep" --inst 3 x
refused '--inst には 1〜2' p set "$id" "$rep" --inst 99999 x
test "$(sqlite3 t.db 'select count(*) from instance')" = 1
p set "$id" "$rep" --inst 2 二つ目
before=$(snapshot)
refused '--inst には 1〜3' p set "$id" "$rep" --inst 4 x
usage '--inst には 1〜2' p review comment "$id" "$rep" --inst 3 確認
usage '--jobs には 1〜64' p bundle --out o --all --jobs 0
usage '--jobs には 1〜64' p bundle --out o --all --jobs 100000
usage '--jobs には 1〜64' p bundle --out o --all --jobs 2x
usage '--keep には 1〜' p backup --keep 0
usage '--keep には 1〜' p backup --keep ten
usage 'ファイル番号 には 1〜' p file rename "$id" 1x 新しい名前
usage 'ファイル番号 には 1〜' p file rename "$id" 4294967297 新しい名前
usage 'コメント番号 には 1〜' p review resolve "$id" 1x
for bad in 1x ' 1' +1 0 abc; do
    usage '評価書の ID は 1 以上の整数です' p set "$bad" "$text" x
done
usage '評価書の ID は 1 以上の整数です' p log 1x
usage '評価書の ID は 1 以上の整数です' p inst list 1x "$group"
# Option mistakes, in Japanese.
usage '不明なオプション: --fiel' p set "$id" "$text" --fiel 1 x
usage '--inst には値が必要です' p set "$id" "$text" x --inst
usage '--format には値が必要です' p export "$id" --format
usage '不明なオプション: -q' p export "$id" -q
usage '--all は値を取りません' p bundle --out o --all=yes
usage '--db には値が必要です' $PIA --db
# A choice by number is the whole number only.
rc=0; p set "$id" "$choice" ' 2' 2>err.txt || rc=$?
test $rc -eq 1
grep -qF '選択肢 " 2" はありません' err.txt
test "$(snapshot)" = "$before"
echo "$n refused"

# An unknown ID fails with a message in every command.
for cmd in "set 99 $text x" "file add 99 x" "file list 99" "file rename 99 1 x" \
           "export 99 --format text" "check 99" "log 99" "versions 99" "version 99 --label x" \
           "diff 99" "diff $id 99" "changes 99" "review comment 99 $text x" "review report 99" \
           "review state 99 cover 確認中" "review resolve 99 1" "inst list 99 $group" \
           "inst add 99 $group" "bundle --out o 99"; do
    rc=0
    # shellcheck disable=SC2086
    p $cmd >/dev/null 2>err.txt || rc=$?
    test $rc -eq 1 || { echo "exit $rc: pia $cmd"; cat err.txt; exit 1; }
    grep -q '評価書 99 .*ありません' err.txt || { echo "message for pia $cmd:"; cat err.txt; exit 1; }
done
test "$(snapshot)" = "$before"
# `pia open 99` on a terminal says so and fails, before taking the screen.
rc=0; python3 "$TESTS_DIR/pty_run.py" env TERM=xterm $PIA --db t.db open 99 > tty.out || rc=$?
test $rc -eq 1
grep -q '評価書 99 はありません' tty.out

# Instances from the command line.
test "$(p inst list "$id" "$group" | cut -f1,3)" = "$(printf '1\t一つ目\n2\t二つ目')"
test "$(p inst add "$id" "$group")" = 3
before=$(snapshot)
# Removing asks: without a terminal it needs --yes, and removes nothing.
rc=0; p inst remove "$id" "$group" 1 2>err.txt || rc=$?
test $rc -eq 2
grep -q -- '--yes' err.txt
test "$(p inst list "$id" "$group" | wc -l)" = 3
usage 'の番号 には 1〜3' p inst remove "$id" "$group" 4 --yes
p inst remove "$id" "$group" 1 --yes
test "$(p inst list "$id" "$group" | cut -f1,3)" = "$(printf '1\t二つ目\n2\t')"
p log "$id" | grep -q "inst.remove	$group"
before=$(snapshot)
usage '--file は使えません' p inst list "$id" "$group" --file 1
echo "instances ok"
