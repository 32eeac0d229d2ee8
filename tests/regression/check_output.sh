#!/usr/bin/env bash
# `mgsim check CASE` prints exactly the stored copy: every parameter with
# its value, unit and source, and the mesh's regions and boundaries. Paths
# under the source tree are written as @SOURCE_DIR@ so that the copy holds
# on any checkout.
# Usage: check_output.sh MGSIM SOURCE_DIR CASE(relative to SOURCE_DIR) EXPECTED
set -eu
mgsim=$1 source=$2 case=$3 expected=$4
actual=$(cd "$source" && "$mgsim" check "$case" | sed "s|$source|@SOURCE_DIR@|g")
if [ "$actual" != "$(cat "$expected")" ]; then
  echo "FAIL: mgsim check $case differs from $expected:"
  diff <(echo "$actual") "$expected" || true
  exit 1
fi
echo PASS
