// Calibration of an alloy's corrosion rate against a measured Mg2+ level
// (`mgsim calibrate`), e.g. seed 004's 72 h extracts: the factor s on the
// alloy's in-vitro rates (CR_0 and CR_ss together, so the burst keeps its
// shape) for which a full run gives the measured mean level in a region.
// The mean rises monotonically with s (more release, same transport) and
// almost linearly (only the shrinking front bends it), so a bracketing
// secant (Illinois) search converges in two or three runs and can never
// leave the bracket.
#pragma once

#include <functional>
#include <vector>

namespace mgsim
{
  /** @brief One run of the search. */
  struct CalibrationRun
  {
    /** Factor on the database's rates. */
    double scale = 0;
    /** The region's mean level it gave [mol/m^3]. */
    double mean = 0;
  };

  struct CalibrationResult
  {
    std::vector<CalibrationRun> runs;
    bool                        converged = false;
    /** The last run's factor and relative mismatch to the measurement. */
    double scale = 0, mismatch = 0;
  };

  /**
   * Finds s with mean_for(s) = @p measured to a relative @p tolerance, with
   * at most @p max_runs calls of @p mean_for (each a full run). @p background
   * is the mean without any release (s = 0; no run needed); @p measured must
   * lie above it.
   */
  CalibrationResult
  calibrate_rate(const std::function<double(double)> &mean_for,
                 double                               background,
                 double                               measured,
                 double                               tolerance = 1e-4,
                 unsigned int                         max_runs  = 12);
} // namespace mgsim
