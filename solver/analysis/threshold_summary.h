// The answer a researcher reads first (doc/model.md §4), written at the end of
// a run as summary.json (for scripts) and summary.md (for people): per
// region the peak Mg2+ and H2 levels, how long and where the anti-tumour
// level was held, the normal tissue pushed to the stress level, the
// osteogenic-window volume over time, plus the metal and gas left; with the
// chemistry the pH extremes and bands (doc/model.md §7.4).
#pragma once

#include "input/case_parameters.h"

#include <string>
#include <utility>
#include <vector>

namespace mgsim
{
  /** @brief One region's exposure over a run (SI units). */
  struct RegionExposure
  {
    std::string name;
    std::string tissue;
    std::string role;
    /** [m^3] */
    double volume = 0;
    /** Highest Mg2+ [mol/m^3] and when it occurred [s]. */
    double peak_mg = 0, peak_mg_time = 0;
    /** Mean Mg2+ over the region at the end [mol/m^3] (what a sample of a
     * well-stirred extract measures). */
    double mean_mg_end = 0;
    /** Highest dissolved H2 [mol/m^3] and when it occurred [s]. */
    double peak_h2 = 0, peak_h2_time = 0;
    /** Longest time any point spent at or above the anti-tumour level [s]. */
    double longest_anti_tumour = 0;
    /** Volume held at or above the anti-tumour level for at least the
     * minimum duration [m^3]. */
    double covered_volume = 0;
    /** Volume that reached the normal-stress level at some time [m^3]. */
    double stress_volume_ever = 0;
    /** Largest cumulative dose int (c - c_b) dt at a point [mol/m^3 s]. */
    double max_dose = 0;
    /** With the chemistry: highest pH and when [s], lowest pH. */
    double peak_ph = 0, peak_ph_time = 0, lowest_ph = 0;
    /** Longest time any point spent at or above each pH band edge [s]. */
    std::vector<double> longest_at_or_above_ph;
  };

  /** @brief Band volumes at one output time. */
  struct BandSample
  {
    /** [s] */
    double time = 0;
    /** [region][band] [m^3], bands as in band_volumes(). */
    std::vector<std::vector<double>> volumes;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &time &volumes;
    }
  };

  struct ThresholdSummary
  {
    std::string                 case_file;
    std::string                 alloy;
    double                      end_time     = 0;
    unsigned int                steps        = 0;
    unsigned int                cells_opened = 0;
    ThresholdParameters         thresholds;
    std::vector<RegionExposure> regions;
    /** Band volumes of Mg2+ and (with the chemistry) of pH. */
    std::vector<BandSample> bands, ph_bands;
    /** Implant metal at the start and the end [kg]. */
    double implant_mass_initial = 0, implant_mass_left = 0;
    /** H2 gas volume at the end and its largest value [m^3]. */
    double gas_volume_end = 0, gas_volume_peak = 0;

    /**
     * Volume of region @p r in bands between @p low and @p high (band
     * edges, high = infinity for "at or above low") at band sample @p s.
     */
    double
    volume_between(unsigned int s,
                   unsigned int r,
                   double       low,
                   double       high) const;

    /**
     * The largest volume_between() of region @p r over the band samples
     * [m^3] and the time it occurs [s].
     */
    std::pair<double, double>
    largest_volume_between(unsigned int r, double low, double high) const;
  };

  /**
   * Name of band @p k of @p edges [mol/m^3] in file columns: "below_0.75",
   * "5_to_10", "from_30" (mM).
   */
  std::string
  band_name(const std::vector<double> &edges, unsigned int k);

  /**
   * The figures of @p summary that alloys are compared by, as named
   * columns: per region the largest volume in each band over the run, the
   * anti-tumour coverage and longest time, the normal-stress volume and
   * the largest osteogenic volume.
   */
  std::vector<std::pair<std::string, double>>
  comparison_figures(const ThresholdSummary &summary);

  /** Writes @p directory/summary.json and summary.md, each whole or not at
   * all (a failure is recorded: base/output_file.h). */
  void
  write_summary(const std::string &directory, const ThresholdSummary &summary);
} // namespace mgsim
