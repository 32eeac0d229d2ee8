#include "analysis/exposure_history.h"

#include "analysis/concentration_bands.h"
#include "base/petsc_arrays.h"

#include <algorithm>
#include <functional>

namespace mgsim
{
  using namespace dealii;
  using namespace petsc_arrays;

  ExposureHistory::ExposureHistory(std::vector<double> thresholds)
    : levels(std::move(thresholds))
  {
  }

  double
  ExposureHistory::time_at_or_above(const double c0,
                                    const double c1,
                                    const double dt,
                                    const double threshold)
  {
    const bool above0 = c0 >= threshold, above1 = c1 >= threshold;
    if (above0 && above1)
      return dt;
    if (!above0 && !above1)
      return 0;
    // One crossing inside the step, at the linear interpolant's root.
    const double crossing = (threshold - c0) / (c1 - c0);
    return above1 ? dt * (1 - crossing) : dt * crossing;
  }

  void
  ExposureHistory::reinit(const VectorType &c, const double t)
  {
    above.resize(levels.size());
    for (auto &v : above)
      reinit_like(v, c);
    reinit_like(dose_, c);
    reinit_like(peak_, c);
    reinit_like(peak_time_, c);
    reinit_like(lowest_, c);
    {
      const ReadArray level(c);
      WriteArray      peak(peak_), when(peak_time_), low(lowest_);
      const unsigned  n = c.locally_owned_size();
      for (unsigned int k = 0; k < n; ++k)
        {
          peak[k] = level[k];
          low[k]  = level[k];
          when[k] = t;
        }
    }
    restart_from(c);
    previous_time = t;
  }

  void
  ExposureHistory::restart_from(const VectorType &c)
  {
    // The layout may have changed (mesh adaptation): take c's.
    reinit_like(previous, c);
    const ReadArray level(c);
    WriteArray      last(previous);
    const unsigned  n = c.locally_owned_size();
    for (unsigned int k = 0; k < n; ++k)
      last[k] = level[k];
  }

  void
  ExposureHistory::record(const VectorType &c,
                          const VectorType &background,
                          const VectorType &active,
                          const double      t)
  {
    const double   dt = t - previous_time;
    const unsigned n  = c.locally_owned_size();
    {
      const ReadArray c1(c), cb(background), on(active);
      WriteArray      c0(previous), dose(dose_), peak(peak_), when(peak_time_),
        low(lowest_);
      std::vector<WriteArray> time_above;
      time_above.reserve(levels.size());
      for (auto &v : above)
        time_above.emplace_back(v);
      for (unsigned int k = 0; k < n; ++k)
        {
          if (on[k] > 0)
            {
              for (unsigned int j = 0; j < levels.size(); ++j)
                time_above[j][k] +=
                  time_at_or_above(c0[k], c1[k], dt, levels[j]);
              // Trapezoidal rule: exact for the linear interpolant.
              dose[k] += dt * (0.5 * (c0[k] + c1[k]) - cb[k]);
              // Written so that a NaN peak (no level before) is replaced.
              if (!(c1[k] <= peak[k]))
                {
                  peak[k] = c1[k];
                  when[k] = t;
                }
              if (!(c1[k] >= low[k]))
                low[k] = c1[k];
            }
          c0[k] = c1[k];
        }
    }
    previous_time = t;
  }

  std::vector<const VectorType *>
  ExposureHistory::state() const
  {
    std::vector<const VectorType *> vectors;
    for (const auto &v : above)
      vectors.push_back(&v);
    for (const VectorType *v : {&dose_, &peak_, &peak_time_, &lowest_})
      vectors.push_back(v);
    return vectors;
  }

  void
  ExposureHistory::adopt_mesh(const std::vector<VectorType> &transferred,
                              const VectorType              &c)
  {
    std::vector<VectorType *> targets;
    for (auto &v : above)
      targets.push_back(&v);
    for (VectorType *v : {&dose_, &peak_, &peak_time_, &lowest_})
      targets.push_back(v);
    AssertDimension(transferred.size(), targets.size());
    for (unsigned int i = 0; i < targets.size(); ++i)
      {
        // Owned into ghosted: the assignment refreshes the ghosts.
        reinit_like(*targets[i], c);
        *targets[i] = transferred[i];
      }
    restart_from(c);
  }
} // namespace mgsim
