# Faults, short: a few steps of the fault soak (make soak runs hundreds):
# every output pia writes, under a file-size limit, is whole or refused
# with a message naming it; the database stays intact and unchanged.
set -eu
sh "$ROOT/tests/soak/faults_soak.sh" "${FAULT_STEPS:-6}"
