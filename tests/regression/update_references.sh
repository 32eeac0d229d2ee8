#!/usr/bin/env bash
# Re-records the regression references from the runs of the last
# `ctest -L regression` in BUILD_DIR. References change only in a commit of
# their own that says why the numbers moved; a refactoring never changes them.
# Usage: tests/regression/update_references.sh [BUILD_DIR]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
for run in "$build"/tests/regression_*/; do
  name=$(basename "$run")
  name=${name#regression_}
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
