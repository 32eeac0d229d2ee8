#include "commands/rate_calibration.h"

#include <algorithm>
#include <cmath>

namespace mgsim
{
  CalibrationResult
  calibrate_rate(const std::function<double(double)> &mean_for,
                 const double                         background,
                 const double                         measured,
                 const double                         tolerance,
                 const unsigned int                   max_runs)
  {
    CalibrationResult result;
    // f(s) = mean(s) - measured rises with s; f(0) < 0 without a run.
    double lo = 0, f_lo = background - measured;
    double hi = 0, f_hi = 0;
    bool   bracketed = false;
    int    kept_side = 0; // Illinois: which end stayed put last time
    double s         = 1; // the database's rate first
    for (unsigned int k = 0; k < max_runs; ++k)
      {
        const double mean = mean_for(s);
        const double f    = mean - measured;
        result.runs.push_back({s, mean});
        result.scale    = s;
        result.mismatch = f / measured;
        if (std::abs(f) <= tolerance * measured)
          {
            result.converged = true;
            return result;
          }
        if (f < 0)
          {
            if (bracketed && kept_side == -1)
              f_hi *= 0.5;
            lo = s, f_lo = f, kept_side = bracketed ? -1 : 0;
          }
        else
          {
            if (bracketed && kept_side == 1)
              f_lo *= 0.5;
            hi = s, f_hi = f, kept_side = bracketed ? 1 : 0;
            bracketed = true;
          }
        if (bracketed)
          s = lo - f_lo * (hi - lo) / (f_hi - f_lo);
        else
          {
            // Still below: extrapolate the line through (0, f(0)) and the
            // last run, at most tenfold.
            const double slope = (f - (background - measured)) / s;
            s = slope > 0 ? std::min(10 * s, -(background - measured) / slope) :
                            10 * s;
          }
      }
    return result;
  }
} // namespace mgsim
