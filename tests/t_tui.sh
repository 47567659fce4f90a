# The TUI as staff use it: create an assessment, type Japanese with ①② and a
# long line, pick a choice, tick a box, add a file and a system, quit,
# reopen and find everything; resize mid-edit; a too-small terminal;
# Space or Enter on a row where it does nothing says so.
set -eu
. "$TESTS_DIR/tui_lib.sh"
tui_start 100 30 --create --db t.db      # a new database: created only when asked
tui_wait '評価書はまだありません'
tui_keys a;  tui_wait '新規作成（空の評価書）'; tui_keys 1 Enter
tui_wait '様式（テンプレート名）'; tui_keys Enter
tui_wait '評価書名';  tui_type '架空市テスト評価書'; tui_keys Enter
tui_wait '評価実施機関名'; tui_type '架空市長'; tui_keys Enter
tui_wait '架空市テスト評価書 ／ 架空市長'
tui_keys Enter
tui_wait '特定個人情報ファイル未登録'
# A 特定個人情報ファイル, through the file menu.
tui_keys f; tui_wait 'ファイルを追加'
tmux_ resize-window -t $TUI_S -x 20 -y 10; tui_wait '小さすぎます'   # a menu resized
tmux_ resize-window -t $TUI_S -x 100 -y 30; tui_wait '1) ＋ ファイルを追加'
tui_screen | grep -q '│ 1) ＋ ファイルを追加  *│$'
tui_keys 1 Enter
tui_wait '追加するファイルの名前'; tui_type '住民基本台帳ファイル'; tui_keys Enter
tui_wait 'ファイル 1/1: 住民基本台帳ファイル'
# Space and Enter where they have nothing to do say so (a heading).
tui_keys g Space; tui_wait '見出しの行です。Space はチェック欄の行で'
tui_keys Enter; tui_wait '↑↓ で項目の行へ移ってから Enter を'
# Free text in the editor: ①②, a newline, a long line that wraps.
tui_keys g j Enter
tui_wait '評価書番号'
tui_type '①窓口で本人確認を行う。'; tui_keys Enter
long='②記録を残す。'; for i in 1 2 3 4 5 6 7 8 9 10; do long="${long}職員ごとのIDで操作ログを取得し、"; done
tui_type "$long"
tui_wait_gone '（未保存）' 5
# Resize mid-edit: nothing typed is lost, typing goes on.
tmux_ resize-window -t $TUI_S -x 80 -y 24
tui_type '終わり。'
tui_wait_gone '（未保存）' 5
tui_keys Escape; tui_wait 'Enter:編集'   # an Esc read with the next key would be Alt-key
tui_wait '評価書番号'
tui_keys Space; tui_wait 'Space はチェック欄で使います。Enter で編集します'
# A choice from its list (search finds the item by its label).
# Resized to 20 columns and back while typing it: the too-small message,
# then the whole box again, what was typed kept.
tui_keys /; tui_wait '検索'; tui_type '対象'
tmux_ resize-window -t $TUI_S -x 20 -y 10; tui_wait '小さすぎます'
tui_type '人数'; tmux_ resize-window -t $TUI_S -x 80 -y 24
tui_wait '│ 対象人数'; tui_screen | grep -q '│ 対象人数  *│$'
tui_keys Enter
tui_keys Enter; tui_wait '10万人以上30万人未満'; tui_keys 4 Enter
tui_wait '[ 10万人以上30万人未満 ]'
# A check box toggled with Space.
tui_keys /; tui_wait '検索'; tui_type '庁内連携システム'; tui_keys Enter
tui_keys Space
tui_wait '[○] 庁内連携システム'
# A second システム added in place.
tui_keys +
tui_wait 'システム2 を追加しました（u で取り消し）'
# A terminal of 20 columns: a clear message instead of a broken screen.
tmux_ resize-window -t $TUI_S -x 20 -y 10
tui_wait '小さすぎます'
tmux_ resize-window -t $TUI_S -x 100 -y 30
tui_wait 'ファイル 1/1'
tui_keys q; tui_wait '架空市テスト評価書 ／ 架空市長'; tui_keys q
sleep 0.5

# Reopen from the command line and find everything.
$PIA --db t.db export 1 --format text > out.txt
grep -q "^評価書番号\$" out.txt
grep -qF "  ①窓口で本人確認を行う。" out.txt
grep -qF "  ${long}終わり。" out.txt
grep -q '^③対象人数	\[ 10万人以上30万人未満 \]' out.txt
grep -q '^③他のシステムとの接続	.*\[ ○ \] 庁内連携システム' out.txt
grep -q '^システム2$' out.txt
grep -q '^（1）住民基本台帳ファイル$' out.txt
# And in the TUI again.
tui_start 100 30 --db t.db open 1
tui_wait '①窓口で本人確認を行う。 …'
tui_keys q
