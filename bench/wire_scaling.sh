#!/usr/bin/env bash
# Benchmark: the default wire case at several refinement levels on 1 and 2
# MPI ranks. Prints DoFs per species, assembly and AMG setup time (first
# steps), seconds per time step and CG iterations per step (steady steps,
# i.e. after the matrix is final), and peak memory (all ranks).
# Usage: bench/wire_scaling.sh [LEVELS="0 1 2"] [RANKS="1 2"] [HOURS=6]
# Not part of ctest; build first (./setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
levels=${1:-"0 1 2"} ranks=${2:-"1 2"} hours=${3:-6}
work=${BENCH_DIR:-$root/build/bench}
mkdir -p "$work"

printf "%-5s %-5s %9s %11s %11s %10s %9s %9s %10s\n" \
  level ranks "DoFs" "assembly_s" "amg_setup_s" "s/step" "CG_mg" "CG_h2" "peak_MB"
for level in $levels; do
  for np in $ranks; do
    out=$work/wire_r${level}_np${np}
    log=$(mpirun --allow-run-as-root --oversubscribe -np "$np" "$root/build/mgsim" run \
      "$root/cases/wire_in_muscle.cfg" --output "$out" \
      --set mesh.refinements="$level" --set time.end_days="$(awk -v h="$hours" 'BEGIN{print h/24}')" \
      --set output.vtu=false 2>&1)
    peak=$(printf '%s\n' "$log" | sed -n 's/.*peak memory \([0-9.e+]*\) MB.*/\1/p')
    dofs=$(awk -F, 'NR==2{print $3}' "$out/stats.csv")
    # Steps 1-2 build the backward-Euler and BDF2 matrices and AMG hierarchies.
    awk -F, -v level="$level" -v np="$np" -v dofs="$dofs" -v peak="$peak" '
      NR==1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
      $1<=2 {asm+=$col["assembly_s"]; amg+=$col["amg_setup_s"]}
      $1>2  {n++; wall+=$col["step_wall_s"]; it1+=$col["cg_iterations_mg"]; it2+=$col["cg_iterations_h2"]}
      END {printf "%-5s %-5s %9d %11.3f %11.3f %10.3f %9.1f %9.1f %10.0f\n",
                  level, np, dofs, asm, amg, wall/n, it1/n, it2/n, peak}' "$out/solver.csv"
  done
done
