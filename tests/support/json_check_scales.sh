#!/usr/bin/env bash
# json_check holds a figure per region to the scale of that figure over all
# regions: a far region's tiny excess dose may move by solver error (~1e-12
# of the field's scale) without failing, while a real change of it, or any
# change of 1e-9 in the largest region, fails.
# Usage: json_check_scales.sh JSON_CHECK REFERENCE_SUMMARY WORK_DIR
set -u
check=$1 reference=$2 work=$3
mkdir -p "$work"
largest=187.26668128788273 smallest=0.0009860934906170793
grep -q "\"max_dose_mM_h\": $largest," "$reference" &&
  grep -q "\"max_dose_mM_h\": $smallest," "$reference" ||
  { echo "FAIL: reference lacks the doses this test edits"; exit 1; }
expect() { # expect pass|fail FROM TO
  sed "s/\"max_dose_mM_h\": $2,/\"max_dose_mM_h\": $3,/" "$reference" > "$work/edited.json"
  "$check" compare "$reference" "$work/edited.json" 1e-10 > "$work/out.txt"
  local code=$?
  if { [ "$1" = pass ] && [ $code -ne 0 ]; } || { [ "$1" = fail ] && [ $code -eq 0 ]; }; then
    echo "FAIL: $2 -> $3 should $1"; cat "$work/out.txt"; exit 1
  fi
  echo "ok: $2 -> $3 ($1)"
}
expect pass "$largest" "$largest"
expect pass "$smallest" 0.0009860934927 # 2e-12 absolute: 2e-9 of itself
expect fail "$smallest" 0.00098           # a real change of the far region
expect fail "$largest" 187.26668148788273 # 1e-9 of the largest
echo PASS
