#!/usr/bin/env bash
# A study on a cluster (doc/model.md §10): `mgsim study --slurm` writes a
# SLURM job array of the runs, each task running its case through the cluster
# template (cases/cluster/mgsim.slurm); `--collect` gathers them. Here the
# array's tasks run one after the other with SLURM_ARRAY_TASK_ID set by hand
# and a stand-in for sbatch. Before any task ran, --collect reports every run
# missing (exit 1); after all ran, it writes the same samples.csv as the
# study run locally (the runs are the same serial computations).
# Usage: slurm_array.sh MGSIM STUDY WORKDIR
set -eu
mgsim=$1 study=$2 work=$3
here=$(dirname "$(readlink -f "$0")")
rm -rf "$work"
mkdir -p "$work"
"$mgsim" study "$study" --output "$work/local" > "$work/local.log"
"$mgsim" study "$study" --slurm --output "$work/array" > "$work/slurm.log"
cat "$work/slurm.log"
script=$work/array/study_array.slurm
[ -x "$script" ] || { echo "FAIL: no job array script"; exit 1; }
last=$(sed -n 's/^#SBATCH --array=0-\([0-9]*\)$/\1/p' "$script")
echo "array tasks 0-$last"

set +e
"$mgsim" study "$study" --collect --output "$work/array" > "$work/collect0.log"
code=$?
set -e
grep -q "runs not done yet" "$work/collect0.log" && [ "$code" -eq 1 ] ||
  { echo "FAIL: --collect before the tasks ran: expected exit 1 and the runs not done"; exit 1; }
grep -q ",missing$" "$work/array/samples.csv" || { echo "FAIL: missing runs not marked"; exit 1; }

for i in $(seq 0 "$last"); do
  SLURM_ARRAY_TASK_ID=$i MGSIM_LAUNCH=env SBATCH="$here/../support/fake_sbatch.sh" \
    bash "$script" >> "$work/tasks.log"
done
"$mgsim" study "$study" --collect --output "$work/array" > "$work/collect.log"
cat "$work/collect.log"
cmp "$work/local/samples.csv" "$work/array/samples.csv" ||
  { echo "FAIL: samples.csv of the array differs from the local study's"; exit 1; }
echo PASS
