# Pasting is text, never keys.  A paste in the form on a check box, or in
# the list, runs nothing (no toggle, no log, no duplicate, no delete) and
# says why; on a text item it opens the editor with the text added.  Both
# when the terminal marks the paste (bracketed paste) and when it does not
# (a burst of text arriving at once).  A confirmation is not answered by a
# paste.  A one-line prompt takes a 20,000-character paste at once.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title 貼り付けの試験)
$PIA --db t.db set "$id" cover.remarks 特になし
answer() {
    $PIA --db t.db export "$id" --format yaml | python3 -c '
import sys, yaml
print(yaml.safe_load(sys.stdin)["answers"].get(sys.argv[1], ""), end="")' "$1"
}
snapshot() { sqlite3 t.db 'select * from answer; select id, title from assessment; select count(*) from audit' | md5sum; }
tui_start 100 30 --db t.db open "$id"
tui_wait '評価書番号'
tui_keys /; tui_wait '検索'; tui_type '庁内連携システム'; tui_keys Enter
tui_wait '[ ] 庁内連携システム'
before=$(snapshot)
n=0
# On a check box: a marked paste, a burst with Japanese, a burst of ASCII.
# (The message is waited for once; it stays 8 s, so later pastes are
# judged by what did not happen.)
for how in tui_paste_marked tui_paste; do
    for text in ' eL DX 委託しない' 'see eL, then X or D: page 3'; do
        $how "$text"
        [ $n -eq 0 ] && tui_wait 'ここには貼り付けられません'
        sleep 1
        test "$(snapshot)" = "$before" || { echo "$how '$text' changed the database"; exit 1; }
        tui_wait '[ ] 庁内連携システム'
        ! tui_screen | grep -q '変更履歴\|確認コメント\|書き出すファイル名' || { echo "$how '$text' ran a command"; exit 1; }
        n=$((n + 1))
    done
done
# On a text item: the editor opens with the pasted text added.
tui_keys g; tui_keys /; tui_wait '検索'; tui_type '特記事項'; tui_keys Enter
tui_paste_marked '（貼り付けた文）'
tui_wait '特になし（貼り付けた文）'
tui_wait '文字'
tui_paste_marked "$(printf '\n一行目\n二行目')"
tui_wait '二行目'
tui_wait_gone '（未保存）' 5
tui_keys Escape; tui_wait 'Enter:編集'
test "$(answer cover.remarks)" = "$(printf '特になし（貼り付けた文）\n一行目\n二行目')"
# A one-line prompt: 20,000 characters at once, in well under the wait.
big=$(python3 -c 'print(("検索語" * 7000)[:19996] + "末尾です", end="")')
for how in tui_paste_marked tui_paste; do
    tui_keys /; tui_wait '検索'
    $how "$big"
    tui_wait '末尾です' 10
    tui_keys Escape
    tui_wait_gone '検索（項目名・番号・回答）'
done
tui_keys q; tui_wait '[exit 0]'

# The list: a paste is not D (duplicate), X (delete), a (new).
tui_start 100 30 --db t.db
tui_wait '貼り付けの試験'
before=$(snapshot)
for how in tui_paste_marked tui_paste; do
    $how 'DXay 複製・削除'
    [ "$how" = tui_paste ] || tui_wait '一覧には貼り付けられません'
    sleep 1
    test "$(snapshot)" = "$before"
    ! tui_screen | grep -q 'を削除します\|様式（テンプレート名）\|複製の評価書名' || { echo "a paste ran a command"; exit 1; }
    n=$((n + 1))
done
# A confirmation is answered by a key, never by a paste.
tui_keys X; tui_wait 'を削除します'
tui_paste_marked 'y'
sleep 0.5
tui_wait 'を削除します'
tui_keys n
tui_wait_gone 'を削除します'
test "$(snapshot)" = "$before"
tui_keys q; tui_wait '[exit 0]'
echo "$n pastes refused"
