# Hostile input: the template loader and the YAML import under libFuzzer
# (ASan + UBSan), a short run each; `make fuzz` runs longer.
set -eu
sh "$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS:-15}" "$PWD/fuzz"
