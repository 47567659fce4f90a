# lib.sh — helpers the benchmark scripts share (sourced, not run).

# best_of RUNS TIMEFILE COMMAND...: runs COMMAND RUNS times under
# /usr/bin/time; prints "best_wall best_cpu peak_rss_kb" (seconds; CPU is
# user + system; the RSS of the run with the best wall time).  BEFORE, if
# set, is evaluated before each run, untimed.
best_of() {
    runs=$1 tf=$2; shift 2
    bw=""; bc=""; brss=""; r=0
    while [ $r -lt "$runs" ]; do
        [ -z "${BEFORE:-}" ] || eval "$BEFORE"
        /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@"
        read -r wall user sys rss < "$tf"
        cpu=$(echo "$user $sys" | awk '{ print $1 + $2 }')
        if [ -z "$bw" ] || awk "BEGIN { exit !($wall < $bw) }"; then bw=$wall; brss=$rss; fi
        if [ -z "$bc" ] || awk "BEGIN { exit !($cpu < $bc) }"; then bc=$cpu; fi
        r=$((r + 1))
    done
    echo "$bw $bc $brss"
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
