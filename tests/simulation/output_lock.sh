#!/usr/bin/env bash
# Output directories (issue #16): a run locks its directory (.mgsim.lock,
# flock, naming its owner); a second run into it is refused while the first
# lives; a killed run's lock is taken over, and said so. Results of another
# case are refused unless --overwrite, which clears them; the same case's
# need --resume or --overwrite; --resume with --overwrite and a directory
# holding other files are refused. Two runs started together into one new
# directory never both succeed.
# Usage: output_lock.sh MGSIM CASE WORKDIR [--set ...]
set -u
mgsim=$1 case=$2 work=$3
shift 3
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*"; exit 1; }
# refused EXPECTED ARGS...: exit code 2 and one line containing EXPECTED.
refused() {
  local expected=$1 err code
  shift
  err=$("$mgsim" run "$case" "$@" 2>&1 > /dev/null)
  code=$?
  [ $code -eq 2 ] || fail "exit code $code, expected 2 (${*}): $err"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "not one line: $err"
  printf '%s' "$err" | grep -qF -- "$expected" || fail "expected '$expected', got: $err"
  echo "refused: ${err#mgsim: error: }"
}

# A long run holds the lock; a second one is refused, naming the owner.
"$mgsim" run "$case" --output "$work/held" "$@" --set time.end_days=1000 \
  > "$work/held.log" 2>&1 &
owner=$!
for _ in $(seq 1 600); do
  [ -s "$work/held/stats.csv" ] && break
  sleep 0.05
done
grep -q "^pid $owner on " "$work/held/.mgsim.lock" || fail "the lock does not name pid $owner"
refused "$work/held is in use by pid $owner on " --output "$work/held" "$@" --resume
kill -9 $owner
wait $owner 2>/dev/null
# Its lock is left behind (not released) and taken over.
[ -s "$work/held/.mgsim.lock" ] || fail "a killed run left an empty lock"
"$mgsim" run "$case" --output "$work/held" --resume "$@" > "$work/taken.log" ||
  fail "the stale lock was not taken over"
grep -q "^took over the lock of $work/held from pid $owner on .* (no longer running)$" "$work/taken.log" ||
  fail "the take-over was not said: $(head -3 "$work/taken.log")"
[ ! -s "$work/held/.mgsim.lock" ] || fail "a finished run did not release its lock"

# Results of this case and of another.
"$mgsim" run "$case" --output "$work/done" "$@" > /dev/null || fail "a run failed"
refused "$work/done already holds results of $case: continue them with --resume, or start again with --overwrite" \
  --output "$work/done" "$@"
refused "$work/done holds results of another case (was '[implant] alloy = pure_Mg', is '[implant] alloy = AZ91D')" \
  --output "$work/done" "$@" --set implant.alloy=AZ91D
refused "--resume continues the results in the output directory, --overwrite deletes them: give one" \
  --output "$work/done" "$@" --resume --overwrite
touch "$work/done/solution/solution-09999.vtu"
"$mgsim" run "$case" --output "$work/done" "$@" --set implant.alloy=AZ91D --overwrite > /dev/null ||
  fail "--overwrite failed"
[ ! -e "$work/done/solution/solution-09999.vtu" ] || fail "--overwrite left an old file"
grep -q "^alloy = AZ91D$" "$work/done/case.resolved.cfg" || fail "--overwrite did not write the new case"
mkdir -p "$work/other"
touch "$work/other/notes.txt"
refused "$work/other is not empty and holds no mgsim results" --output "$work/other" "$@" --overwrite
[ -e "$work/other/notes.txt" ] || fail "a directory of other files was cleared"

# Two runs started together into one new directory: one runs, one is refused.
for attempt in 1 2 3; do
  dir=$work/race$attempt
  "$mgsim" run "$case" --output "$dir" "$@" > /dev/null 2> "$dir.err1" & first=$!
  "$mgsim" run "$case" --output "$dir" "$@" > /dev/null 2> "$dir.err2" & second=$!
  wait $first; a=$?
  wait $second; b=$?
  [ $((a == 0)) -ne $((b == 0)) ] && [ $((a + b)) -eq 2 ] ||
    fail "race $attempt: exit codes $a and $b, expected 0 and 2: $(cat "$dir.err1" "$dir.err2")"
  echo "race $attempt: exit codes $a, $b: $(cat "$dir.err1" "$dir.err2" | cut -c1-100)"
done
echo PASS
