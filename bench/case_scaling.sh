#!/usr/bin/env bash
# Strong scaling of any case: the same run on several MPI rank counts with
# fixed steps (no adaptive stepping, no .vtu), so every rank count does the
# same work. Prints per rank count the seconds of the time loop and per
# step, the speed-up over the first count, CG iterations and peak memory.
# Usage: bench/case_scaling.sh CASE.cfg [DAYS=1] [RANKS="1 2"] [--set ...]
# On a cluster: run it inside an allocation with RANKS="1 2 4 8 16 ...";
# mpirun takes the hosts from the scheduler. Not part of ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case_file=$1 days=${2:-1} ranks=${3:-"1 2"}
shift $(( $# < 3 ? $# : 3 ))
work=${BENCH_DIR:-$root/build/bench}
name=$(basename "$case_file" .cfg)
mkdir -p "$work"

printf "%-6s %9s %10s %8s %8s %7s %9s\n" ranks DoFs loop_s s/step speedup CG_mg peak_MB
first=""
for np in $ranks; do
  out=$work/${name}_np${np}
  log=$(mpirun --allow-run-as-root --oversubscribe -np "$np" "$root/build/mgsim" run \
    "$case_file" --output "$out" --set time.end_days="$days" --set time.adaptive=false \
    --set output.vtu=false "$@" 2>&1)
  loop=$(printf '%s\n' "$log" | sed -n 's/^done: [0-9]* steps in \([0-9.e+]*\) s.*/\1/p')
  peak=$(printf '%s\n' "$log" | sed -n 's/.*peak memory \([0-9.e+]*\) MB.*/\1/p')
  first=${first:-$loop}
  dofs=$(awk -F, 'NR==2{print $3}' "$out/stats.csv")
  awk -F, -v np="$np" -v dofs="$dofs" -v loop="$loop" -v first="$first" -v peak="$peak" '
    NR==1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
    {n++; it += $col["cg_iterations_mg"]}
    END {printf "%-6s %9d %10.2f %8.3f %8.2f %7.1f %9.0f\n",
         np, dofs, loop, loop / n, first / loop, it / n, peak}' "$out/solver.csv"
done
