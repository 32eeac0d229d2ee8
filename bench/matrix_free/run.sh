#!/bin/bash
# Matrix-free geometric multigrid against assembled BoomerAMG for one species'
# step operator on the peer benchmark's graded wire (bench/peer/graded_wire.geo:
# grading 1.15 from 0.14 um, aspect ratios up to ~900) and on a milder one
# (grading 1.3, 24 radial cells, aspect ratios up to ~50), each refined once
# by deal.II (the matrix-free levels; the gmsh mesh is the coarse level).
# Usage: bench/matrix_free/run.sh [CHEB_DEGREE] [exact]   (one core, ~5 min)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
degree=${1:-4}
exact=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$here" -B "$work/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" -j"$(nproc)" >/dev/null
for grading in "1.15 64" "1.3 24"; do
  set -- $grading
  gmsh -3 -setnumber q_tissue "$1" -setnumber n_tissue "$2" \
    "$here/../peer/graded_wire.geo" -o "$work/mesh.msh" -format msh22 >/dev/null
  echo "== grading $1, $2 radial cells, refined once; Dirichlet on the box sides"
  "$work/build/multigrid_probe" "$work/mesh.msh" 1 "$degree" 1 $exact
done
