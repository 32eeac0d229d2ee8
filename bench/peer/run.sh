#!/usr/bin/env bash
# mgsim against a FEniCSx peer on the same problem and mesh, side by side:
# the graded O-grid wire of graded_wire.geo (151k nodes), muscle-like tissue,
# 0.5 mm/y, backward Euler, STEPS steps of 600 s (graded_wire.cfg;
# peer_fenicsx.py). mgsim runs first; the peer then injects exactly the moles
# mgsim released in each step, so both must reach the same surface level.
#
# Prints, per code: unknowns, CG iterations per step (mgsim: Mg2+ + H2; the
# peer solves Mg2+ only), seconds per step, startup seconds (everything
# before and after the steps: process start, mesh, setup, output), peak memory
# and the final surface level; then the ratios the README quotes.
#
# Usage: bench/peer/run.sh [STEPS=10] [RANKS=1]
# Needs ./setup.sh and Debian's python3-dolfinx and python3-gmsh (installed
# here if missing). Not part of ctest. Both codes run twice; the second run
# is reported (gmsh's mesh cache and FEniCSx's form compilation are warm).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
steps=${1:-10} ranks=${2:-1}
work=${BENCH_DIR:-$root/build/bench}/peer
mkdir -p "$work"

if ! /usr/bin/python3 -c "import dolfinx, gmsh" 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -y -q install python3-dolfinx python3-gmsh >/dev/null
fi

launch=(mpirun --allow-run-as-root --oversubscribe -np "$ranks")
end_days=$(awk -v n="$steps" 'BEGIN{printf "%.17g", n * 600 / 86400}')

# --- mgsim ------------------------------------------------------------------
for pass in 1 2; do
  start=$(date +%s.%N)
  "${launch[@]}" "$root/build/mgsim" run "$here/graded_wire.cfg" --output "$work/mgsim" \
    --set time.end_days="$end_days" >"$work/mgsim.log" 2>&1
  total=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{print e - s}')
done
peak=$(sed -n 's/.*peak memory \([0-9.e+]*\) MB.*/\1/p' "$work/mgsim.log")
released=$(awk -F, 'NR==1{for (i = 1; i <= NF; i++) col[$i] = i; next}
  NR>2{printf "%s%.17g", (NR>3 ? "," : ""), $col["mg_released_mol"] - prev}
  {prev = $col["mg_released_mol"]}' "$work/mgsim/stats.csv")
mgsim_row=$(awk -F, -v total="$total" -v peak="$peak" -f "$root/bench/mgsim_figures.awk" \
  "$work/mgsim/solver.csv" "$work/mgsim/stats.csv")
level=$(awk -F, 'NR==1{for (i = 1; i <= NF; i++) col[$i] = i; next} {l = $col["max_c_mM"]} END{printf "%.10g", l}' \
  "$work/mgsim/stats.csv")

# --- FEniCSx ----------------------------------------------------------------
for pass in 1 2; do
  start=$(date +%s.%N)
  "${launch[@]}" /usr/bin/python3 "$here/peer_fenicsx.py" "$here/graded_wire.geo" \
    --released "$released" >"$work/peer.json" 2>"$work/peer.log"
  total=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{print e - s}')
done
peer_row=$(/usr/bin/python3 - "$work/peer.json" "$total" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
total = float(sys.argv[2])
print(p["unknowns"], "%.1f" % p["cg_per_step"], "%.4f" % p["s_per_step"],
      "%.2f" % (total - p["s_per_step"] * p["steps"]), "%.0f" % p["peak_MB"],
      "%.10g" % p["max_c_mM"], p["code"].replace(" ", "_"))
EOF
)

read -r m_dofs m_startup m_step m_mg m_h2 m_peak <<<"$mgsim_row"
m_level=$level
read -r p_dofs p_its p_step p_startup p_peak p_level p_code <<<"$peer_row"
echo "graded wire, $steps steps of 600 s, $ranks rank(s)"
printf "%-22s %9s %17s %9s %10s %9s %12s\n" code unknowns "CG its/step" "s/step" "startup_s" "peak_MB" "surface_mM"
printf "%-22s %9d %17s %9.3f %10.2f %9.0f %12.7f\n" "mgsim (Mg2+ and H2)" "$m_dofs" "$m_mg + $m_h2" "$m_step" "$m_startup" "$m_peak" "$m_level"
printf "%-22s %9d %17s %9.3f %10.2f %9.0f %12.7f\n" "$p_code (Mg2+)" "$p_dofs" "$p_its" "$p_step" "$p_startup" "$p_peak" "$p_level"
awk -v ms="$m_step" -v ps="$p_step" -v mu="$m_startup" -v pu="$p_startup" \
    -v mp="$m_peak" -v pp="$p_peak" -v ml="$m_level" -v pl="$p_level" 'BEGIN {
  d = ml - pl; if (d < 0) d = -d
  printf "ratios mgsim/peer: s/step %.2f (target <= 0.33), startup %.2f (target <= 2), memory %.2f; surface levels differ by %.1e relative (target <= 1e-4)\n",
         ms / ps, mu / pu, mp / pp, d / pl }'
