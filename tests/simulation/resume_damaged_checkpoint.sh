#!/usr/bin/env bash
# Resume when the newest checkpoints are damaged (issue #16): a kill while a
# checkpoint is written leaves checkpoint.new with a 0-byte run_state.bin,
# and a disk fault may cut a file of checkpoint itself. Each checkpoint's
# `complete` marker (written last) lists its files' sizes; --resume passes
# over the incomplete ones, says so, and continues from the newest complete
# one: checkpoint, else checkpoint.old (the two newest are kept). It ends
# where the run resumed from an undamaged directory ends (stats.csv
# and bands.csv to RELTOL: the same rank count, AMG rebuilt at the resume).
# Usage: resume_damaged_checkpoint.sh MGSIM CSV_CHECK CASE WORKDIR RELTOL [--set ...]
set -eu
mgsim=$1 csv=$2 case=$3 work=$4 tol=$5
shift 5
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
# 12 h with a checkpoint every 6 h: checkpoint (12 h) and checkpoint.old (6 h).
"$mgsim" run "$case" --output "$work/part" --set time.end_days=0.5 "$@" > /dev/null
for c in checkpoint checkpoint.old; do
  [ -f "$work/part/$c/complete" ] || fail "$c has no complete marker"
done
for d in intact new_cut both_cut; do cp -r "$work/part" "$work/$d"; done
# A kill while checkpoint.new was written.
for d in new_cut both_cut; do
  cp -r "$work/$d/checkpoint" "$work/$d/checkpoint.new"
  : > "$work/$d/checkpoint.new/run_state.bin"
done
# And checkpoint's data cut short.
truncate -s 100 "$work/both_cut/checkpoint/mesh_fixed.data"

for d in intact new_cut both_cut; do
  "$mgsim" run "$case" --output "$work/$d" --resume --set time.end_days=1 "$@" > "$work/$d.log" 2>&1 ||
    fail "$d: resume failed: $(tail -2 "$work/$d.log")"
done
grep -q "^resumed from .*/checkpoint$" "$work/intact.log" || fail "intact: not resumed from checkpoint"
grep -q "passed over (checkpoint.new: run_state.bin has 0 bytes" "$work/new_cut.log" ||
  fail "new_cut: the cut checkpoint.new was not named"
grep -q "^resumed from .*/checkpoint$" "$work/new_cut.log" || fail "new_cut: not resumed from checkpoint"
grep -q "checkpoint: mesh_fixed.data has 100 bytes" "$work/both_cut.log" ||
  fail "both_cut: the cut checkpoint was not named"
grep -q "^resumed from .*/checkpoint.old$" "$work/both_cut.log" || fail "both_cut: not resumed from checkpoint.old"
grep -h "passed over\|^resumed from" "$work"/new_cut.log "$work"/both_cut.log
for d in new_cut both_cut; do
  "$csv" compare "$work/intact/stats.csv" "$work/$d/stats.csv" "$tol"
  "$csv" compare "$work/intact/bands.csv" "$work/$d/bands.csv" "$tol"
done
echo PASS
