#!/usr/bin/env bash
# A full disk at each kind of write (issue #16), injected on cue with
# MGSIM_TEST_FAIL_WRITE=NAME@N (the N-th write of the file NAME and every
# later one fail with ENOSPC; solver/base/test_faults.h), on 1 and 2 ranks:
# a CSV row, a .vtu (MPI-IO), the .pvtu record, the .pvd index, the summaries,
# the log, a checkpoint's room check, its state file and its marker. Each
# ends the run with exit code 74 and one line naming the file; every file
# left is whole (CSV rows complete, the .pvd index closed, no temporary
# files, no summary of a cut run) and --resume, with room again, ends where
# the uninterrupted run on the same ranks ends (stats.csv, bands.csv to TOL)
# with its summary.
# Usage: write_failures.sh MGSIM CSV_CHECK MPIEXEC CASE WORKDIR TOL [--set ...]
set -u
mgsim=$1 csv=$2 mpiexec=$3 case=$4 work=$5 tol=$6
shift 6
rm -rf "$work"
mkdir -p "$work"
. "$(dirname "$0")/fault_helpers.sh"

# Files rank 0 writes fail on 2 ranks (the other rank must stop too); those
# all ranks write, on both.
for ranks in 1 2; do
  whole_run $ranks "$work/whole$ranks" "$@"
  targets="solution-00002.vtu checkpoint.new@2"
  [ $ranks -eq 1 ] || targets="$targets stats.csv@12 bands.csv@3 solution-00003.pvtu
    solution.pvd@3 summary.json summary.md log.txt@2 run_state.bin@2 complete.tmp@3"
  for target in $targets; do
    name=${target%@*}
    out=$work/${name}_np$ranks
    MGSIM_TEST_FAIL_WRITE=$target on $ranks "$mgsim" run "$case" --output "$out" "$@" \
      > "$out.out" 2> "$out.err"
    code=$?
    [ $code -eq 74 ] || fail "$target on $ranks: exit code $code, expected 74: $(cat "$out.err")"
    [ "$(wc -l < "$out.err")" -eq 1 ] || fail "$target on $ranks: not one line: $(cat "$out.err")"
    grep -qE "^mgsim: error: $out/(.*/)?$name: cannot write \(No space left on device, injected by MGSIM_TEST_FAIL_WRITE\)$" "$out.err" ||
      fail "$target on $ranks: unexpected message: $(cat "$out.err")"
    for f in stats.csv bands.csv solver.csv; do
      [ ! -f "$out/$f" ] || whole_rows "$out/$f" || fail "$target on $ranks: $f has a cut row"
    done
    [ ! -f "$out/solution.pvd" ] || [ "$(tail -1 "$out/solution.pvd")" = "</VTKFile>" ] ||
      fail "$target on $ranks: solution.pvd is cut"
    [ -z "$(find "$out" -name '*.tmp' -o -name checkpoint.new)" ] ||
      fail "$target on $ranks: left $(find "$out" -name '*.tmp' -o -name checkpoint.new)"
    # (summary.md and the log's last line come after summary.json)
    [ "$name" = summary.md ] || [ "$name" = log.txt ] || [ ! -f "$out/summary.json" ] ||
      fail "$target on $ranks: a summary of a cut run"
    on $ranks "$mgsim" run "$case" --output "$out" --resume "$@" > "$out.log" 2>&1 ||
      fail "$target on $ranks: --resume failed: $(tail -1 "$out.log")"
    [ -f "$out/summary.json" ] && [ -f "$out/summary.md" ] ||
      fail "$target on $ranks: no summary after the resume"
    same_results "$target on $ranks" "$work/whole$ranks" "$out" "$tol"
    echo "$target on $ranks rank(s): exit 74; $(grep -m1 -o 'resumed from [^ ]*\|starting at t = 0\|is complete' "$out.log")"
  done
done
echo PASS
