// `mgsim study` (doc/model.md §10): plans the runs of a study file, runs
// those not done yet in a local pool, and writes what they say together:
// samples.csv (one row per run), study.json and study.md (outcome
// quantiles, target probabilities, sensitivities, the design curve).
#pragma once

#include "study/study_parameters.h"

#include <ostream>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief One planned run of a study. */
  struct StudyRun
  {
    /** Values of the uncertain, then the design parameters. */
    std::vector<double> values;
    /** The design point it belongs to (0 without a design). */
    unsigned int design_point = 0;
    /** sobol: "A", "B" or "AB:NAME"; else "". */
    std::string              role;
    std::vector<std::string> overrides;
  };

  /** The runs of @p study in order (deterministic for its seed). */
  std::vector<StudyRun>
  plan_study(const StudyParameters &study);

  /** Run locally, only check and list the runs, write a SLURM job array,
   * or gather what the array ran. */
  enum class StudyMode
  {
    local,
    plan,
    slurm,
    collect
  };

  struct StudyOptions
  {
    StudyMode mode = StudyMode::local;
    /** The job script each array task runs (cases/cluster/mgsim.slurm). */
    std::string  cluster_template;
    std::string  output;
    unsigned int jobs          = 1;
    unsigned int ranks_per_run = 1;
  };

  /**
   * Checks every planned run's case (InputError before anything runs),
   * runs the missing ones and writes the results into options.output.
   * Returns the exit code (0; 1 if runs failed).
   */
  int
  run_study(const StudyParameters &study,
            const StudyOptions    &options,
            std::ostream          &out);
} // namespace mgsim
