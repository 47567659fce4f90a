# Bringing a published assessment in from the TUI, as staff would: `a` in
# the list offers 既存の評価書から取り込む, a file name is typed, the new
# assessment opens on what the import left to check, Enter leads to the
# item, `I` shows the list again; a file that is no assessment is refused
# in a message and nothing is added.
set -eu
. "$TESTS_DIR/tui_lib.sh"
cp "$ROOT/tests/fixtures/import/kasou-kokuho-3.txt" 国保.txt
printf '今月の広報です。\n市民プールは七月に開きます。\n' > 広報.txt
tui_start 80 24 --create --db t.db
tui_wait '評価書はまだありません'
# A file that is no assessment: a clear message, nothing added.
tui_keys a; tui_wait '既存の評価書から取り込む'; tui_keys 2 Enter
tui_wait 'ファイル名'; tui_type '広報.txt'; tui_keys Enter
tui_wait '取り込めませんでした'
tui_wait '評価書として読み取れません'
tui_keys Escape
tui_wait_gone '取り込めませんでした'
# The fixture, typed with Japanese in its name.
tui_keys a; tui_wait '既存の評価書から取り込む'; tui_keys 2 Enter
tui_wait 'ファイル名'; tui_type '国保.txt'; tui_keys Enter
tui_wait '取り込みの確認: 見つからない 9・推定 3・未配置 0'
tui_wait 'Ⅳ その他のリスク対策 以下すべて'
# The first guess: its heading in Ⅲ.
i=0; while [ $i -lt 10 ]; do tui_keys Down; i=$((i + 1)); done
tui_wait '推定 Ⅲ(1) 2. リスク4'
tui_keys Enter
tui_wait_gone '取り込みの確認'
tui_screen | grep -q 'リスク4： 入手の際に特定個人情報が漏えい・紛失するリスク' || { tui_screen; exit 1; }
# The list again with I, and the report from its first line.
tui_keys I; tui_wait '取り込みの確認'; tui_keys Enter
tui_wait '取り込みの報告'
tui_wait '取り込み元: 国保.txt'
tui_keys Escape; tui_wait '取り込みの確認'; tui_keys Escape
tui_wait_gone '取り込みの確認'
tui_keys q; tui_wait '評価書（1 件）'; tui_wait '国保'; tui_keys q   # back in the list
sleep 0.5
test "$($PIA --db t.db list | wc -l)" -eq 1
$PIA --db t.db export 1 --format yaml | grep -q 'risk.keep.r1.nisc: 政府機関ではない'
echo ok
