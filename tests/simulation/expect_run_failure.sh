#!/usr/bin/env bash
# A run whose numerics fail must stop cleanly: exit code 3, exactly one line
# on stderr that contains EXPECTED, and a complete checkpoint of the state
# before the failed step in OUTPUT_DIR.
# Usage: expect_run_failure.sh EXPECTED OUTPUT_DIR MGSIM ARGS...
set -u
expected=$1 outdir=$2
shift 2
rm -rf "$outdir"
stderr=$("$@" 2>&1 > /dev/null)
code=$?
echo "exit code: $code"
echo "stderr: $stderr"
[ "$code" -eq 3 ] || { echo "FAIL: expected exit code 3"; exit 1; }
[ "$(printf '%s\n' "$stderr" | grep -c .)" -eq 1 ] || { echo "FAIL: expected one line"; exit 1; }
printf '%s' "$stderr" | grep -qF -- "$expected" || { echo "FAIL: message does not say '$expected'"; exit 1; }
[ -f "$outdir/checkpoint/complete" ] || { echo "FAIL: no complete checkpoint in $outdir"; exit 1; }
echo PASS
