#!/usr/bin/env python3
"""tui_fuzz.py — random keys and pastes into the real TUI, in tmux, and the
database checked after every run.

Usage: tui_fuzz.py PIA DB ID OTHER-ID RUNS SECONDS [SEED]

Each run opens assessment ID (`pia open ID`, so the list and the other
assessment are out of reach) and sends, for SECONDS, a random mix of
navigation and command keys, Japanese and ASCII text, pastes marked as
such and unmarked (a burst), escape sequences pia knows and does not know,
raw bytes and resizes; then pia is told to stop (SIGTERM) if it is still
running.  After each run:
  - PRAGMA integrity_check is ok and pia exited 0;
  - every stored text is UTF-8 without NUL;
  - assessment OTHER-ID is byte for byte what it was;
  - no answer changed silently: every answer that differs from before the
    run has an audit row of the run saying so (set with that text, clear,
    or the removal of its file or instance).
Prints one line per run; exits 1 at the first failure, with the seed.
"""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

PIA, DB, ID, OTHER, RUNS, SECONDS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), \
    int(sys.argv[5]), float(sys.argv[6])
SEED = int(sys.argv[7]) if len(sys.argv) > 7 else int(time.time())
SOCK = "pia-fuzz-%d-0" % os.getpid()
rng = random.Random(SEED)

KEYS = ["j", "j", "j", "k", "k", "g", "G", "Enter", "Enter", "Escape", "q", "Space", "n", "Tab", "[", "]",
        "o", "f", "+", "-", "d", "e", "/", "N", "c", "x", "L", "C", "R", "S", "V", "?", "y", "n", "1", "2",
        "3", "Up", "Down", "Left", "Right", "Home", "End", "PPage", "NPage", "BSpace", "DC", "F2", "C-z",
        "C-e", "C-a", "a", "D", "X", "0", "9"]
WORDS = ["個人番号", "住民基本台帳", "窓口で本人確認を行う。", "①", "※", "〜", "評価書", "ｶﾀｶﾅ", "𠮟",
         "e", "L", "D X", "see page 3", " ", "\t", "\n", "y", "q", "\u009b", "\u200b", "é", "👍"]
SEQUENCES = ["1b5b317e", "1b5b347e", "1b5b377e", "1b5b387e", "1b5b48", "1b5b46", "1b4f48", "1b4f46",
             "1b5b337e", "1b5b32357e", "1b5b313b3544", "1b5b3f3163", "1b78", "1b5b3230307e", "1b5b3230317e",
             "9b", "c29b", "ff", "e381", "00"]


def new_socket(run):
    # A fresh server per run: reusing a socket races with the old server's
    # shutdown (as tests/tui_lib.sh says).
    global SOCK
    tmux("kill-server")
    SOCK = "pia-fuzz-%d-%d" % (os.getpid(), run)


def tmux(*args, check=False):
    return subprocess.run(["tmux", "-L", SOCK] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, check=check).stdout.decode("utf-8", "replace")


def text():
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))


def pane_pid():
    out = tmux("list-panes", "-t", "f:", "-F", "#{pane_pid}").split()
    return int(out[0]) if out else 0


def pia_pid():
    shell = pane_pid()
    if not shell:
        return 0
    out = subprocess.run(["pgrep", "-P", str(shell)], stdout=subprocess.PIPE).stdout.split()
    return int(out[0]) if out else 0


def pane_text():
    return tmux("capture-pane", "-p", "-t", "f:")


def act():
    r = rng.random()
    if r < 0.55:
        tmux("send-keys", "-t", "f:", rng.choice(KEYS))
    elif r < 0.70:
        tmux("send-keys", "-t", "f:", "-l", "--", text())
    elif r < 0.85:
        with open("fuzz-paste.buf", "w", encoding="utf-8") as f:
            f.write(text() * rng.choice([1, 1, 3, 50]))
        tmux("load-buffer", "fuzz-paste.buf")
        tmux("paste-buffer", "-t", "f:", *(["-p"] if rng.random() < 0.6 else []))
    elif r < 0.97:
        seq = rng.choice(SEQUENCES)
        tmux("send-keys", "-t", "f:", "-H", *[seq[i:i + 2] for i in range(0, len(seq), 2)])
    else:
        tmux("resize-window", "-t", "f:", "-x", str(rng.choice([60, 80, 100, 132])),
             "-y", str(rng.choice([20, 24, 30, 40])))
    time.sleep(rng.choice([0, 0, 0.01, 0.03, 0.1]))


def connect():
    db = sqlite3.connect(DB, timeout=30)
    db.text_factory = bytes
    return db


def answers(db):
    return {(r[0], r[1], r[2]): (r[3], r[4]) for r in db.execute(
        "SELECT ifnull(file_id,0), ifnull(instance_id,0), item, value, detail FROM answer "
        "WHERE assessment_id=?", (ID,))}


def audit(db):
    return {r[0]: r[1:] for r in db.execute(
        "SELECT seq, action, item, new, last_at FROM audit WHERE assessment_id=?", (ID,))}


def dump_other():
    return subprocess.run([PIA, "--db", DB, "export", str(OTHER), "--format", "yaml"],
                          stdout=subprocess.PIPE, check=True).stdout


def fail(run, why):
    print("tui fuzz: run %d failed (seed %d): %s" % (run, SEED, why))
    print(pane_text())
    sys.exit(1)


def audit_text(value, detail):
    return value + (b"\xef\xbc\x88" + detail + b"\xef\xbc\x89" if detail else b"")


def check(run, before, trail_before, other_before):
    db = connect()
    if db.execute("PRAGMA integrity_check").fetchone()[0] != b"ok":
        fail(run, "integrity_check")
    for table, cols in (("answer", "value, detail"), ("assessment", "title, org"), ("file", "name")):
        for row in db.execute("SELECT %s FROM %s" % (cols, table)):
            for t in row:
                if t is None:
                    continue
                if b"\x00" in t:
                    fail(run, "NUL stored in %s" % table)
                try:
                    t.decode("utf-8")
                except UnicodeDecodeError:
                    fail(run, "text that is not UTF-8 stored in %s: %r" % (table, t[:40]))
    after, trail = answers(db), audit(db)
    fresh = [v for s, v in trail.items() if trail_before.get(s) != v]
    removed = any(a in (b"file.remove", b"inst.remove") for a, _, _, _ in fresh)
    for key, (value, detail) in after.items():
        if before.get(key, (b"", b"")) == (value, detail):
            continue
        item = key[2]
        if value or detail:
            ok = any(i == item and n == audit_text(value, detail) for _, i, n, _ in fresh)
        else:
            ok = any(i == item and a in (b"clear", b"set") for a, i, _, _ in fresh)
        if not ok:
            fail(run, "answer %r changed to %r without an audit row" % (key, value[:40]))
    for key in before:
        if key not in after and not removed:
            fail(run, "answer %r vanished without a removal in the audit trail" % (key,))
    db.close()
    if dump_other() != other_before:
        fail(run, "the other assessment changed")


def start(env, n):
    """pia in the pane (a new session first, the same pane after)."""
    # The exit code goes to a file: what the fuzz types after pia is gone
    # can scroll any screen marker away.
    cmd = "%s %s --db %s open %d; echo $? > fuzz-exit-%d; sleep 60" % (env, PIA, DB, ID, n)
    if os.path.exists("fuzz-exit-%d" % n):
        os.unlink("fuzz-exit-%d" % n)
    if n == 0:
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "f", "-x", "100", "-y", "30", cmd)
        tmux("set-option", "-t", "f:", "remain-on-exit", "on")
    else:
        tmux("respawn-pane", "-k", "-t", "f:", cmd)
    deadline = time.time() + 10
    while not pia_pid() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)


def stop(run, n):
    """SIGTERM if pia still runs; it must end with exit 0."""
    pid = pia_pid()
    if pid:
        os.kill(pid, signal.SIGTERM)
    deadline, path = time.time() + 30, "fuzz-exit-%d" % n
    while not os.path.exists(path) and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(0.1)
    code = open(path).read().strip() if os.path.exists(path) else "none after 30 s"
    if code != "0":
        fail(run, "pia did not exit cleanly (exit %s)" % code)


def main():
    other_before = dump_other()
    env = "env -u VISUAL LANG=C.UTF-8 LC_ALL=C.UTF-8 EDITOR=true PIA_TEMPLATE_DIR='%s' PIA_USER=fuzz" % \
        os.environ.get("PIA_TEMPLATE_DIR", "")
    try:
        for run in range(1, RUNS + 1):
            db = connect()
            before, trail_before = answers(db), audit(db)
            db.close()
            new_socket(run)
            end, sent, sessions = time.time() + SECONDS, 0, 0
            while time.time() < end:
                start(env, sessions)
                while time.time() < end and (sent % 8 or pia_pid()):
                    act()
                    sent += 1
                stop(run, sessions)
                sessions += 1
            check(run, before, trail_before, other_before)
            print("tui fuzz: run %d: %d inputs in %d sessions, database ok" % (run, sent, sessions))
    finally:
        tmux("kill-server")
    print("tui fuzz: %d runs, seed %d" % (RUNS, SEED))


main()
