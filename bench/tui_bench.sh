#!/bin/sh
# TUI benchmarks: time to the first frame of the assessment list with
# TUI_BENCH_N assessments (each a copy of the full sample; default 2,000,
# 10,000 with BENCH_FULL=1) in the database, and the cost of one keystroke
# in a 20,000-character answer.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PIA_TEMPLATE_DIR="$ROOT/templates" LANG=C.UTF-8 LC_ALL=C.UTF-8
case "${TERM:-dumb}" in dumb|unknown) export TERM=xterm-256color ;; esac
W=$(mktemp -d)
SOCK="pia-bench-$$"
trap 'for r in 1 2 3; do tmux -L "$SOCK-$r" kill-server 2>/dev/null || true; done; rm -rf "$W"' EXIT
N=${TUI_BENCH_N:-2000}
"$PIA" --db "$W/b.db" import "$ROOT/samples/kasou-jumin.yaml" >/dev/null
# Copy the sample N-1 times inside SQLite (pia import of each would
# measure the importer, not the TUI).
sqlite3 "$W/b.db" <<SQL
PRAGMA foreign_keys=OFF;
BEGIN;
WITH RECURSIVE k(i) AS (SELECT 2 UNION ALL SELECT i+1 FROM k WHERE i < $N)
INSERT INTO assessment(id,template,title,org,created,updated,answered)
  SELECT i, template, title || ' ' || i, org, created, strftime('%Y-%m-%dT%H:%M:%fZ','now','-' || i || ' seconds'), answered
  FROM assessment, k WHERE assessment.id = 1;
INSERT INTO file(assessment_id,position,name,updated) SELECT a.id, f.position, f.name, f.updated FROM file f, assessment a WHERE f.assessment_id=1 AND a.id>1;
INSERT INTO instance(assessment_id,file_id,group_id,position)
  SELECT a.id, (SELECT f2.id FROM file f2 WHERE f2.assessment_id=a.id AND f2.position=(SELECT position FROM file WHERE id=i.file_id)), i.group_id, i.position
  FROM instance i, assessment a WHERE i.assessment_id=1 AND a.id>1;
INSERT INTO answer(assessment_id,file_id,instance_id,item,value,detail,updated,updated_by,rev)
  SELECT a.id,
    (SELECT f2.id FROM file f2 WHERE f2.assessment_id=a.id AND f2.position=(SELECT position FROM file WHERE id=x.file_id)),
    (SELECT i2.id FROM instance i2 JOIN instance i1 ON i1.id=x.instance_id WHERE i2.assessment_id=a.id AND i2.group_id=i1.group_id AND i2.position=i1.position
       AND ifnull(i2.file_id,0)=ifnull((SELECT f3.id FROM file f3 WHERE f3.assessment_id=a.id AND f3.position=(SELECT position FROM file WHERE id=i1.file_id)),0)),
    x.item, x.value, x.detail, x.updated, x.updated_by, x.rev
  FROM answer x, assessment a WHERE x.assessment_id=1 AND a.id>1 AND a.id<=${TUI_BENCH_FULL:-$N};
COMMIT;
SQL
echo "database: $N assessments, $(du -m "$W/b.db" | cut -f1) MB"
best=""
for run in 1 2 3; do
    # A fresh server (socket) each run: reusing one races with the old
    # server's shutdown ("server exited unexpectedly").
    start=$(date +%s%N)
    tmux -L "$SOCK-$run" -f /dev/null new-session -d -s b -x 120 -y 40 "$PIA --db $W/b.db; sleep 5"
    # The list's second row (ID 2) drawn: the list shows the 表紙's title,
    # the same for every copy, so the row is found by its ID.  A minute at
    # most, so a list that never draws fails the bench instead of hanging.
    until tmux -L "$SOCK-$run" capture-pane -p -t b: 2>/dev/null | grep -qE '^ +2  +[0-9]{4}-'; do
        [ $(( $(date +%s%N) - start )) -lt 60000000000 ] || { echo "tui bench: the list was not drawn in 60 s"; exit 1; }
    done
    tmux -L "$SOCK-$run" kill-server 2>/dev/null || true
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    [ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
done
echo "first frame of the list with $N assessments: ${best} ms (best of 3, tmux start included)"
"$BENCH_BIN/keystroke"
