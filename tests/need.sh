# need.sh — tools a test cannot run without, sourced by the tests.
#
#   need TOOL...   the whole test needs TOOL: missing, the test stops
#   have TOOL...   a part needs TOOL: true when all are there
#
# A missing tool is a failure under CI (PIA_CI=1, set by .ci/run): CI
# installs every tool (scripts/install-deps.sh), so a missing one means a
# check silently stopped being made.  When a person runs `make check`
# without it, it is a skip, said on a "SKIPPED:" line that run.sh shows
# under the test's name and counts in its summary.
need_missing() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || { echo "$tool"; return; }
    done
}
need() {
    m=$(need_missing "$@")
    [ -z "$m" ] && return 0
    if [ "${PIA_CI:-0}" = 1 ]; then
        echo "FAILED: $m is not installed (PIA_CI=1: CI must have every tool the tests use)" >&2
        exit 1
    fi
    echo "SKIPPED: $m is not installed: this test did not run" >&2
    exit 0
}
have() {
    m=$(need_missing "$@")
    [ -z "$m" ] && return 0
    if [ "${PIA_CI:-0}" = 1 ]; then
        echo "FAILED: $m is not installed (PIA_CI=1: CI must have every tool the tests use)" >&2
        exit 1
    fi
    echo "SKIPPED: $m is not installed: part of this test did not run" >&2
    return 1
}
