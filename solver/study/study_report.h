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
  /**
   * Significant digits of a study's outcomes. A run resolves them to the
   * linear solver's tolerance (1e-8 by default) at best; beyond that the
   * digits depend on the ranks' summation order (1 and 2 ranks differ by
   * ~1e-12 at tolerance 1e-12). Rounded, the study's files are the same
   * whatever the ranks per run. (8, not fewer: a mass fraction left near 1
   * keeps 5 digits of the fraction lost.)
   */
  constexpr int outcome_digits = 8;

  /** @brief What the runs of a study gave. */
  struct StudyResults
  {
    /** Per run, per outcome, to outcome_digits (NaN where a run gave
     * none). */
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
