#!/usr/bin/env bash
# Benchmark: a whole study, cases/studies/tumour_uncertainty.cfg (64 runs of
# the single wire in the tumour over 3 days), on this machine's cores.
# Prints the study's wall time, runs per hour and wall seconds per run, and
# the median run's time loop (the rest of a run is set-up, which the
# study's workers share: doc/model.md §10).
# Usage: bench/study_throughput.sh [JOBS=$(nproc)] [STUDY=cases/studies/tumour_uncertainty.cfg]
# Not part of ctest; build first (./setup.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${1:-$(nproc)}
study=${2:-$root/cases/studies/tumour_uncertainty.cfg}
out=${BENCH_DIR:-$root/build/bench}/study_throughput
rm -rf "$out"
mkdir -p "$(dirname "$out")"
start=$(date +%s.%N)
"$root/build/mgsim" study "$study" --jobs "$jobs" --output "$out" > "$out.log" 2>&1 ||
  { tail -3 "$out.log"; exit 1; }
end=$(date +%s.%N)
runs=$(grep -c ',ok$' "$out/samples.csv")
loop=$(sed -n 's/^done: [0-9]* steps in \([0-9.e+-]*\) s.*/\1/p' "$out"/runs/*.log | sort -g |
  awk '{x[NR] = $1} END {print x[int((NR + 1) / 2)]}')
awk -v s="$start" -v e="$end" -v n="$runs" -v j="$jobs" -v loop="$loop" -v study="$(basename "$study")" 'BEGIN {
  w = e - s
  printf "%-26s %5s %5s %10s %10s %12s %14s\n", "study", "jobs", "runs", "wall_min", "runs/hour", "wall_s/run", "loop_s/run(med)"
  printf "%-26s %5d %5d %10.2f %10.0f %12.2f %14.2f\n", study, j, n, w / 60, n / w * 3600, w * j / n, loop
}'
