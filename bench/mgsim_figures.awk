# A run's figures from its solver.csv and stats.csv (in that order):
#   unknowns  setup_s  s/step  CG_mg/step  CG_h2/step  peak_MB
# setup_s = TOTAL (wall seconds of the whole process) minus the steps' wall
# time: process start, mesh, DoFs, operators, and what follows the loop; the
# AMG hierarchy built in the first step counts as setup, as the FEniCSx peer's
# ksp.setUp() before its loop does (later rebuilds stay in the steps).
# Usage: awk -F, -v total=SECONDS -v peak=MB -f mgsim_figures.awk solver.csv stats.csv
FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
FILENAME ~ /solver\.csv$/ {
  n++; wall += $col["step_wall_s"]
  if (n == 1) wall -= $col["amg_setup_s"]
  mg += $col["cg_iterations_mg"]; h2 += $col["cg_iterations_h2"]
}
FILENAME ~ /stats\.csv$/ { dofs = $col["dofs"] }
END { printf "%d %.2f %.4f %.1f %.1f %.3f\n", dofs, total - wall, wall / n, mg / n, h2 / n, peak }
