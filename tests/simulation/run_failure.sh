#!/usr/bin/env bash
# Run guards (issue #16): a NaN in Mg2+ and a linear solve that does not
# converge, injected on cue (MGSIM_TEST_FAULT=nan@5, diverge@9: the 5th step,
# the 9th solve), on 1 and 2 ranks. Each ends the run with exit code 3 and
# one line naming the step, the time and what failed; the state before the
# failed step is checkpointed, and --resume from it (without the fault) ends
# where the uninterrupted run on the same ranks ends (stats.csv, bands.csv
# to TOL: the AMG hierarchy is rebuilt at the resume).
# Usage: run_failure.sh MGSIM CSV_CHECK MPIEXEC CASE WORKDIR TOL [--set ...]
set -u
mgsim=$1 csv=$2 mpiexec=$3 case=$4 work=$5 tol=$6
shift 6
rm -rf "$work"
mkdir -p "$work"
. "$(dirname "$0")/fault_helpers.sh"

for ranks in 1 2; do
  whole_run $ranks "$work/whole$ranks" "$@"
  for fault in "nan@5|Mg2+ is not finite (NaN or infinite)" \
               "diverge@9|Mg2+: the linear solver did not converge in 10 iterations"; do
    name=${fault%%@*} expected=${fault#*|}
    out=$work/${name}_np$ranks
    MGSIM_TEST_FAULT=${fault%%|*} on $ranks "$mgsim" run "$case" --output "$out" "$@" \
      > "$out.out" 2> "$out.err"
    code=$?
    [ $code -eq 3 ] || fail "$name on $ranks: exit code $code, expected 3"
    [ "$(wc -l < "$out.err")" -eq 1 ] || fail "$name on $ranks: not one line: $(cat "$out.err")"
    grep -qxF "mgsim: error: the run failed in step 5 (t = 2 -> 2.5 h): $expected; the state at t = 2 h is checkpointed in $out/checkpoint" "$out.err" ||
      fail "$name on $ranks: unexpected message: $(cat "$out.err")"
    [ -f "$out/checkpoint/complete" ] || fail "$name on $ranks: no complete checkpoint"
    [ ! -f "$out/summary.json" ] || fail "$name on $ranks: a summary of a failed run"
    on $ranks "$mgsim" run "$case" --output "$out" --resume "$@" > "$out.log" 2>&1 ||
      fail "$name on $ranks: --resume failed: $(tail -1 "$out.log")"
    grep -q "^resumed from $out/checkpoint" "$out.log" || fail "$name on $ranks: did not resume"
    same_results "$name on $ranks" "$work/whole$ranks" "$out" "$tol"
    echo "$name on $ranks rank(s): exit 3, $(cut -c1-90 "$out.err")..., resumed"
  done
done
echo PASS
