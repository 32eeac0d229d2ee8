#!/usr/bin/env bash
# The same case on 1 and 2 MPI ranks gives the same stats.csv to RELTOL
# (relative to each column's scale). Differences come only from the linear
# solver (CG stops at a relative residual of 1e-12 here; the AMG hierarchy
# differs between partitions), so 1e-8 leaves four orders of margin.
# Usage: mpi_consistency.sh MGSIM CSV_CHECK MPIEXEC CASE WORKDIR RELTOL [--set ...]
set -eu
mgsim=$1 csv=$2 mpiexec=$3 case=$4 work=$5 tol=$6
shift 6
rm -rf "$work"
for n in 1 2; do
  "$mpiexec" --allow-run-as-root --oversubscribe -np $n "$mgsim" run "$case" \
    --output "$work/np$n" --set output.vtu=false --set solver.linear_tolerance=1e-12 "$@" >/dev/null
done
"$csv" compare "$work/np1/stats.csv" "$work/np2/stats.csv" "$tol"
