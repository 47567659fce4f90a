# Comparing versions in the TUI at 80x24: a version, a Japanese answer
# changed in the editor, the comparison opened from the versions menu (the
# changed item by its printed number, the inserted text marked without
# relying on colour), Enter lands on the item in the form, and P appends
# the （別添3）変更箇所 row to the draft, as `pia changes` would.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
$PIA --db t.db version "$id" --label 提出版 --submitted >/dev/null
tui_start 80 24 --db t.db open "$id"
tui_wait '評価書番号'
# Ⅰ 基本情報 → 1. → ① → ②事務の内容: a line added at its end.
pane_select "$TUI_S" '②事務の内容' ']' j j j
tui_keys Enter; tui_wait '7/7 行'
tui_keys Enter; tui_type '④郵送による届出も受け付ける。'
tui_wait_gone '（未保存）' 5; tui_keys Escape; tui_wait 'Enter:編集'
tui_wait_gone '7/7 行'
# The versions menu → 比較する; the defaults are the submitted version and
# the current answers.
tui_keys V; tui_wait '比較する'; tui_keys 3 Enter
tui_wait '比較元（古い方）'; tui_keys Enter
tui_wait '比較先（新しい方）'; tui_keys Enter
tui_wait "比較: $id@1「提出版」 → $id（作業中） ／ 変更 1 件"
tui_wait '～ Ⅰ 1. ②事務の内容'
tui_wait '④郵送による届出も受け付ける。+}'
tui_screen | grep -qF '{+'
# Enter: the form, on that item, in the draft.
pane_select "$TUI_S" '②事務の内容' Enter
tui_wait_gone '比較:'
if tui_screen | grep -qF '［版'; then echo "landed on a version, not the draft"; exit 1; fi
# P: the 別添3 row proposed, shown, then added with 提出時期 事前.
tui_keys V; tui_wait '比較する'; tui_keys 3 Enter
tui_wait '比較元（古い方）'; tui_keys Enter
tui_wait '比較先（新しい方）'; tui_keys Enter
tui_wait '～ Ⅰ 1. ②事務の内容'
tui_keys P; tui_wait '【1】Ⅰ 1. ②事務の内容'
tui_keys Enter; tui_wait '提出時期: 事前'; tui_keys 2 Enter
tui_wait '（別添3）に 1 行を追加しました'
tui_keys q
tui_wait '[exit 0]'
$PIA --db t.db export "$id" --format text > out.txt
grep -A14 '^項目	Ⅰ 1. ②事務の内容' out.txt > row.txt || { cat out.txt; exit 1; }
grep -qF '④郵送による届出も受け付ける。' row.txt
grep -qF '提出時期	[ 事前 ]' row.txt
