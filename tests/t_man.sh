# The man page (docs/pia.1) renders without a groff warning and cannot drift
# from the program: every command of `pia --help`, every long option that
# --help and the commands' usage messages print, and every environment
# variable the code reads are in it.  `make install` puts it (and the binary,
# templates and guide) under PREFIX, and rebuilds the binary when PREFIX —
# the data directory compiled into it — changes.
set -eu
MAN=$ROOT/docs/pia.1
. "$TESTS_DIR/need.sh"; need groff

# 1. Renders cleanly: -ww turns every warning on ("can't break line" too).
groff -k -man -ww -Tutf8 -P-cbou "$MAN" > page.txt 2> groff.err
if [ -s groff.err ]; then cat groff.err; exit 1; fi
for h in NAME SYNOPSIS DESCRIPTION COMMANDS ENVIRONMENT FILES 'EXIT STATUS' EXAMPLES; do
    grep -q "^$h" page.txt || { echo "section $h missing from the rendered page"; exit 1; }
done

# 2. Commands: those of --help and the page's .SS headings are the same set.
$PIA --help > help.txt
sed -n '/^コマンド:/,/^$/p' help.txt | sed -n 's/^  pia //p' | sed 's/^\[--db FILE\] //' \
    | awk '{ c = $1; gsub(/[][]/, "", c); print c }' | sort -u > commands.txt
test "$(wc -l < commands.txt)" -ge 20
sed -n '/^\.SH COMMANDS/,/^\.SH /p' "$MAN" | sed -n 's/^\.SS //p' | sort -u > sections.txt
if ! diff -u commands.txt sections.txt; then
    echo "the commands of pia --help (-) and the man page's COMMANDS (+) differ"; exit 1
fi

# 3. Long options: from --help and from each command's usage message (what a
# bad option prints).
$PIA --db m.db new --template zenkomoku --title 目次 >/dev/null
: > usage.txt
while read -r c; do
    $PIA --db m.db "$c" --zz-no-such-option >> usage.txt 2>&1 </dev/null || true
done < commands.txt
grep -q '使い方: pia bundle' usage.txt      # the usage messages were really printed
cat help.txt usage.txt | grep -oE -- '--[a-z][a-z-]*' | grep -v -- '--zz-no-such-option' | sort -u > options.txt
test "$(wc -l < options.txt)" -ge 30
missing=""
while read -r o; do
    esc=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    grep -q -- "$esc" "$MAN" || missing="$missing $o"
done < options.txt
[ -z "$missing" ] || { echo "options not in the man page:$missing"; exit 1; }

# 4. Environment: every variable the code reads has its entry in ENVIRONMENT.
sed -n '/^\.SH ENVIRONMENT/,/^\.SH FILES/p' "$MAN" > environment.roff
grep -rhoE 'getenv\("[A-Z_]+"\)|env_limit\("[A-Z_]+"' "$ROOT/model" "$ROOT/export" "$ROOT/import" \
    "$ROOT/tui" "$ROOT/cli" | grep -oE '"[A-Z_]+"' | tr -d '"' | sort -u > env.txt
test "$(wc -l < env.txt)" -ge 10
missing=""
while read -r v; do
    esc=$(printf '%s' "$v" | sed 's/-/\\\\-/g')
    grep -q -- "$esc" environment.roff || missing="$missing $v"
done < env.txt
[ -z "$missing" ] || { echo "environment variables not in the man page:$missing"; exit 1; }
echo "$(wc -l < commands.txt) commands, $(wc -l < options.txt) options, $(wc -l < env.txt) variables"

# 5. make install, in a copy of the tree with its build (so the suite's own
# build is left alone).  Without a build to copy, a full one would take
# minutes: skipped, and said.
if [ ! -f "$ROOT/build/libpia.a" ] || [ ! -x "$ROOT/pia" ]; then
    echo "SKIPPED: make install (no build/ in $ROOT to copy; run make first)"
    exit 0
fi
unset MAKEFLAGS MFLAGS MAKELEVEL
mkdir tree
(cd "$ROOT" && tar cf - --exclude=./.git --exclude=./build-san .) | (cd tree && tar xpf -)
inst() { make -C tree install PREFIX="$PWD/$1" > "make-$1.log" 2>&1 || { cat "make-$1.log"; exit 1; }; }
inst p1
grep -q 'model/template\.c' make-p1.log || { echo "PREFIX changed but the binary was not rebuilt"; cat make-p1.log; exit 1; }
test -x p1/bin/pia
test -f p1/share/man/man1/pia.1
cmp p1/share/man/man1/pia.1 "$MAN"
test -f p1/share/doc/pia/guide.md
test -f p1/share/pia/templates/zenkomoku.yaml
test -f p1/share/pia/templates/tables/threshold.yaml
test -f p1/share/pia/templates/editions/zenkomoku.yaml
# The installed page is found by man under the prefix.
if have man; then
    MANPATH="$PWD/p1/share/man" MANWIDTH=80 man -P cat pia 2>/dev/null | grep -q 'EXIT STATUS'
fi
# The binary knows its prefix even when it is moved away from it.
mkdir elsewhere && cp p1/bin/pia elsewhere/pia
env -u PIA_TEMPLATE_DIR ./elsewhere/pia template list > list.txt
grep -qF "$PWD/p1/share/pia/templates/zenkomoku.yaml" list.txt || { cat list.txt; exit 1; }
# Another prefix rebuilds again; the same one twice does not.
inst p2
grep -q 'model/template\.c' make-p2.log
inst p2
if grep -q 'model/template\.c' make-p2.log; then echo "rebuilt although PREFIX did not change"; exit 1; fi
cp p2/bin/pia elsewhere/pia
env -u PIA_TEMPLATE_DIR ./elsewhere/pia template list | grep -qF "$PWD/p2/share/pia/templates/zenkomoku.yaml"
echo "installed under two prefixes; rebuilt only when the prefix changed"
