# Nothing cut without a way to read it, at 80x24: the detail pane under the
# form list shows a long Ⅲ item's full number and label (two items the list
# cuts alike are told apart), `i` and the editor show its guidance whole,
# the help screen scrolls to its last entry (End, Home, PgDn), and no wrapped
# line starts with 。 or 、 (detail pane, guidance, editor text); a long
# status message is read whole.
set -eu
. "$TESTS_DIR/tui_lib.sh"
$PIA --db t.db new --template zenkomoku --title 架空市税評価書 --org 架空市長 >/dev/null
$PIA --db t.db file add 1 住民税ファイル >/dev/null
# The guidance of an item, from the template's companion help file.
help_of() {
    awk -v id="$1:" '$1 == id {on=1; next} on && /^[^ ]/ {exit} on {sub(/^  /, ""); print}' \
        "$ROOT/templates/zenkomoku.help.yaml"
}
help_of risk.entrust.provide_out > help.txt
test -s help.txt
# screen_has FILE: every line of FILE is on the screen, wrapped lines
# joined (box borders and the margins stripped).
screen_has() {
    tui_screen > screen.txt
    python3 - "$1" screen.txt <<'PY'
import sys
want = open(sys.argv[1], encoding="utf-8").read().split("\n")
def inner(l):
    a, b = l.find("│"), l.rfind("│")
    return (l[a + 1:b] if b > a else l).strip()
joined = "".join(inner(l) for l in open(sys.argv[2], encoding="utf-8"))
for w in want:
    if w and w not in joined:
        sys.exit("not on the screen: " + w)
PY
}
# no_bad_starts: no line of the screen starts with 。 or 、 (after margins).
no_bad_starts() {
    tui_screen | sed 's/^[ │・]*//' | grep -q '^[。、]' && { echo "a line starts with 。/、"; tui_screen; exit 1; }
    return 0
}
tui_start 80 24 --db t.db open 1
tui_wait 'ファイル 1/1: 住民税ファイル'
# A status message longer than the line wraps above it instead of being cut.
needle='存在しない長い検索語句を入力して見つからないときの知らせが最後まで読めるかを確かめる'
tui_keys /; tui_wait '検索'; tui_type "$needle"; tui_keys Enter
printf '「%s」は見つかりません\n' "$needle" > msg.txt
tui_wait 'は見つかりません'
screen_has msg.txt
tui_keys /; tui_wait '検索'; tui_type '委託先から他者'; tui_keys Enter
# The list cuts the label; the detail pane shows it whole, with its number.
tui_wait 'Ⅲ(1) 4. 委託先から他者への提供に関するルールの内容及びルール遵守の確認方法'
tui_wait '委託先が第三者に特定個人情報を提供しない'
no_bad_starts
tui_keys j
tui_wait 'Ⅲ(1) 4. 委託元と委託先間の提供に関するルールの内容及びルール遵守の確認方法'
tui_wait_gone '委託先から他者への提供に関するルールの内容及び'
tui_keys k
tui_wait 'Ⅲ(1) 4. 委託先から他者への提供に関するルールの内容及びルール遵守の確認方法'
# i: the guidance whole.
tui_keys i; tui_wait '項目の説明（i）'
screen_has help.txt
no_bad_starts
tui_keys Escape; tui_wait_gone '項目の説明（i）'
# The editor: the item's own label first, its guidance whole, newlines kept.
tui_keys Enter; tui_wait '位置: Ⅲ(1) 4.'
tui_screen | head -1 | grep -qF '委託先から他者への提供に関するルールの内容及びルール遵守の確認方法'
screen_has help.txt
tui_screen | grep -q '^ 記載のポイント：'          # a new line of the guidance starts a line
# Typed text wraps without a line starting with 。: 38 full-width
# characters fill the 76 columns, the 39th is 。.
tui_type 'ああああああああああああああああああああああああああああああああああああああ。いいい、'
tui_wait 'いいい、'
no_bad_starts
tui_keys Escape; tui_wait 'i:説明'
# The bottom line names the help key even with the last save shown.
tui_screen | tail -1 | grep -q '?:ヘルプ q:戻る'
# The help screen scrolls: its last entry is below the window until End.
tui_keys '?'; tui_wait 'キー操作（? ヘルプ）'
tui_wait '項目の説明（番号・項目名・記載の手引きの全文）'
tui_screen | grep -q 'PIA_AMBIGUOUS_WIDE' && { echo "help fits one window: nothing to scroll"; exit 1; }
tui_keys End; tui_wait 'PIA_AMBIGUOUS_WIDE=1'
tui_keys Home; tui_wait '↑ / k'; tui_wait_gone 'PIA_AMBIGUOUS_WIDE=1'
# PgDn stops at the last line (more presses than pages: the help also
# lists the editor's and the menus' keys, so its length changes with the table).
tui_keys PageDown PageDown PageDown PageDown PageDown PageDown; tui_wait 'PIA_AMBIGUOUS_WIDE=1'
tui_keys Escape; tui_wait_gone 'キー操作（? ヘルプ）'   # the footer shows behind the help
tui_keys q; tui_wait '[exit 0]'
