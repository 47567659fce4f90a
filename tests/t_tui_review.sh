# Review in the TUI: a comment beside an item, the review list, a section's
# review state, a version saved and opened read-only while the draft moves on.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
tui_start 100 30 --db t.db open "$id"
tui_wait '評価書番号'
tui_keys g j
tui_keys C; tui_wait '確認コメント: 評価書番号'
tui_type '番号の付け方を確認してください'; tui_keys Enter
tui_wait '［コメント1］3'
tui_keys S; tui_wait '確認状態: 表紙'; tui_keys 2 Enter
tui_wait '表紙  （7/7）［確認中］'
# A version, then a change to the draft.
tui_keys V; tui_wait '現在の回答を版として保存する'; tui_keys 1 Enter
tui_wait '版の名前'; tui_type '提出版'; tui_keys Enter
tui_wait '版 1「提出版」を保存しました'
tui_keys Enter; tui_wait '1 文字'
tui_keys End; tui_type '号'; tui_wait_gone '（未保存）' 5; tui_keys Escape
tui_wait '［コメント1］3号'
# The version, read-only, still has the old answer.
tui_keys V; tui_wait '版 1「提出版」'
# Its time in local time as the list shows times (YYYY-MM-DD HH:MM), not the stored UTC stamp.
tui_screen | grep '版 1「提出版」' | grep -q '[0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9] '
tui_keys 2 Enter
tui_wait '［版 1・読み取り専用］'
tui_wait '［コメント1］3'
tui_wait_gone '3号'
tui_keys g j Enter
tui_wait '読み取り専用で開いています'
tui_keys V; tui_wait '作業中の評価書に戻る'; tui_keys 1 Enter
tui_wait_gone '［版 1・読み取り専用］'
# The review list: resolve the comment.
tui_keys R; tui_wait '［未解決］'; tui_keys Enter
tui_wait '解決済みにする'; tui_keys 2 Enter
tui_wait_gone '［コメント1］'
tui_keys q
sleep 0.3
$PIA --db t.db versions "$id" | grep -q '提出版'
$PIA --db t.db review report "$id" | grep -q '番号の付け方を確認してください'
$PIA --db t.db export "$id@1" --format text | grep -q '^評価書番号	3$'
$PIA --db t.db export "$id" --format text | grep -q '^評価書番号	3号$'
