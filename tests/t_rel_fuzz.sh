# Hostile input: the template loader, the YAML import and the text importer
# of published assessments under libFuzzer
# (ASan + UBSan), a short run each; `make fuzz` runs longer.
set -eu
sh "$ROOT/tests/fuzz/run.sh" "${FUZZ_SECONDS:-15}" "$PWD/fuzz"
