# The diff view in a real terminal (tmux): colour on a terminal, deleted
# text red and struck through, inserted text green and underlined, no
# [-…-]{+…+} markers; with NO_COLOR the markers instead, no colour.
set -eu
. "$TESTS_DIR/need.sh"; need tmux
export PIA_TEMPLATE_DIR="$ROOT/tests/fixtures/review"
p() { $PIA --db "$PWD/t.db" "$@"; }
p new --template mini --title 事務 >/dev/null
p file add 1 住民基本台帳ファイル >/dev/null
p set 1 basic.affairs.content '住民記録システムで届出を処理する。'
p set 1 risk.obtain.r1.ok --file 1 十分である
p version 1 --label 提出版 >/dev/null
p set 1 basic.affairs.content '住民記録システム及び宛名システムで届出を処理する。'
p set 1 risk.obtain.r1.ok --file 1 課題が残されている

sock="pia-review-test-$$"
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server 2>/dev/null || true; }
trap cleanup EXIT
# Run the view in a pane, wait for its last line, capture with attributes.
view() {
    t new-session -d -s v -x 100 -y 30 "$1; echo ==END==; sleep 60"
    for i in $(seq 50); do
        t capture-pane -p -t v | grep -q '==END==' && break
        sleep 0.1
    done
    t capture-pane -p -e -t v > "$2"
    t kill-session -t v
}
view "env -u NO_COLOR TERM=xterm-256color $PIA --db $PWD/t.db diff 1@提出版" colour.txt
grep -q '比較: 1@1「提出版」 → 1（作業中）' colour.txt
grep -q '及び宛名システム' colour.txt
if grep -q '{+\|\[-' colour.txt; then echo "markers in colour mode"; exit 1; fi
# The inserted phrase carries an SGR sequence with green (32) and underline
# (4); the deleted choice one with red (31) and strikethrough (9).
python3 - colour.txt <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
def attrs_before(text):
    i = s.index(text)
    seqs = re.findall(r"\x1b\[([0-9;]*)m", s[max(0, s.rfind("\n", 0, i)):i])
    codes = set()
    for q in seqs:
        for c in q.split(";"):
            if c in ("0", ""):
                codes.clear()
            else:
                codes.add(c)
    return codes
ins, dele = attrs_before("及び宛名システム"), attrs_before("十分である")
assert "32" in ins and "4" in ins, ("insert attributes", ins)
assert "31" in dele and "9" in dele, ("delete attributes", dele)
assert "32" not in attrs_before("住民記録システム"), "unchanged text coloured"
PY
view "NO_COLOR=1 TERM=xterm-256color $PIA --db $PWD/t.db diff 1@提出版" plain.txt
grep -q '住民記録システム{+及び宛名システム+}で届出を処理する。' plain.txt
grep -q '\[-十分である-\]{+課題が残されている+}' plain.txt
if grep -q "$(printf '\033')\[3[12]" plain.txt; then echo "colour despite NO_COLOR"; exit 1; fi
echo ok
