# Hostile input: the template loader, the YAML import and the text importer
# of published assessments under libFuzzer (ASan + UBSan), a short run each;
# the UTF-8 check and the argument parser, shorter (they are small); `make
# fuzz` runs longer.
set -eu
# The harnesses are always built with ASan + UBSan, so the plain pass of the
# suite covers them; the sanitizer and valgrind passes would only repeat the
# same runs (and valgrind cannot run an ASan binary).
if [ "${PIA_SAN:-0}" = 1 ] || [ "${PIA_VALGRIND:-0}" = 1 ]; then
    echo "SKIPPED: fuzzing ran in the plain pass (its harnesses carry their own sanitizers)"
    exit 0
fi
sh "$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS:-15}" "$PWD/fuzz" template import import_text
sh "$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS_SMALL:-8}" "$PWD/fuzz" utf8 args
