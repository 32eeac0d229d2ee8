#!/usr/bin/env bash
# Kill -9 at every moment of a run that matters for its checkpoints (issue
# #16), on 1 and 2 ranks, each made to happen on cue by a test fault
# (MGSIM_TEST_FAULT, solver/base/test_faults.h):
#   setup               after the files are opened, before the first step
#   step@7              mid-interval: rows written after the last checkpoint
#   checkpoint-mesh@2   while the mesh and fields are written (cut in half)
#   checkpoint-state@2  while run_state.bin is written (cut in half)
#   checkpoint-marker@2 after the `complete` marker, before the renames
#   checkpoint-rename@1 between the renames of the first checkpoint
#   checkpoint-rename@2 between checkpoint -> checkpoint.old and
#                       checkpoint.new -> checkpoint
# --resume always succeeds and ends where the uninterrupted run on the same
# ranks ends: stats.csv and bands.csv to SAME (the AMG hierarchy is rebuilt
# at the resume; the linear tolerance is 1e-13), solution.pvd with the same
# entries. A checkpoint of 1 rank resumed on 2 ends within ACROSS (the
# 1-vs-2-rank difference, mpi_consistency.sh).
# Usage: kill_moments.sh MGSIM CSV_CHECK MPIEXEC CASE WORKDIR SAME ACROSS [--set ...]
set -u
mgsim=$1 csv=$2 mpiexec=$3 case=$4 work=$5 same=$6 across=$7
shift 7
rm -rf "$work"
mkdir -p "$work"
. "$(dirname "$0")/fault_helpers.sh"

for ranks in 1 2; do whole_run $ranks "$work/whole$ranks" "$@"; done

check_resume() { # check_resume NAME KILL_RANKS RESUME_RANKS TOLERANCE MOMENT
  local out=$work/$1
  MGSIM_TEST_FAULT=$5 on "$2" "$mgsim" run "$case" --output "$out" "${@:6}" \
    > "$out.killed.log" 2>&1 && fail "$1: the run was not killed at $5"
  [ ! -f "$out/summary.json" ] || fail "$1: finished before the kill at $5"
  on "$3" "$mgsim" run "$case" --output "$out" --resume "${@:6}" > "$out.log" 2>&1 ||
    fail "$1: --resume failed: $(tail -1 "$out.log")"
  same_results "$1" "$work/whole$3" "$out" "$4"
  cmp -s <(grep -o 'timestep="[^"]*"' "$work/whole$3/solution.pvd") \
         <(grep -o 'timestep="[^"]*"' "$out/solution.pvd") ||
    fail "$1: solution.pvd entries differ"
  echo "$1 ($5, killed on $2, resumed on $3): $(grep -m1 -o 'resumed from [^ ]*\|starting at t = 0' "$out.log")"
}

for ranks in 1 2; do
  for moment in setup step@7 checkpoint-mesh@2 checkpoint-state@2 \
                checkpoint-marker@2 checkpoint-rename@1 checkpoint-rename@2; do
    check_resume "${moment/@/_}_np$ranks" $ranks $ranks "$same" "$moment" "$@"
  done
done
check_resume across 1 2 "$across" checkpoint-state@2 "$@"
echo PASS
