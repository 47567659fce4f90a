# lib.sh — helpers the benchmark scripts share (sourced, not run).

# best_of RUNS TIMEFILE COMMAND...: runs COMMAND RUNS times under
# /usr/bin/time; prints "best_wall best_cpu peak_rss_kb user sys" (seconds;
# CPU is user + system; the RSS of the run with the best wall time; user
# and system of the run with the best CPU).  BEFORE, if set, is evaluated
# before each run, untimed.
best_of() {
    runs=$1 tf=$2; shift 2
    bw=""; bc=""; brss=""; bu=""; bs=""; r=0
    while [ $r -lt "$runs" ]; do
        [ -z "${BEFORE:-}" ] || eval "$BEFORE"
        /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@"
        read -r wall user sys rss < "$tf"
        cpu=$(echo "$user $sys" | awk '{ print $1 + $2 }')
        if [ -z "$bw" ] || awk "BEGIN { exit !($wall < $bw) }"; then bw=$wall; brss=$rss; fi
        if [ -z "$bc" ] || awk "BEGIN { exit !($cpu < $bc) }"; then bc=$cpu; bu=$user; bs=$sys; fi
        r=$((r + 1))
    done
    echo "$bw $bc $brss $bu $bs"
}

# incl CALLGRIND_FILE FUNCTION: inclusive instructions of FUNCTION (0 if
# absent).  The annotation is kept beside the file for the next question
# (and made again when the callgrind file is newer, as with PROFILE_KEEP).
incl() {
    [ "$1.incl" -nt "$1" ] || callgrind_annotate --inclusive=yes --threshold=100 "$1" > "$1.incl" 2>/dev/null
    awk -v f=":$2 [" 'index($0, f) { gsub(",", "", $1); print $1; found = 1; exit } END { if (!found) print 0 }' "$1.incl"
}

# link_books OUTDIR LINKDIR: the assessments' workbooks of a bundle under
# plain numbered names (theirs hold spaces); prints how many.
link_books() {
    mkdir -p "$2"
    i=0
    for f in "$1"/*.xlsx; do
        [ "$(basename "$f")" = index.xlsx ] && continue
        i=$((i + 1))
        ln -s "$f" "$2/$(printf %06d $i).xlsx"
    done
    echo "$i"
}

# tui_env: what the TUI benchmarks run pia with — a UTF-8 locale, a named
# user for the audit, and a terminal type even when detached (CI has none).
tui_env() {
    export LANG=C.UTF-8 LC_ALL=C.UTF-8 PIA_USER=bench
    case "${TERM:-dumb}" in dumb|unknown) export TERM=xterm-256color ;; esac
}
