# The command line under valgrind: no invalid access, no definite leak.
# (The sanitizer pass of CI runs ASan/LSan instead: valgrind cannot run an
# ASan binary, so this test checks the plain build only.)
set -eu
[ -n "${PIA_VALGRIND:-}" ] && { echo "whole suite under valgrind: covered"; exit 0; }
if nm "$PIA" 2>/dev/null | grep -q __asan_init; then
    echo "sanitizer build: covered by ASan/LSan"; exit 0
fi
. "$TESTS_DIR/need.sh"; need valgrind
vg() { valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite "$PIA" "$@"; }
id=$(vg --db t.db import "$ROOT/samples/kasou-jumin.yaml")
vg --db t.db file add "$id" 追加ファイル >/dev/null
vg --db t.db set "$id" cover.remarks 'valgrind の下での記載'
vg --db t.db export "$id" --format text -o out.txt
vg --db t.db export "$id" --format yaml -o out.yaml
vg --db t.db export "$id" --format xlsx -o out.xlsx
rc=0; vg --db t.db check "$id" >/dev/null 2>&1 || rc=$?; test $rc -eq 1
vg --db t.db version "$id" --label 試験版 >/dev/null
vg --db t.db diff "$id@1" "$id" >/dev/null
vg template check "$ROOT/templates/zenkomoku.yaml" >/dev/null
rc=0; vg --db t.db import "$ROOT/tests/fixtures/templates/bad-alias.yaml" 2>/dev/null || rc=$?; test $rc -eq 1
