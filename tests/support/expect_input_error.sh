#!/usr/bin/env bash
# Bad input must fail cleanly: exit code 2, exactly one line on stderr that
# contains EXPECTED (the key or file at fault), and no output directory.
# Usage: expect_input_error.sh EXPECTED OUTPUT_DIR|- MGSIM ARGS...
set -u
expected=$1 outdir=$2
shift 2
rm -rf "$outdir" 2>/dev/null
stderr=$("$@" 2>&1 >/dev/null)
code=$?
echo "exit code: $code"
echo "stderr: $stderr"
lines=$(printf '%s\n' "$stderr" | grep -c .)
[ "$code" -eq 2 ] || { echo "FAIL: expected exit code 2"; exit 1; }
[ "$lines" -eq 1 ] || { echo "FAIL: expected one line on stderr, got $lines"; exit 1; }
printf '%s' "$stderr" | grep -qF -- "$expected" || { echo "FAIL: message does not name '$expected'"; exit 1; }
if [ "$outdir" != "-" ] && [ -e "$outdir" ]; then
  echo "FAIL: output directory $outdir was created"; exit 1
fi
echo PASS
