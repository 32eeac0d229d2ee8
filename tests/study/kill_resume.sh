#!/usr/bin/env bash
# A study killed midway (doc/model.md §10): SIGKILL of the run in progress
# (its worker) once the run has written a checkpoint, then of the study
# itself. The pool's workers end with the study (none is left running); the
# study started again runs only the runs without results, the interrupted
# one continuing from its checkpoint, and writes the same samples.csv as the
# study run without interruption.
# Usage: kill_resume.sh MGSIM STUDY WORKDIR
set -eu
mgsim=$1 study=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
"$mgsim" study "$study" --jobs 2 --output "$work/whole" > "$work/whole.log" 2>&1 ||
  fail "the uninterrupted study: $(tail -3 "$work/whole.log")"

runs=$work/killed/runs
"$mgsim" study "$study" --jobs 1 --output "$work/killed" > "$work/killed.log" 2>&1 &
driver=$!
# A run midway: a complete checkpoint, no results yet, no checkpoint being
# written.
midway() {
  for d in "$runs"/[0-9][0-9][0-9][0-9]; do
    [ -d "$d/checkpoint" ] && [ ! -e "$d/checkpoint.new" ] && [ ! -e "$d/summary.json" ] &&
      { echo "$d"; return 0; }
  done
  return 1
}
deadline=$((SECONDS + 300))
until [ -e "$runs/0000/summary.json" ] && midway > /dev/null; do
  kill -0 $driver 2>/dev/null || fail "the study ended before it could be interrupted"
  [ $SECONDS -lt $deadline ] || fail "no run midway within 300 s"
  sleep 0.05
done
workers=$(pgrep -P $driver || true)
[ -n "$workers" ] || fail "no worker process"
kill -KILL $workers
# The run may have finished in the moment between: the runs interrupted are
# those left with a checkpoint and no results.
interrupted=$(midway) || fail "the run finished before its worker was killed; no run interrupted"
echo "killed the worker of $(basename "$interrupted") midway"
sleep 0.3
children=$(pgrep -P $driver || true)
kill -KILL $driver
wait $driver 2>/dev/null || true
sleep 1
for pid in $children; do
  state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
  case "$state" in "" | Z*) ;; *) fail "worker $pid still runs after the study was killed" ;; esac
done
done_before=$(ls "$runs"/*/summary.json | wc -l)
total=$(grep -c "" "$work/whole/samples.csv")
total=$((total - 1))
echo "$done_before of $total runs done when the study was killed"

"$mgsim" study "$study" --jobs 2 --output "$work/killed" > "$work/again.log" 2>&1 ||
  fail "the study started again: $(tail -3 "$work/again.log")"
cat "$work/again.log"
grep -q "$done_before done before, $((total - done_before)) to run" "$work/again.log" ||
  fail "expected only the $((total - done_before)) runs without results to run"
grep -q "resumed from" "$interrupted.log" || fail "$(basename "$interrupted") did not resume from its checkpoint"
echo "$(basename "$interrupted") resumed from its checkpoint"
cmp "$work/whole/samples.csv" "$work/killed/samples.csv" ||
  { diff "$work/whole/samples.csv" "$work/killed/samples.csv"; fail "samples.csv differs"; }
echo "samples.csv equals the uninterrupted study's"
echo PASS
