# Shell functions of the fault tests (sourced; they use the caller's $mpiexec
# and $csv).

fail() { echo "FAIL: $*"; exit 1; }

# on RANKS COMMAND...: COMMAND on RANKS MPI ranks (-q: no mpirun banner).
on() {
  local n=$1
  shift
  "$mpiexec" --allow-run-as-root --oversubscribe -q -np "$n" "$@"
}

# whole_rows FILE: every line of CSV file FILE has as many fields as its header.
whole_rows() { awk -F, 'NR == 1 { n = NF } NF != n { exit 1 }' "$1"; }

# same_results WHAT REFERENCE DIR TOL: stats.csv and bands.csv of run
# directory DIR equal those of REFERENCE to relative tolerance TOL.
same_results() {
  local f
  for f in stats.csv bands.csv; do
    "$csv" compare "$2/$f" "$3/$f" "$4" > /dev/null ||
      fail "$1: $f differs: $("$csv" compare "$2/$f" "$3/$f" "$4")"
  done
}

# whole_run RANKS DIR [--set ...]: the uninterrupted run of $case into DIR,
# the reference of the interrupted ones (uses $mgsim and $case).
whole_run() {
  local n=$1 dir=$2
  shift 2
  on "$n" "$mgsim" run "$case" --output "$dir" "$@" > /dev/null ||
    fail "the uninterrupted run on $n rank(s) failed"
}
