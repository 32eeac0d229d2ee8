#!/usr/bin/env bash
# A run writes every value it used into case.resolved.cfg; running that file
# again must reproduce stats.csv exactly (same binary, same rank count: the
# computation is deterministic, so the tolerance is round-off, 1e-14). Also
# checks that the run wrote its ParaView files.
# Usage: rerun_resolved.sh MGSIM CSV_CHECK CASE WORKDIR [--set ...]
set -eu
mgsim=$1 csv=$2 case=$3 work=$4
shift 4
rm -rf "$work"
"$mgsim" run "$case" --output "$work/first" "$@" >/dev/null
for f in case.resolved.cfg stats.csv log.txt solution.pvd solution-00000.pvtu solution/solution-00000.vtu; do
  [ -s "$work/first/$f" ] || { echo "FAIL: $f missing"; exit 1; }
done
for field in "Mg2+ [mM]" "H2 [mM]" "H2 gas volume fraction" "region id"; do
  grep -qF "Name=\"$field\"" "$work/first/solution-00000.pvtu" || { echo "FAIL: field '$field' missing"; exit 1; }
done
"$mgsim" run "$work/first/case.resolved.cfg" --output "$work/second" >/dev/null
"$csv" compare "$work/first/stats.csv" "$work/second/stats.csv" 1e-14
