#!/bin/sh
# Where the time goes, in instructions counted by callgrind: deterministic,
# and unaffected by other processes on a shared machine (perf's counters are
# not available in this VM).  Not part of `make bench` (it takes minutes).
#
#   1. `pia bundle --jobs 1` of PROFILE_N assessments (bench/gen.py; default
#      20): instructions per assessment, against zlib deflate level 6 of the
#      same XML (bench/deflate_floor.c, only its deflate calls counted), and
#      the share of the whole run spent in each named part.
#   2. The keys of bench/tui_keys.c in-process on the big assessment
#      (bench/gen_big.py), only pia's thread counted (--toggle-collect=
#      tui_run): instructions per key and the heaviest functions per kind.
#
# PROFILE_KEEP=DIR keeps the callgrind files there for callgrind_annotate.
set -eu
: "${PIA:?PIA must name the pia binary}" "${BENCH_BIN:?BENCH_BIN must name the bench binaries}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/bench/lib.sh"
export PIA_TEMPLATE_DIR="$ROOT/templates"
tui_env
W=${PROFILE_KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/pia-profile.XXXXXX")}
mkdir -p "$W"
[ -n "${PROFILE_KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
N=${PROFILE_N:-20}
CG="valgrind --tool=callgrind --dump-instr=no"

total() { sed -n 's/^summary: //p; s/^totals: //p' "$1" | head -1; }
share() {   # FILE TOTAL FUNCTION WHAT
    n=$(incl "$1" "$3")
    awk -v n="$n" -v t="$2" -v f="$3" -v w="$4" -v k="$N" \
        'BEGIN { printf "  %5.1f%%  %7.2f M/assessment  %-28s %s\n", n * 100 / t, n / k / 1e6, f, w }'
}

# ---- 1. the bundle ----------------------------------------------------------
python3 "$ROOT/bench/gen.py" "$N" "$W/gen" 1
for f in "$W"/gen/*.yaml; do "$PIA" --db "$W/b.db" import "$f" >/dev/null; done
$CG --callgrind-out-file="$W/bundle.cg" "$PIA" bundle --out "$W/out" --db "$W/b.db" --all --format xlsx --quiet --jobs 1 2>/dev/null
link_books "$W/out" "$W/books" >/dev/null
$CG --toggle-collect=deflate_all --callgrind-out-file="$W/floor.cg" "$BENCH_BIN/deflate_floor" -p 1 -l 6 "$W"/books/*.xlsx >/dev/null 2>&1
bt=$(total "$W/bundle.cg"); ft=$(total "$W/floor.cg")
echo "profile: callgrind instruction counts (deterministic; the machine is shared, so counts, not seconds, are compared here)"
awk -v b="$bt" -v f="$ft" -v n="$N" 'BEGIN {
    printf "bundle of %d assessments, --jobs 1: %.1f M instructions per assessment (start-up and template shared over the %d; bench/bundle_bench.sh gives the marginal figure); deflate level 6 of the same XML: %.1f M; ratio %.2f\n", n, b / n / 1e6, n, f / n / 1e6, b / f }'
echo "where the bundle goes (inclusive shares of the whole run; parts nest as indented in the names' order):"
B="$W/bundle.cg"
share "$B" "$bt" pia_store_load        "reader thread: each assessment from SQLite into a pia_doc"
share "$B" "$bt" pia_doc_set_full      "  of which: building the doc's hash table"
share "$B" "$bt" pia_export_xlsx_opts  "writer thread: one workbook"
share "$B" "$bt" pia_print_build       "  pia's print model: the template walked, answers formatted"
share "$B" "$bt" xl_sheet_write        "  pia's page layout and the cells handed to libxlsxwriter"
share "$B" "$bt" pia_lb_lines          "    line breaking for row heights (pia)"
share "$B" "$bt" worksheet_write_string "    libxlsxwriter: storing a cell (copy, shared-string table)"
share "$B" "$bt" worksheet_merge_range "    libxlsxwriter: a merged cell and its blanks"
share "$B" "$bt" workbook_add_worksheet "  libxlsxwriter: a worksheet per section (zeroed tables)"
share "$B" "$bt" workbook_close        "  libxlsxwriter: writing the parts and packaging the zip"
share "$B" "$bt" _write_worksheet_files "    the sheets' XML (fprintf to scratch files, read back, deflated)"
share "$B" "$bt" _write_shared_strings_file "    sharedStrings.xml"
share "$B" "$bt" deflate               "    zlib deflate of every part (the floor's work)"
share "$B" "$bt" crc32_z               "    CRC-32 of each member"
share "$B" "$bt" lxw_workbook_free     "    freeing the workbook"
share "$B" "$bt" pia_sha256_update     "SHA-256: the manifest's read-back of every file (and pia's own binary once per run)"
share "$B" "$bt" pia_doc_free          "freeing each doc"
share "$B" "$bt" pia_form_load_named   "loading the template (once per run)"
if command -v strace >/dev/null 2>&1; then
    # What callgrind cannot see: the kernel's share (temporary files, syncs).
    rm -rf "$W/out2"
    strace -f -c -o "$W/strace" "$PIA" bundle --out "$W/out2" --db "$W/b.db" --all --format xlsx --quiet --jobs 1
    printf "system calls per assessment (strace -c):"
    for sc in openat unlink write read lseek fsync rename; do
        awk -v s="$sc" -v n="$N" '$NF == s { printf " %s %.0f", s, $4 / n }' "$W/strace"
    done
    echo
fi

# ---- 2. keys on the big assessment ---------------------------------------------
python3 "$ROOT/bench/gen_big.py" "$W/big.yaml"
id=$("$PIA" --db "$W/big.db" import "$W/big.yaml")
K=${PROFILE_KEYS:-4}
TUI_KEYS_N=$K $CG --toggle-collect=tui_run --callgrind-out-file="$W/keys.cg" \
    "$BENCH_BIN/tui_keys" "$W/big.db" "$id" > "$W/keys.txt" 2>/dev/null
echo "keys on the big assessment (bench/gen_big.py), instructions of pia's thread per key:"
for f in $(ls "$W"/keys.cg.* | sort -t. -k3 -n); do
    name=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
    case $name in
        open) n=1 ;; file) n=4 ;; down|up|type) n=$K ;; pgdn) n=$((K / 4 + 1)) ;; toggle) n=$((K / 2)) ;;
        editor_open|editor_leave) n=1 ;; editor_save) n=0 ;; idle) n=0 ;; *) continue ;;
    esac
    t=$(total "$f")
    if [ "$n" -gt 0 ]; then
        awk -v t="$t" -v n="$n" -v k="$name" 'BEGIN { printf "  %-14s %9.1f M per key (%d keys)\n", k, t / n / 1e6, n }'
    else
        awk -v t="$t" -v k="$name" 'BEGIN { printf "  %-14s %9.1f M in the idle wait (%s)\n", k, t / 1e6, k == "idle" ? "2 s, form view" : "1.5 s, editor" }'
    fi
    echo "$name $f" >> "$W/phases"
done
for name in open file down toggle editor_leave idle; do
    f=$(awk -v k="$name" '$1 == k { print $2; exit }' "$W/phases")
    [ -n "$f" ] || continue
    echo "heaviest functions in '$name' (inclusive, % of the phase):"
    callgrind_annotate --inclusive=yes --threshold=100 --auto=no "$f" 2>/dev/null |
        grep -E '^ *[0-9,]+ \( *[0-9.]+%\) .*\]$' |
        grep -v -E "libc-start|libc_start_call_main|\(below main\)|:main |:tui_run |0x000000000001ab70|clone.S|start_thread|:visit'|:tui_form_view " |
        head -14 | sed -E 's/ \[[^]]*\]$//; s#^ *([0-9,]+) \( *([0-9.]+%)\) +[^ ]*:([^ ]+) *$#    \2  \3#'
done
