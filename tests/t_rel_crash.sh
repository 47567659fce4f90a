# Crash safety, short: a few kill -9 trials of the crash soak (make soak runs
# hundreds): integrity_check ok and no saved text lost after each.
set -eu
sh "$ROOT/tests/soak/crash_soak.sh" "${CRASH_TRIALS:-3}"
