#!/usr/bin/env bash
# Re-records the regression references from the runs of the last
# `ctest -L regression` in BUILD_DIR: all of them, or only the NAMEs given
# (e.g. a new run's, leaving the others byte for byte). References change
# only in a commit of their own that says why the numbers moved; a
# refactoring never changes them.
# Usage: tests/regression/update_references.sh [BUILD_DIR [NAME...]]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for run in "$build"/tests/regression_*/; do
    name=$(basename "$run")
    names+=("${name#regression_}")
  done
fi
for name in "${names[@]}"; do
  run=$build/tests/regression_$name
  [ -f "$run/summary.json" ] || { echo "no run $run" >&2; exit 2; }
  mkdir -p "$here/references/$name"
  cp "$run"/stats.csv "$run"/bands.csv "$run"/summary.json "$here/references/$name/"
  echo "recorded $name"
done
source=$(cd "$here/../.." && pwd)
for case in "$source"/cases/*.cfg; do
  name=$(basename "$case" .cfg)
  (cd "$source" && "$build/mgsim" check "cases/$name.cfg" | sed "s|$source|@SOURCE_DIR@|g") \
    > "$here/check/$name.txt"
  echo "recorded check/$name.txt"
done
