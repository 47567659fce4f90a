# Two writers on one item: no lost update — the second to save is told the
# item changed since it was opened, sees both texts and chooses.  And a
# database locked beyond the busy timeout: a clear message, the edit kept
# and saved once the lock is gone.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title 同時編集)
$PIA --db t.db set "$id" cover.remarks 'もとの記載'
tui_start 100 30 --db t.db open "$id"
tmux_ new-session -d -s b -x 100 -y 30 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 PIA_TEMPLATE_DIR='$PIA_TEMPLATE_DIR' PIA_USER=other $PIA --db t.db open $id; sleep 30"
# Panes are named with the colon for the reason given in tui_lib.sh.
wait_b() { pane_wait b: "$1"; }
tui_wait '特記事項'; wait_b '特記事項'
# Both open the same item.
pane_select $TUI_S 特記事項 g j j j j; tui_keys Enter; tui_wait "5 文字"
pane_select b: 特記事項 g j j j j; tmux_ send-keys -t b: Enter; wait_b "5 文字"
# B writes first and leaves.
tmux_ send-keys -t b: End; tmux_ send-keys -t b: -l '（Bの追記）'; wait_b '（Bの追記）'
tmux_ send-keys -t b: Escape; wait_b 'Enter:編集'
$PIA --db t.db export "$id" --format text | grep -q '^特記事項	もとの記載（Bの追記）$'
# A, still on the text it opened, types: its save finds B's change.
tui_keys End; tui_type '（Aの追記）'
tui_wait '同時に変更されました' 5
tui_wait 'もとの記載（Bの追記）'
tui_wait 'もとの記載（Aの追記）'
tui_keys Enter
tui_wait 'どちらを残しますか'; tui_keys 1 Enter
tui_wait_gone '（未保存）' 5
tui_keys Escape; tui_wait 'Enter:編集'
$PIA --db t.db export "$id" --format text | grep -q '^特記事項	もとの記載（Aの追記）$'
$PIA --db t.db log "$id" | grep -q '	other	set	cover.remarks'

# A lock held by another program beyond the busy timeout.
tui_keys q; sleep 0.3
tmux_ kill-session -t b:
tmux_ new-session -d -s c -x 100 -y 30 \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 PIA_TEMPLATE_DIR='$PIA_TEMPLATE_DIR' PIA_BUSY_TIMEOUT_MS=300 $PIA --db t.db open $id; sleep 30"
wait_c() { pane_wait c: "$1"; }
wait_c '特記事項'
pane_select c: 特記事項 g j j j j; tmux_ send-keys -t c: Enter; wait_c '文字'
# Another program holds the write lock for 3 seconds.
python3 -c 'import sqlite3, time
c = sqlite3.connect("t.db", isolation_level=None)
c.execute("BEGIN IMMEDIATE"); open("locked", "w").close(); time.sleep(3); c.execute("ROLLBACK")' &
while [ ! -e locked ]; do sleep 0.05; done
tmux_ send-keys -t c: End; tmux_ send-keys -t c: -l 'ロック中の入力'
wait_c 'ロックされています'
wait_c 'ロック中の入力'
wait
i=0; while ! $PIA --db t.db export "$id" --format text | grep -q 'ロック中の入力'; do
    i=$((i+1)); [ $i -lt 50 ] || { echo "edit not saved after the lock"; tmux_ capture-pane -p -t c:; exit 1; }; sleep 0.1
done
