# Strict import: what another YAML reader would read differently, or what
# would make pia read a file it was not meant to, is refused with
# FILE:LINE:COLUMN and nothing is imported — a key written twice (at every
# level), a tag, a `template:` that is a path, NUL in a string, bytes that
# are not UTF-8 (a Shift_JIS file).
set -eu
T=$ROOT/templates/zenkomoku.yaml
info() { python3 "$ROOT/tests/form_info.py" "$T" "$@"; }
text=$(info field text once)
check=$(info field check per_file)
n=0
expect_reject() {   # FILE EXPECTED-POSITION EXPECTED-WORDS
    rc=0
    $PIA --db t.db import "$1" 2>err.txt >/dev/null || rc=$?
    test $rc -eq 1 || { echo "exit $rc for $1"; cat err.txt; exit 1; }
    grep -q "^pia: $1:$2: .*$3" err.txt || { echo "unexpected message for $1:"; cat err.txt; exit 1; }
    n=$((n + 1))
}
head() { printf 'pia: 1\ntemplate: zenkomoku\ntitle: 試験\n'; }

# Keys written twice: at the top, among the answers, in {value, detail},
# in a file entry.  (libyaml keeps both; the last would silently win.)
{ head; printf 'title: 二つ目\n'; } > dup-top.yaml
expect_reject dup-top.yaml 4:1 'キー "title" が二度書かれています（最初は 3:1）'
{ head; printf 'answers:\n  %s: 一つ目\n  %s: 二つ目\n' "$text" "$text"; } > dup-item.yaml
expect_reject dup-item.yaml 6:3 "キー \"$text\" が二度書かれています"
{ head; printf 'files:\n- name: 一\n  answers:\n    %s:\n      value: true\n      detail: 市民課\n      detail: 税務課\n' "$check"; } > dup-detail.yaml
expect_reject dup-detail.yaml 10:7 'キー "detail" が二度書かれています（最初は 9:7）'
{ head; printf 'files:\n- name: 一\n  name: 二\n'; } > dup-file.yaml
expect_reject dup-file.yaml 6:3 'キー "name" が二度書かれています'

# Tags: explicit types, local tags, %TAG directives.
printf 'pia: 1\ntemplate: zenkomoku\ntitle: !!str 試験\n' > tag-str.yaml
expect_reject tag-str.yaml 3:8 'タグ'
{ head; printf 'answers:\n  %s: !!binary 6KiY6LyJ\n' "$text"; } > tag-binary.yaml
expect_reject tag-binary.yaml 5:$(( ${#text} + 5 )) 'タグ'
{ head; printf 'answers: !local\n  %s: x\n' "$text"; } > tag-map.yaml
expect_reject tag-map.yaml 4:10 'タグ'
printf '%%TAG !e! tag:example.com,2000:\n---\npia: 1\ntemplate: zenkomoku\ntitle: x\n' > tag-directive.yaml
expect_reject tag-directive.yaml 1:1 'タグ'

# template: a name, never a path (pia would read and quote that file).
for t in ../templates/zenkomoku /etc/passwd "$ROOT/templates/zenkomoku.yaml" .hidden 'a b'; do
    printf 'pia: 1\ntemplate: "%s"\ntitle: x\n' "$t" > tmpl-path.yaml
    expect_reject tmpl-path.yaml 2:11 'ファイルのパスは使えません'
done
grep -q root err.txt && { echo "a refused template path was read"; exit 1; }

# NUL inside a string ("\0", "\x00", "\u0000") would cut the text short.
for esc in '\0' '\x00' '\u0000'; do
    printf 'pia: 1\ntemplate: zenkomoku\ntitle: "前%s後"\n' "$esc" > nul.yaml
    expect_reject nul.yaml 3:8 'NUL 文字'
done
# Bytes that are not UTF-8: a file saved as Shift_JIS.
printf 'pia: 1\ntemplate: zenkomoku\ntitle: 試験\nanswers:\n  %s: 窓口で確認する\n' "$text" | iconv -f UTF-8 -t CP932 > sjis.yaml
expect_reject sjis.yaml 3:8 'UTF-8 ではないバイト（0x8E）'
printf 'pia: 1\ntemplate: zenkomoku\ntitle: "ab\233"\n' > c1.yaml
expect_reject c1.yaml 3:11 'UTF-8 ではないバイト（0x9B）'

# A UTF-16 file with its byte order mark is YAML too and imports whole.
{ head; printf 'answers:\n  %s: 全角の記載\n' "$text"; } | iconv -f UTF-8 -t UTF-16 > utf16.yaml
id=$($PIA --db t.db import utf16.yaml)
$PIA --db t.db export "$id" --format yaml | grep -q "$text: 全角の記載"
$PIA --db t.db file add "$id" x >/dev/null
test "$($PIA --db t.db list | wc -l)" = 1      # nothing else was imported
echo "$n refused"
