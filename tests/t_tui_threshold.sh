# The TUI list's 次の期限 column and the しきい値判断 dialog (T), driven in
# tmux at 80x24 as a person would: full-width digits typed, the result
# read, Ⅵ1② filled and found in the audit trail.
set -eu
. "$TESTS_DIR/tui_lib.sh"
old=$($PIA --db t.db new --template zenkomoku --title 住民基本台帳に関する事務 --org 架空市長)
new=$($PIA --db t.db new --template zenkomoku --title 地方税の賦課に関する事務 --org 架空市長)
draft=$($PIA --db t.db new --template zenkomoku --title 下書きの評価書 --org 架空市長)
$PIA --db t.db set "$old" cover.published 平成27年10月5日
# A 公表日 in the future keeps this row's dates ahead of any real today.
$PIA --db t.db set "$new" cover.published 令和20年4月1日
tui_start 80 24 --db t.db
tui_wait '次の期限'
tui_wait '2016-10-05超過  住民基本台帳に関する事務'
tui_wait '2039-04-01      地方税の賦課に関する事務'
tui_wait '公表前          下書きの評価書'
# The column survives a resize and back.
tmux_ resize-window -t "$TUI_S" -x 100 -y 30
tui_wait '2039-04-01      地方税の賦課に関する事務'
tmux_ resize-window -t "$TUI_S" -x 80 -y 24
# The dialog on the 地方税 row.
# g: the most recently changed row, 地方税 (its 公表日 was set last); waiting
# for its highlight also waits for the redraw at 80×24 the resize asked for.
pane_select "$TUI_S" 地方税の賦課 g
tui_keys T
tui_wait '対象人数（人'
tui_type '１５０，０００'; tui_keys Enter
tui_wait '取扱者数（委託先を含む）'
tui_type '120'; tui_keys Enter
tui_wait '過去1年以内の重大事故'
tui_keys 2 Enter
tui_wait '判断: 基礎項目評価及び全項目評価の実施が義務付けられます'
tui_wait '必要な評価: 基礎項目評価、全項目評価'
tui_wait '対象人数 150,000人は「10万人以上30万人未満」'
tui_wait '区分に当たり、過去1'    # wrapped at the window's width, not 12 columns short of it
tui_wait '根拠: 特定個人情報保護評価指針 第5の2'
tui_keys Enter
tui_wait '「地方税の賦課に関する事務」の Ⅵ1②しきい値判断結果に記入しますか？'
tui_keys y
tui_wait 'Ⅰ 1. ③対象人数 は未回答です'
tui_keys Enter
tui_wait 'Ⅵ1②しきい値判断結果に記入しました'
# A count that is not one is asked again; Esc leaves without writing.
tui_keys T; tui_wait '対象人数（人'
tui_type '約3万人（住民基本台帳の人口）'; tui_keys Enter
tui_wait '「約3万人（住民基本台帳の人口）」は人数として'
tui_wait '数字で入力してください'   # the reason wraps in the box, not cut at its width
tui_keys Escape
tui_wait_gone '約3万人（住民基本台帳の人口）'   # the typed line, never wrapped
tui_keys '?'; tui_wait 'しきい値判断（必要な評価と理由'
tui_keys Escape q
sleep 0.3
$PIA --db t.db export "$new" --format yaml | grep -q '基礎項目評価及び全項目評価の実施が義務付けられる'
$PIA --db t.db log "$new" | grep -q 'tester	set	procedure.basic.threshold'
$PIA --db t.db export "$old" --format yaml | grep -q 'procedure.basic.threshold' && exit 1
echo ok
