# The check view (c) at 80x24: findings grouped by section and, for the
# sections answered per file, by 特定個人情報ファイル, each group with its
# count; PgDn / End / Home / ] move through a list longer than the screen,
# and Enter opens the item found.  Counts come from `pia check`, which the
# view shares its findings with.
set -eu
. "$TESTS_DIR/tui_lib.sh"
a=$($PIA --db t.db new --template zenkomoku --title 住民基本台帳に関する事務 --org 架空市長)
$PIA --db t.db file add "$a" 住民記録ファイル >/dev/null
$PIA --db t.db file add "$a" 本人確認情報ファイル >/dev/null
$PIA --db t.db check "$a" > check.txt 2>/dev/null || true
total=$(grep -c . check.txt)
cover=$(grep -c '^表紙 ' check.txt)
ii2=$(grep -c '^Ⅱ(2) ' check.txt)
last=$(tail -n 1 check.txt | cut -f1 | sed 's/^[^ ]* //')
test "$total" -gt 60     # more than two screens
tui_start 80 24 --db t.db open "$a"
tui_wait '表紙'
tui_keys c
tui_wait "確認 1/$total ／ 表紙 ― $cover 件"
tui_keys End;  tui_wait "確認 $total/$total ／"
tui_wait "$last ― 未回答です"
tui_keys Home; tui_wait "確認 1/$total ／ 表紙"
tui_keys NPage; tui_wait_gone "確認 1/$total ／"
tui_screen | head -1 | grep -q "確認 [2-9][0-9]/$total"
# ] through the groups to Ⅱ for the second file, with its own count.
i=0
until tui_screen | head -1 | grep -qF "Ⅱ(2) 本人確認情報ファイル ― $ii2 件"; do
    i=$((i + 1)); [ $i -lt 12 ] || { tui_screen; exit 1; }
    tui_keys ']'; sleep 0.2
done
# Enter opens the first open item of that group, in that file.
first=$(grep '^Ⅱ(2) ' check.txt | head -n 1 | cut -f1 | sed 's/^[^ ]* //')
tui_keys Enter
tui_wait "ファイル 2/2: 本人確認情報ファイル"
tui_keys Enter
# A text opens the editor headed by its place; a choice its menu, titled
# by its heading.
i=0
until tui_screen | grep -qF -e "Ⅱ(2) $first" -e "┌─${first#* }─"; do
    i=$((i + 1)); [ $i -lt "$(tui_ticks 10)" ] || { tui_screen; exit 1; }
    sleep 0.1
done
tui_keys Escape q
echo ok
