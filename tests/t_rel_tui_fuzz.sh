# Random keys and pastes into the real TUI (tests/tui_fuzz.py): a few short
# runs here, bounded in time; `make soak` runs many longer ones.  After
# every run the database passes integrity_check, holds only UTF-8, the
# other assessment is untouched and no answer changed without an audit row.
set -eu
case "${TERM:-dumb}" in dumb|unknown) export TERM=xterm-256color ;; esac
a=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
b=$($PIA --db t.db import "$ROOT/samples/kasou-jumin.yaml")
runs=${PIA_TUI_FUZZ_RUNS:-3}
[ "${PIA_VALGRIND:-0}" = 1 ] && runs=1
python3 "$TESTS_DIR/tui_fuzz.py" "$PIA" t.db "$a" "$b" "$runs" "${PIA_TUI_FUZZ_SECONDS:-6}" ${PIA_TUI_FUZZ_SEED:-}
