#!/usr/bin/env bash
# Installs what mgsim needs from Debian packages (only what is missing),
# configures a Release build in build/ and builds it. Safe to run again: on a
# ready machine it finishes in seconds.
#   ./setup.sh           what building and running mgsim needs
#   ./setup.sh --tests   also what the tests need (chromium: the reports are
#                        checked in a headless browser)
set -euo pipefail
cd "$(dirname "$0")"
for_tests=false
case "${1:-}" in
  --tests) for_tests=true ;;
  "") ;;
  *) echo "setup.sh: unknown option '$1' (expected --tests or nothing)" >&2; exit 2 ;;
esac

packages=(
  gcc g++ cmake make
  libdeal.ii-dev          # deal.II 9.4 with MPI, PETSc (hypre), p4est, gmsh API
  petsc-dev
  libboost-program-options-dev
  nlohmann-json3-dev      # summary.json (written and read back)
  libkainjow-mustache-dev # the report's HTML template (mgsim report)
  gmsh libgmsh-dev        # meshing of .geo files through the gmsh API
  libvtk9-dev             # postprocess/ tools
  openmpi-bin             # mpirun
  xvfb xauth              # offscreen pictures without a display (Debian's VTK needs X)
  paraview                # pvbatch for postprocess/mgsim_paraview.py
  procps                  # pgrep and ps (the study kill test)
  python3                 # the fuzz test's generator
)
if $for_tests; then
  packages+=(chromium fonts-dejavu-core)  # the report tests open each report in it (headless)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -y -q install --no-install-recommends "${missing[@]}"
fi

# ParaView's Python modules: Debian 12's python3-paraview conflicts with
# python3-vtk9, which libvtk9-dev needs, so the package is unpacked into
# build/paraview-python instead of installed (postprocess/mgsim-paraview sets
# PYTHONPATH to it).
paraview_python=build/paraview-python
if ! dpkg-query -W -f='${Status}' python3-paraview 2>/dev/null | grep -q "install ok installed" &&
  [ ! -d "$paraview_python/usr/lib/python3/dist-packages/paraview" ]; then
  echo "setup: unpacking python3-paraview into $paraview_python"
  mkdir -p "$paraview_python"
  (cd "$paraview_python" && { apt-get download -q python3-paraview 2>/dev/null ||
    { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q && apt-get download -q python3-paraview; }; } &&
    dpkg-deb -x python3-paraview_*.deb . && rm -f python3-paraview_*.deb)
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
echo "setup: build/mgsim is ready"
