# Hostile input: the template loader, the YAML import and the text importer
# of published assessments under libFuzzer (ASan + UBSan), a short run each;
# the UTF-8 check and the argument parser, shorter (they are small); `make
# fuzz` runs longer.
set -eu
sh "$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS:-15}" "$PWD/fuzz" template import import_text
sh "$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS_SMALL:-8}" "$PWD/fuzz" utf8 args
