#!/usr/bin/env bash
# Compares a run's stats.csv, bands.csv and summary.json with the stored
# reference of the same run, to RELTOL.
# Usage: compare_run.sh CSV_CHECK JSON_CHECK REFERENCE_DIR RUN_DIR RELTOL
set -eu
csv=$1 json=$2 reference=$3 run=$4 tol=$5
for file in stats.csv bands.csv; do
  echo "$file:"
  "$csv" compare "$reference/$file" "$run/$file" "$tol"
done
echo "summary.json:"
# "case" is the case file's path as given on the command line.
"$json" compare "$reference/summary.json" "$run/summary.json" "$tol" --skip case
