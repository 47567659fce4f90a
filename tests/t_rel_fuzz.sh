# Hostile input: the template loader and the YAML import under libFuzzer
# (ASan + UBSan), a short run each; the UTF-8 check and the argument
# parser, shorter (they are small); `make fuzz` runs longer.
set -eu
sh "$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS:-15}" "$PWD/fuzz" template import
sh "$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS_SMALL:-8}" "$PWD/fuzz" utf8 args
