# Reuse in the TUI at 80x24: the file menu copies Ⅲ from file 1 into file 2
# (an answered item shown first and kept), and A on an item lists its
# answers in the other file, another assessment and that one's version,
# and takes the chosen one into the editor; both end up in the audit trail.
# The check view shows a broken consistency rule with both items.
set -eu
. "$TESTS_DIR/tui_lib.sh"
id=$($PIA --db t.db new --template zenkomoku --title 税務に関する事務)
$PIA --db t.db file add "$id" 税情報ファイル >/dev/null
$PIA --db t.db file add "$id" 税宛名情報ファイル >/dev/null
$PIA --db t.db set "$id" risk.obtain.r1.others --file 1 '申告書の様式で対象者以外の記入を防ぐ。'
$PIA --db t.db set "$id" risk.obtain.r1.ok --file 1 十分である
$PIA --db t.db set "$id" risk.obtain.r1.ok --file 2 課題が残されている
$PIA --db t.db set "$id" overview.provide.done.none --file 1 1     # Ⅲ(1)5 left unticked
old=$($PIA --db t.db new --template zenkomoku --title 昨年度の事務)
$PIA --db t.db file add "$old" 旧ファイル >/dev/null
$PIA --db t.db set "$old" risk.obtain.r1.extra --file 1 '版に残る措置。'
$PIA --db t.db version "$old" --label 提出版 >/dev/null
$PIA --db t.db set "$old" risk.obtain.r1.extra --file 1 '昨年度の措置（改訂）。'
tui_start 80 24 --db t.db open "$id"
tui_wait 'ファイル 1/2'
tui_keys f; tui_wait '税宛名情報ファイル'; tui_keys 2 Enter; tui_wait 'ファイル 2/2'
tui_keys f; tui_wait 'ほかのファイルから'; tui_keys 8 Enter
tui_wait 'コピー元のファイル（コピー先: ファイル(2) 税宛名情報ファイル）'; tui_keys Enter
tui_wait 'コピーする範囲'; tui_keys 4 Enter
tui_wait '新しく入る回答 1 項目、回答済みで違う回答 1 項目'
tui_keys 4 Enter; tui_wait 'Ⅲ(2) 2. リスク1 リスクへの対策は十分か'; tui_keys Escape
tui_wait 'コピーする（回答済みの 1 項目はそのまま）'; tui_keys Enter
tui_wait '1 項目をコピーしました（回答済みでそのままの項目 1）'
# A on リスク1's second measure: the other assessment's live text and its version.
tui_keys /; tui_type '必要な情報以外を入手'; tui_keys Enter
tui_wait '・    必要な情報以外を入手することを防'
tui_keys A
tui_wait '他の回答（Enter で取り込む）: 必要な情報以外'
tui_screen | grep -q '他の回答（Enter で取り込む）: 必要な情報以外.*…─'   # a cut title says so
tui_wait '昨年度の措置（改訂）。 ― 評価書2「昨年度の事務」'
tui_wait '版に残る措置。 ― 評価書2@1「提出版」 ファイル(1)旧ファイル'
tui_keys 2 Enter
tui_wait 'Esc:終わる'; tui_wait '版に残る措置。'
tui_keys Escape; tui_wait 'q:戻る Enter:編集'
# The check view names both items of a broken rule.
at=$($PIA --db t.db check "$id" 2>/dev/null | grep -n '^Ⅱ(1) 5. 行っていない	Ⅲ(1) 5. 提供・移転しない が' | cut -d: -f1)
test -n "$at"
tui_keys c; tui_wait '確認 1/'; tui_keys -N $((at - 1)) Down
tui_wait "確認 $at/"
tui_wait '5. 行っていない ― Ⅲ(1) 5. 提供・移転しない が 「チェックな'
tui_keys Escape
tui_keys q; tui_keys q
$PIA --db t.db export "$id" --format yaml > y.yaml
test "$(grep -c '申告書の様式で対象者以外の記入を防ぐ。' y.yaml)" -eq 2
grep -q '版に残る措置。' y.yaml
test "$(grep -c '課題が残されている' y.yaml)" -eq 1
$PIA --db t.db log "$id" | grep -q "copy	risk.obtain.r1.others	 → コピー元 評価書$id ファイル(1)税情報ファイル"
