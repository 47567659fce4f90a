# The TUI whatever the locale.  Under LANG=C and POSIX (an SSH login from
# Tera Term without LANG, cron, a container) it switches to UTF-8 itself:
# editing 「評価書第一号」 and typing x stores exactly 「評価書第一号x」, and a
# long answer is edited without harm.  A locale in EUC-JP or Shift_JIS
# means a terminal in that encoding: the TUI refuses with a message in that
# encoding saying how to switch Tera Term to UTF-8, and touches nothing.
# A missing, unknown or cursorless TERM gets a message, not a silent exit.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title ロケールの試験)
answer() {   # the stored text of an item
    $PIA --db t.db export "$id" --format yaml | python3 -c '
import sys, yaml
print(yaml.safe_load(sys.stdin)["answers"].get(sys.argv[1], ""), end="")' "$1"
}
long=$(python3 -c 'print(("個人番号の取扱いを点検する。" * 300)[:3000], end="")')
for loc in C POSIX; do
    $PIA --db t.db set "$id" cover.number 評価書第一号
    $PIA --db t.db set "$id" cover.remarks "$long"
    TUI_ENV="LANG=$loc LC_ALL=$loc" tui_start 100 30 --db t.db open "$id"
    tui_wait '評価書第一号'
    tui_keys g j Enter
    tui_wait '6 文字'
    tui_wait '評価書第一号'
    tui_type x
    tui_wait '7 文字'
    tui_wait_gone '（未保存）' 5
    tui_keys Escape
    tui_wait 'Enter:編集'
    test "$(answer cover.number)" = '評価書第一号x' || { echo "$loc: stored '$(answer cover.number)'"; exit 1; }
    # The long answer: opened, typed into at the start, stored whole.
    tui_keys /; tui_wait '検索'; tui_type '特記事項'; tui_keys Enter
    tui_keys Enter
    tui_wait '3000 文字'
    tui_keys PPage PPage PPage Home
    tui_type 前
    tui_wait '3001 文字'
    tui_wait_gone '（未保存）' 5
    tui_keys Escape; tui_wait 'Enter:編集'
    test "$(answer cover.remarks)" = "前$long" || { echo "$loc: long answer changed"; exit 1; }
    tui_keys q
    tui_wait '[exit 0]'
done

# EUC-JP and Shift_JIS terminals: refused in their own encoding.
sum=$(md5sum < t.db)
for loc in ja_JP.eucJP:EUC-JP ja_JP.SJIS:CP932; do
    rc=0
    python3 "$TESTS_DIR/pty_run.py" env LANG=${loc%%:*} LC_ALL=${loc%%:*} TERM=xterm \
        $PIA --db t.db open "$id" > tty.out || rc=$?
    test $rc -eq 1 || { echo "${loc%%:*}: exit $rc"; exit 1; }
    iconv -f "${loc#*:}" -t UTF-8 tty.out > said.txt
    grep -q "この端末の文字コードは ${loc#*:}\|この端末の文字コードは EUC-JP\|この端末の文字コードは Shift_JIS" said.txt
    grep -q 'Tera Term: ［設定］→［端末］で漢字コードの受信・送信を UTF-8' said.txt
    grep -q 'LANG=ja_JP.UTF-8' said.txt
    if grep -q "$(printf '\033')\[?1049h" tty.out; then echo "t_rel_locale.sh:56: found what must not be there" >&2; exit 1; fi     # the screen was never taken
done
test "$(md5sum < t.db)" = "$sum"

# TERM missing, unknown, or a terminal that cannot place the cursor.
TUI_ENV="-u TERM LANG=C.UTF-8" tui_start 100 30 --db t.db
tui_wait '端末の種類（環境変数 TERM）が設定されていません'
tui_wait '[exit 1]'
TUI_ENV="LANG=C.UTF-8 TERM=no-such-terminal" tui_start 100 30 --db t.db
tui_wait 'TERM=no-such-terminal の情報（terminfo）がこの機械にありません'
tui_wait '[exit 1]'
TUI_ENV="LANG=C.UTF-8 TERM=dumb" tui_start 100 30 --db t.db
tui_wait 'カーソルを動かせない'
tui_wait '[exit 1]'
