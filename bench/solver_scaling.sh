#!/usr/bin/env bash
# How the species solves scale with unknowns and ranks: a case at several
# global refinement levels on several rank counts, fixed steps, no output.
# Prints per run: unknowns per species, setup seconds (everything outside the
# time steps: process start, mesh, DoFs, operators), seconds and CG
# iterations per step (Mg2+, H2), peak memory (all ranks) and peak memory per
# unknown per species, and the speed-up of a step over the first rank count.
# Default case: the peer benchmark's graded wire (bench/peer/graded_wire.cfg;
# level 0: 149k, 1: 1.19M, 2: 9.5M unknowns per species).
# Usage: bench/solver_scaling.sh [LEVELS="0 1"] [RANKS="1 2"] [STEPS=10] [CASE]
# Not part of ctest; build first (./setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
levels=${1:-"0 1"} ranks=${2:-"1 2"} steps=${3:-10}
case_file=${4:-$root/bench/peer/graded_wire.cfg}
work=${BENCH_DIR:-$root/build/bench}
name=$(basename "$case_file" .cfg)
mkdir -p "$work"
end_days=$(awk -v n="$steps" 'BEGIN{printf "%.17g", n * 600 / 86400}')

printf "%-5s %-5s %9s %8s %8s %7s %7s %9s %12s %8s\n" \
  level ranks unknowns setup_s s/step CG_mg CG_h2 peak_MB B/unknown/sp speedup
for level in $levels; do
  first=""
  for np in $ranks; do
    out=$work/${name}_r${level}_np${np}
    start=$(date +%s.%N)
    log=$(mpirun --allow-run-as-root --oversubscribe -np "$np" "$root/build/mgsim" run \
      "$case_file" --output "$out" --set mesh.refinements="$level" \
      --set time.end_days="$end_days" --set time.step_hours=0.16666666666666667 \
      --set time.adaptive=false --set output.vtu=false 2>&1)
    total=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{print e - s}')
    peak=$(printf '%s\n' "$log" | sed -n 's/.*peak memory \([0-9.e+]*\) MB.*/\1/p')
    row=$(awk -F, -v total="$total" -v peak="$peak" -f "$root/bench/mgsim_figures.awk" \
      "$out/solver.csv" "$out/stats.csv")
    read -r dofs setup step mg h2 peak_mb <<<"$row"
    per_unknown=$(awk -v p="$peak_mb" -v n="$dofs" 'BEGIN{printf "%.0f", p * 1048576 / (2 * n)}')
    first=${first:-$step}
    printf "%-5s %-5s %9d %8.2f %8.3f %7.1f %7.1f %9.0f %12.0f %8.2f\n" "$level" "$np" "$dofs" \
      "$setup" "$step" "$mg" "$h2" "$peak_mb" "$per_unknown" "$(awk -v a="$first" -v b="$step" 'BEGIN{print a / b}')"
  done
done
