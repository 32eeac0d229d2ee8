// The outputs of a study (doc/model.md §10) from its runs' outcomes:
// samples.csv (a row per run), study.json and study.md (outcome quantiles,
// target probabilities with Wilson intervals, Spearman rank correlations
// and Sobol indices with bootstrap intervals, the design points and the
// design rule).
#pragma once

#include "study/study.h"

#include <filesystem>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief What the runs of a study gave. */
  struct StudyResults
  {
    /** Per run, per outcome (NaN where a run gave none). */
    std::vector<std::vector<double>> values;
    /** Per run: "ok", "failed" or "missing" (not run yet). */
    std::vector<std::string> status;
    /** Runs started by this invocation, those of them that ended well, and
     * the wall-clock hours they took. */
    std::size_t ran = 0, ran_ok = 0;
    double      hours = 0;
  };

  /** Writes samples.csv, study.json and study.md into @p root. */
  void
  write_study_report(const StudyParameters       &study,
                     const std::vector<StudyRun> &runs,
                     const StudyResults          &results,
                     const std::filesystem::path &root);
} // namespace mgsim
