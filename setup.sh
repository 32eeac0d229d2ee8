#!/usr/bin/env bash
# Installs what mgsim needs from Debian packages (only what is missing),
# configures a Release build in build/ and builds it. Safe to run again: on a
# ready machine it finishes in seconds.
set -euo pipefail
cd "$(dirname "$0")"

packages=(
  g++ cmake make
  libdeal.ii-dev          # deal.II 9.4 with MPI, PETSc (hypre), p4est, gmsh API
  petsc-dev
  libboost-program-options-dev
  gmsh libgmsh-dev        # meshing of .geo files through the gmsh API
  libvtk9-dev             # postprocess/ tools
  openmpi-bin             # mpirun
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -y -q install --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "setup: build/mgsim is ready"
