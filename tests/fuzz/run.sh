#!/bin/sh
# Build the libFuzzer harnesses with clang (ASan + UBSan + coverage) and
# run each for SECONDS, seeded from the templates, the sample and the
# fixtures (the text importer from the import fixtures and the sample's
# text export).  Usage: tests/fuzz/run.sh SECONDS WORKDIR [HARNESS...]
# (default: template import import_text utf8 args).
set -eu
SECONDS_EACH=${1:-30}
WORK=${2:-$(mktemp -d)}
shift 2 2>/dev/null || shift $#
HARNESSES=${*:-template import import_text utf8 args}
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
for h in $HARNESSES; do
    case $h in
        utf8) extra="$ROOT/tui/width.c" max=4096 ;;
        args) extra="$ROOT/cli/args.c $ROOT/cli/common.c" max=4096 ;;
        *) extra="" max=65536 ;;
    esac
    # shellcheck disable=SC2086
    clang $FLAGS -o "$WORK/fuzz_$h" "$ROOT/tests/fuzz/fuzz_$h.c" $extra $SRC $LIBS
    corpus="$WORK/corpus-$h"; mkdir -p "$corpus"
    case $h in
        utf8)
            printf '評価書第一号①〜' > "$corpus/a"
            printf '\225\135\211\277\302\233\033[2J\355\240\200\364\220\200\200' > "$corpus/b"
            printf 'a\0b\r\n\t\177' > "$corpus/c" ;;
        template|import)
            cp "$ROOT"/templates/*.yaml "$ROOT"/samples/*.yaml "$corpus"/ 2>/dev/null || true
            cp "$ROOT"/tests/fixtures/templates/*.yaml "$corpus"/ 2>/dev/null || true ;;
        import_text)
            cp "$ROOT"/tests/fixtures/import/*.txt "$corpus"/ ;;
        args)
            printf '1\0--inst\0002\0--file=3\0' > "$corpus/a"
            printf '12@提出版\0-o\0x\0--yes\0' > "$corpus/b"
            printf '4294967297\0-1\0 1\0+1\0\225\135\0' > "$corpus/c" ;;
    esac
    "$WORK/fuzz_$h" -max_total_time="$SECONDS_EACH" -max_len=$max -timeout=10 -rss_limit_mb=1024 \
        -print_final_stats=1 "$corpus" > "$WORK/fuzz_$h.log" 2>&1 || { tail -40 "$WORK/fuzz_$h.log"; exit 1; }
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/fuzz_$h.log")
    echo "fuzz_$h: $execs executions in ${SECONDS_EACH}s, no crash, leak or hang"
    total=$((total + execs))
done
echo "fuzz total: $total executions"
