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
# Usage: bench/peer/run.sh [STEPS=10] [RANKS=1] [PASSES=5]
# Needs ./setup.sh and Debian's python3-dolfinx and python3-gmsh (installed
# here if missing). Not part of ctest. One warm-up run of each code (gmsh's
# mesh cache, FEniCSx's form compilation), then PASSES runs of mgsim and the
# peer in turn: the times are medians, and the ratios are medians of each
# pass's ratio (this machine's speed drifts by 10-30 % between minutes).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
steps=${1:-10} ranks=${2:-1} passes=${3:-5}
work=${BENCH_DIR:-$root/build/bench}/peer
mkdir -p "$work"

if ! /usr/bin/python3 -c "import dolfinx, gmsh" 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -y -q install python3-dolfinx python3-gmsh >/dev/null
fi

launch=(mpirun --allow-run-as-root --oversubscribe -np "$ranks")
end_days=$(awk -v n="$steps" 'BEGIN{printf "%.17g", n * 600 / 86400}')

# One run of mgsim; prints: unknowns setup_s s/step CG_mg CG_h2 peak_MB.
run_mgsim() {
  local start total peak
  start=$(date +%s.%N)
  "${launch[@]}" "$root/build/mgsim" run "$here/graded_wire.cfg" --output "$work/mgsim" \
    --set time.end_days="$end_days" >"$work/mgsim.log" 2>&1
  total=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{print e - s}')
  peak=$(sed -n 's/.*peak memory \([0-9.e+]*\) MB.*/\1/p' "$work/mgsim.log")
  awk -F, -v total="$total" -v peak="$peak" -f "$root/bench/mgsim_figures.awk" \
    "$work/mgsim/solver.csv" "$work/mgsim/stats.csv"
}

# One run of the peer; prints: unknowns CG s/step startup_s peak_MB level code.
run_peer() {
  local start total
  start=$(date +%s.%N)
  "${launch[@]}" /usr/bin/python3 "$here/peer_fenicsx.py" "$here/graded_wire.geo" \
    --released "$released" >"$work/peer.json" 2>"$work/peer.log"
  total=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{print e - s}')
  /usr/bin/python3 - "$work/peer.json" "$total" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
total = float(sys.argv[2])
print(p["unknowns"], "%.1f" % p["cg_per_step"], "%.4f" % p["s_per_step"],
      "%.2f" % (total - p["s_per_step"] * p["steps"]), "%.0f" % p["peak_MB"],
      "%.10g" % p["max_c_mM"], p["code"].replace(" ", "_"))
PY
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# Warm-up; mgsim's released moles per step drive the peer.
run_mgsim >/dev/null
released=$(awk -F, 'NR==1{for (i = 1; i <= NF; i++) col[$i] = i; next}
  NR>2{printf "%s%.17g", (NR>3 ? "," : ""), $col["mg_released_mol"] - prev}
  {prev = $col["mg_released_mol"]}' "$work/mgsim/stats.csv")
m_level=$(awk -F, 'NR==1{for (i = 1; i <= NF; i++) col[$i] = i; next} {l = $col["max_c_mM"]} END{printf "%.10g", l}' \
  "$work/mgsim/stats.csv")
run_peer >/dev/null

: >"$work/passes.txt"
for pass in $(seq "$passes"); do
  read -r m_dofs m_startup m_step m_mg m_h2 m_peak <<<"$(run_mgsim)"
  read -r p_dofs p_its p_step p_startup p_peak p_level p_code <<<"$(run_peer)"
  echo "$m_startup $m_step $p_startup $p_step" >>"$work/passes.txt"
done
col() { awk -v c="$1" '{print $c}' "$work/passes.txt" | median; }
ratio() { awk -v a="$1" -v b="$2" '{print $a / $b}' "$work/passes.txt" | median; }
range() { awk -v c="$1" 'NR==1{lo = hi = $c} {if ($c < lo) lo = $c; if ($c > hi) hi = $c} END{printf "%.3g-%.3g", lo, hi}' "$work/passes.txt"; }

echo "graded wire, $steps steps of 600 s, $ranks rank(s), median of $passes passes (range)"
printf "%-22s %9s %13s %22s %20s %8s %12s\n" code unknowns "CG its/step" "s/step" "startup_s" "peak_MB" "surface_mM"
printf "%-22s %9d %13s %22s %20s %8.0f %12.7f\n" "mgsim (Mg2+ and H2)" "$m_dofs" "$m_mg + $m_h2" \
  "$(col 2) ($(range 2))" "$(col 1) ($(range 1))" "$m_peak" "$m_level"
printf "%-22s %9d %13s %22s %20s %8.0f %12.7f\n" "$p_code (Mg2+)" "$p_dofs" "$p_its" \
  "$(col 4) ($(range 4))" "$(col 3) ($(range 3))" "$p_peak" "$p_level"
awk -v ms="$(ratio 2 4)" -v mu="$(ratio 1 3)" -v mp="$m_peak" -v pp="$p_peak" -v ml="$m_level" -v pl="$p_level" 'BEGIN {
  d = ml - pl; if (d < 0) d = -d
  printf "ratios mgsim/peer (median over passes): s/step %.2f (target <= 0.33), startup %.2f (target <= 2), memory %.2f; surface levels differ by %.1e relative (target <= 1e-4)\n",
         ms, mu, mp / pp, d / pl }'
