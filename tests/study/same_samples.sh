#!/usr/bin/env bash
# A fixed seed gives the same samples.csv with 1 and 2 concurrent runs and
# with 1 and 2 MPI ranks per run (doc/model.md §10: outcomes carry 8
# significant digits, the study's linear solves are tight).
# Usage: same_samples.sh MGSIM STUDY WORKDIR
set -eu
mgsim=$1 study=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
for variant in "1 1" "2 1" "1 2"; do
  set -- $variant
  name=jobs$1-ranks$2
  "$mgsim" study "$study" --jobs "$1" --ranks-per-run "$2" --output "$work/$name" \
    > "$work/$name.log" 2>&1 || { cat "$work/$name.log"; echo "FAIL: $name"; exit 1; }
  grep -q ",ok$" "$work/$name/samples.csv" || { echo "FAIL: $name has no finished run"; exit 1; }
done
cat "$work/jobs1-ranks1/samples.csv"
for name in jobs2-ranks1 jobs1-ranks2; do
  cmp "$work/jobs1-ranks1/samples.csv" "$work/$name/samples.csv" ||
    { diff "$work/jobs1-ranks1/samples.csv" "$work/$name/samples.csv"; echo "FAIL: $name differs"; exit 1; }
  echo "$name: same samples.csv"
done
echo PASS
