# Where pia writes and what it opens: every output refuses a FIFO, a device
# node, a symlink or a folder at its target (leaving it as it was); a
# SIGTERM or Ctrl-C during `export -o` leaves no temporary file; --db on a
# FIFO or a device is refused at once and a mistyped --db creates nothing;
# the statutory form never comes from ./templates by surprise, and an
# assessment opened with another template than it was written with says so.
set -eu
PY=/usr/bin/python3
id=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
$PIA --db t.db version "$id" --label 基準 >/dev/null
$PIA --db t.db set "$id" cover.remarks 変更

# ---- outputs over special files -------------------------------------------
mkdir o && mkfifo o/fifo && printf '元のまま\n' > o/victim && ln -s victim o/link && mkdir o/dir
dev=""
if mknod o/dev c 1 3 2>/dev/null; then dev=o/dev; fi       # a /dev/null of our own (root)
for target in o/fifo o/link o/dir $dev; do
    for cmd in "export $id --format text" "export $id --format yaml" "export $id --format xlsx" \
               "diff $id@1 $id" "diff $id@1 $id --format xlsx" "review report $id --format xlsx"; do
        rc=0; timeout 10 $PIA --db t.db $cmd -o "$target" 2>err.txt || rc=$?
        test $rc -eq 1 || { echo "$cmd -o $target: exit $rc"; cat err.txt; exit 1; }
        grep -q "$target: " err.txt || { echo "$cmd -o $target:"; cat err.txt; exit 1; }
    done
done
test -p o/fifo
test -L o/link
test -d o/dir
test "$(cat o/victim)" = 元のまま
[ -z "$dev" ] || test -c "$dev"
test "$(ls -A o | wc -l)" = "$([ -n "$dev" ] && echo 5 || echo 4)"        # nothing left beside them
# ---- a missing or unwritable folder: the place, then the cause in Japanese
ro=ro; mkdir ro; chmod 555 ro
[ "$(id -u)" != 0 ] || ro=/sys          # root writes through modes; sysfs refuses it too
for d in nope/sub "$ro"; do
    for cmd in "export $id --format xlsx -o $d/o.xlsx" "export $id --format text -o $d/o.txt" \
               "backup --dir $d" "bundle --all --out $d/b"; do
        rc=0; $PIA --db t.db $cmd 2>err.txt || rc=$?
        case $d in nope/*) why=そのファイルまたはフォルダがありません ;; *) why=アクセス権がありません ;; esac
        test $rc -eq 1 && grep -q "^pia: $d[^ ]*: .*（$why）" err.txt || { echo "$cmd: exit $rc"; cat err.txt; exit 1; }
    done
done
# A regular file is replaced, 0600 whatever the umask.
(umask 077; printf 'old' > o/plain.txt; chmod 644 o/plain.txt)
(umask 0; $PIA --db t.db export "$id" --format text -o o/plain.txt)
test "$(stat -c %a o/plain.txt)" = 600; grep -q '^特記事項	変更$' o/plain.txt

# ---- signals during export -o --------------------------------------------
# A large assessment, so that writing takes a while; the signal is sent once
# the temporary file (or folder) exists.
for item in cover.remarks other.more; do
    $PY -c 'print("保管期間を過ぎた記録は消去し、消去の記録を残す。" * 20000)' | $PIA --db t.db set "$id" "$item" -
done
$PIA --db t.db export "$id" --format text -o ref.txt
whole() {
    if [ "$2" = text ]; then cmp -s "$1" ref.txt
    else $PY -c 'import sys, zipfile; assert zipfile.ZipFile(sys.argv[1]).testzip() is None' "$1"; fi
}
kills=0
for sig in TERM INT HUP; do
    for fmt in xlsx text; do
        rm -rf k && mkdir k
        env --default-signal=INT $PIA --db t.db export "$id" --format $fmt -o k/out.$fmt &
        pid=$!
        n=0; while [ -z "$(ls -A k)" ] && [ $n -lt 500 ]; do sleep 0.005; n=$((n + 1)); done
        kill -$sig $pid 2>/dev/null || true
        rc=0; wait $pid || rc=$?
        # Stopped mid-write: nothing left.  Finished first (the signal may
        # still end the process after the rename): the whole file, alone.
        left=$(ls -A k | grep -vx "out.$fmt" || true)
        test -z "$left" || { echo "SIG$sig $fmt (exit $rc) left: $left"; exit 1; }
        if [ -e k/out.$fmt ]; then whole k/out.$fmt $fmt; else test $rc -gt 128; kills=$((kills + 1)); fi
    done
done
test $kills -ge 2      # most runs are caught mid-write

# ---- the database path ------------------------------------------------------
mkfifo d.fifo
rc=0; timeout 10 $PIA --db d.fifo list 2>err.txt || rc=$?
test $rc -eq 1; grep -q 'd.fifo: 通常のファイルではありません' err.txt; test -p d.fifo
rc=0; timeout 10 $PIA --db d.fifo new --template zenkomoku --title x 2>err.txt || rc=$?
test $rc -eq 1; test -p d.fifo
if [ -n "$dev" ]; then
    rc=0; timeout 10 $PIA --db "$dev" set 1 cover.remarks x 2>err.txt || rc=$?
    test $rc -eq 1; grep -q "$dev: 通常のファイルではありません" err.txt; test -c "$dev"
fi
# A mistyped --db: an error naming the path, and no file made.
for cmd in list "set 1 cover.remarks x" "export 1 --format text" "check 1" "log 1" "file list 1" \
           "versions 1" backup "restore t.db --yes" "delete 1 --yes" "bundle --out bo --all"; do
    rc=0; $PIA --db typo.db $cmd 2>err.txt >/dev/null || rc=$?
    test $rc -eq 1 || { echo "$cmd: exit $rc"; cat err.txt; exit 1; }
    grep -q 'typo.db: データベースがありません' err.txt || { echo "$cmd:"; cat err.txt; exit 1; }
    test ! -e typo.db
    test ! -e bo
done
# Creating commands and --create make it.
$PIA --db made1.db new --template zenkomoku --title 新規 >/dev/null
test -s made1.db
$PIA --db made2.db import "$ROOT/samples/kasou-jumin.yaml" >/dev/null
test -s made2.db
$PIA --create --db made3.db list
test -s made3.db
# The default database (pia's own place) is not made by a read either.
rc=0; $PIA list 2>err.txt || rc=$?
test $rc -eq 1; grep -q "$XDG_DATA_HOME/pia/pia.db: データベースがありません" err.txt

# ---- templates -------------------------------------------------------------
# A templates/zenkomoku.yaml lying in the folder where pia starts is not the
# form: the installed one (or none) is used unless one is named.
mkdir -p here/templates
sed 's/特記事項/細工した項目名/' "$ROOT/templates/zenkomoku.yaml" > here/templates/zenkomoku.yaml
(
    cd here
    unset PIA_TEMPLATE_DIR
    rc=0; $PIA --db ../tp.db new --template zenkomoku --title 様式 >/dev/null 2>err.txt || rc=$?
    if [ $rc -eq 0 ]; then
        $PIA --db ../tp.db export 1 --format text > out.txt
        grep -q '^特記事項$' out.txt
        if grep -q 細工 out.txt; then echo "the current folder's template was used" >&2; exit 1; fi
    else
        grep -q '見つかりません' err.txt
        if grep -q '\./templates' err.txt; then echo "the current folder's template was named" >&2; exit 1; fi
    fi
    # Named explicitly, it is used.
    $PIA --template-dir templates --db ../tp2.db new --template zenkomoku --title 様式 >/dev/null
    $PIA --template-dir templates --db ../tp2.db export 1 --format text | grep -q '^細工した項目名$'
    rc=0; $PIA --template-dir nowhere list 2>err.txt || rc=$?
    test $rc -eq 2; grep -q -- '--template-dir nowhere: フォルダがありません' err.txt
)
# Written with one template, opened with another: said, naming both.
$PIA --template-dir here/templates --db t.db export "$id" --format text >/dev/null 2>err.txt
grep -q "評価書 $id: この評価書は別の内容のテンプレートで書かれています（記録 sha256:[0-9a-f]\{12\}、いま使うテンプレート zenkomoku sha256:[0-9a-f]\{12\}: here/templates/zenkomoku.yaml）" err.txt
$PIA --db t.db export "$id" --format text >/dev/null 2>err.txt
test ! -s err.txt
# A write with the other template records it; then the installed one is the other.
$PIA --template-dir here/templates --db t.db set "$id" cover.remarks 新しい様式で 2>/dev/null
$PIA --template-dir here/templates --db t.db export "$id" --format text >/dev/null 2>err.txt
test ! -s err.txt
$PIA --db t.db export "$id" --format text >/dev/null 2>err.txt
grep -q 'この評価書は別の内容のテンプレートで書かれています' err.txt
# A template that lost an answered item: the answer is kept and said to be
# unseen, also after a save with that template recorded it as the one in use.
mkdir -p gone && sed 's/id: cover.remarks,/id: cover.remarks_x,/' "$ROOT/templates/zenkomoku.yaml" > gone/zenkomoku.yaml
$PIA --template-dir gone --db t.db set "$id" cover.title 別の様式で 2>/dev/null
$PIA --template-dir gone --db t.db export "$id" --format text 2>err.txt | { ! grep -q 新しい様式で; }
grep -q "評価書 $id: テンプレート zenkomoku（gone/zenkomoku.yaml）にない項目の回答が 1 件あります（cover.remarks）" err.txt
$PIA --db t.db export "$id" --format text 2>/dev/null | grep -q '^特記事項	新しい様式で$'
