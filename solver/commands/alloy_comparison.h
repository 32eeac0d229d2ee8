// Comparison of alloys on one case (`mgsim compare`): per alloy, what a
// researcher reads off a run -- released Mg, mass lost, when 50 % and 90 % of
// the implant mass are gone, peak Mg2+ and H2, peak gas volume (from each
// run's stats.csv), and per region the band volumes, the anti-tumour coverage,
// the normal-cell stress and the osteogenic volume (from its exposure
// summary) -- side by side in comparison.csv and comparison.md.
#pragma once

#include "analysis/threshold_summary.h"

#include <string>
#include <vector>

namespace mgsim
{
  /** @brief Outcome of one alloy's run. */
  struct AlloyOutcome
  {
    std::string alloy;
    double      released_mol      = 0;
    double      mass_lost_percent = 0;
    /** Time until 50 % / 90 % of the implant mass is lost [d]; NaN if not
     * reached. */
    double time_50_percent_days = 0;
    double time_90_percent_days = 0;
    double peak_mg_mM           = 0;
    double peak_h2_mM           = 0;
    double peak_gas_volume_mm3  = 0;
    /** The run's exposure summary (thresholds, regions, band volumes). */
    ThresholdSummary exposure;
  };

  /** Reads one run's stats.csv and takes its exposure summary. */
  AlloyOutcome
  summarize_run(const std::string      &alloy,
                const std::string      &stats_csv,
                const ThresholdSummary &exposure);

  /** Writes comparison.csv and comparison.md into @p directory (a failure
   * is recorded: base/output_file.h). */
  void
  write_comparison(const std::string               &directory,
                   const std::string               &case_file,
                   const std::vector<AlloyOutcome> &outcomes);
} // namespace mgsim
