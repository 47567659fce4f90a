#!/bin/sh
# Build the libFuzzer harnesses with clang (ASan + UBSan + coverage) and
# run each for SECONDS, seeded from the templates, the sample and the
# fixtures (the text importer from the import fixtures and the sample's
# text export).  Usage: tests/fuzz/run.sh SECONDS WORKDIR
set -eu
SECONDS_EACH=${1:-30}
WORK=${2:-$(mktemp -d)}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
command -v clang >/dev/null || { echo "clang not installed"; exit 1; }
export PIA_TEMPLATE_DIR="$ROOT/templates"
SRC=$(ls "$ROOT"/model/*.c "$ROOT"/export/*.c "$ROOT"/import/*.c)
PKG="poppler-glib minizip expat"
FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -O1 -g -I$ROOT $(pkg-config --cflags $PKG)
       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -DPIA_VERSION=\"fuzz\" -DPIA_DATADIR=\"/nonexistent\""
LIBS="-lsqlite3 -lyaml -lxlsxwriter $(pkg-config --libs $PKG) -lm -lpthread"
mkdir -p "$WORK"
total=0
for h in template import import_text; do
    # shellcheck disable=SC2086
    clang $FLAGS -o "$WORK/fuzz_$h" "$ROOT/tests/fuzz/fuzz_$h.c" $SRC $LIBS
    corpus="$WORK/corpus-$h"; mkdir -p "$corpus"
    cp "$ROOT"/templates/*.yaml "$ROOT"/samples/*.yaml "$corpus"/ 2>/dev/null || true
    cp "$ROOT"/tests/fixtures/templates/*.yaml "$corpus"/ 2>/dev/null || true
    if [ "$h" = import_text ]; then
        rm -f "$corpus"/*.yaml
        cp "$ROOT"/tests/fixtures/import/*.txt "$corpus"/
    fi
    "$WORK/fuzz_$h" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
        -print_final_stats=1 "$corpus" > "$WORK/fuzz_$h.log" 2>&1 || { tail -40 "$WORK/fuzz_$h.log"; exit 1; }
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/fuzz_$h.log")
    echo "fuzz_$h: $execs executions in ${SECONDS_EACH}s, no crash, leak or hang"
    total=$((total + execs))
done
echo "fuzz total: $total executions"
