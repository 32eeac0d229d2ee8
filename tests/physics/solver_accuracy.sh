#!/usr/bin/env bash
# The default stopping test leaves every output column within RELTOL of its
# scale (a species' ledger: its release) of the same run solved to round-off
# (linear_tolerance 1e-15). Measured on the bone case over a day: 2.3e-5 at
# the default 1e-6 (6e-12 at 1e-12).
# Usage: solver_accuracy.sh MGSIM CSV_CHECK CASE WORKDIR RELTOL [--set ...]
set -eu
mgsim=$1 csv=$2 case=$3 work=$4 tol=$5
shift 5
rm -rf "$work"
"$mgsim" run "$case" --output "$work/default" --set output.vtu=false "$@" >/dev/null
"$mgsim" run "$case" --output "$work/exact" --set output.vtu=false \
  --set solver.linear_tolerance=1e-15 "$@" >/dev/null
"$csv" compare "$work/exact/stats.csv" "$work/default/stats.csv" "$tol"
"$csv" compare "$work/exact/bands.csv" "$work/default/bands.csv" "$tol"
