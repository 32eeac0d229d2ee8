#!/usr/bin/env bash
# A run killed (SIGKILL, as at a batch time limit) and resumed with --resume
# from its last checkpoint ends where an uninterrupted run ends: stats.csv and
# bands.csv agree to RELTOL, and summary.json, solution.pvd and the .vtu
# count match. The resumed part runs on 2 ranks (a checkpoint of 1 rank is
# read by any number), so RELTOL is the 1-vs-2-rank solver tolerance
# (mpi_consistency.sh); on the same rank count the difference is ~1e-12, from
# the AMG hierarchy rebuilt at the resume.
# Usage: resume_after_kill.sh MGSIM CSV_CHECK MPIEXEC CASE WORKDIR RELTOL [--set ...]
set -eu
mgsim=$1 csv=$2 mpiexec=$3 case=$4 work=$5 tol=$6
shift 6
rm -rf "$work"
mkdir -p "$work"
"$mgsim" run "$case" --output "$work/whole" "$@" >/dev/null

# Kill once a checkpoint exists and steps beyond it were written (they must
# be dropped and redone).
"$mgsim" run "$case" --output "$work/killed" "$@" > "$work/killed.log" 2>&1 &
pid=$!
state="$work/killed/checkpoint/run_state.bin"
for _ in $(seq 1 3000); do
  if [ -f "$state" ] && [ "$(wc -l < "$work/killed/stats.csv")" -ge 12 ]; then break; fi
  sleep 0.05
done
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
[ -f "$state" ] || { echo "FAIL: no checkpoint was written"; exit 1; }
[ ! -f "$work/killed/summary.json" ] || { echo "FAIL: the run finished before it was killed"; exit 1; }
echo "killed after $(($(wc -l < "$work/killed/stats.csv") - 1)) rows of stats.csv"

"$mpiexec" --allow-run-as-root --oversubscribe -np 2 "$mgsim" run "$case" \
  --output "$work/killed" --resume "$@" > "$work/resumed.log"
grep -q "^resumed from .*checkpoint" "$work/resumed.log" || { echo "FAIL: did not resume"; exit 1; }
"$csv" compare "$work/whole/stats.csv" "$work/killed/stats.csv" "$tol"
"$csv" compare "$work/whole/bands.csv" "$work/killed/bands.csv" "$tol"
[ "$(grep -c DataSet "$work/whole/solution.pvd")" -eq "$(grep -c DataSet "$work/killed/solution.pvd")" ] ||
  { echo "FAIL: solution.pvd entries differ"; exit 1; }
[ "$(ls "$work/whole/solution" | wc -l)" -eq "$(ls "$work/killed/solution" | wc -l)" ] ||
  { echo "FAIL: .vtu files differ in number"; exit 1; }
# A finished run is not repeated.
"$mgsim" run "$case" --output "$work/killed" --resume "$@" | grep -q "is complete" ||
  { echo "FAIL: a finished run was run again"; exit 1; }
echo PASS
