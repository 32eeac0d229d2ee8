#!/usr/bin/env bash
# Benchmark: the default wire corroding fast (30 mm/y in vitro, pitting
# m = 2) with adaptive mesh refinement, until most of its metal is gone.
# Prints DoFs and metal left over time, then steps, seconds per step and the
# share of wall time in assembly, AMG setup, CG solves, opening emptied
# cells, mesh refinement and the rest (release, statistics, output).
# Usage: bench/degrading_wire.sh [LEVEL=0] [MAX_LEVELS=1] [DAYS=1.5] [RANKS=1]
# Not part of ctest; build first (./setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
level=${1:-0} max_levels=${2:-1} days=${3:-1.5} np=${4:-1}
out=${BENCH_DIR:-$root/build/bench}/degrading_wire_r${level}_a${max_levels}_np${np}

start=$(date +%s.%N)
mpirun --allow-run-as-root --oversubscribe -np "$np" "$root/build/mgsim" run \
  "$root/cases/wire_in_muscle.cfg" --output "$out" \
  --set mesh.refinements="$level" --set time.end_days="$days" \
  --set implant.environment=in_vitro --set implant.rate_initial_mm_per_y=30 \
  --set implant.rate_steady_mm_per_y=30 --set implant.pitting_weibull_shape=2 \
  --set adaptivity.enabled=true --set adaptivity.max_levels="$max_levels" \
  --set adaptivity.every_hours=3 --set output.vtu=false >/dev/null
total=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{print e-s}')

echo "time_h  DoFs     metal_left_%  balance_error"
awk -F, 'NR==1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
  NR==2 {v0 = $col["implant_volume_mm3"]}
  $col["time_h"] >= next_h {next_h += 3;
    printf "%6.1f  %-8d %12.1f  %.1e\n", $col["time_h"], $col["dofs"],
           100 * $col["implant_volume_mm3"] / v0, $col["mass_balance_rel_error"]}' \
  "$out/stats.csv"
awk -F, -v total="$total" 'NR==1 {for (i = 1; i <= NF; i++) col[$i] = i; next}
  {n++; asm += $col["assembly_s"]; amg += $col["amg_setup_s"];
   solve += $col["solve_s"]; open += $col["open_cells_s"]
   ref += $col["refinement_s"]; exposure += $col["exposure_s"]; wall += $col["step_wall_s"]}
  END {other = total - asm - amg - solve - open - ref - exposure
       printf "steps %d, wall %.1f s, %.3f s/step\n", n, total, wall / n
       printf "assembly %.0f %%, AMG setup %.0f %%, solve %.0f %%, opening cells %.0f %%, refinement %.0f %%, exposure history %.0f %%, other (incl. bands, summary) %.0f %%\n",
              100*asm/total, 100*amg/total, 100*solve/total, 100*open/total, 100*ref/total, 100*exposure/total, 100*other/total}' \
  "$out/solver.csv"
