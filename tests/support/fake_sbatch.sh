#!/usr/bin/env bash
# Stands in for sbatch when testing cases/cluster/mgsim.slurm: drops the
# sbatch options and runs the job script at once (the chain of follow-up jobs
# then runs inside this process tree).
while [[ "${1:-}" == --* ]]; do shift; done
exec bash "$@"
