#include "physics/rate_law.h"

#include "base/units.h"

#include <cmath>

namespace mgsim
{
  CorrosionRateLaw::CorrosionRateLaw(const ImplantParameters &implant)
    : alloy(implant.alloy)
    // The medium's factor is constant like the environment's (doc/model.md
    // §7.6).
    , environment_factor(implant.environment_factor *
                         implant.alloy.medium_rate_factor)
  {
  }

  double
  CorrosionRateLaw::rate_mm_per_year(const double t) const
  {
    return environment_factor *
           (alloy.rate_steady_mm_per_y +
            (alloy.rate_initial_mm_per_y - alloy.rate_steady_mm_per_y) *
              std::exp(-t / alloy.rate_decay_time));
  }

  double
  CorrosionRateLaw::recession_velocity(const double t) const
  {
    return rate_mm_per_year(t) * units::mm_per_year;
  }

  double
  CorrosionRateLaw::mg_molar_density() const
  {
    return alloy.density * alloy.mg_mass_fraction / units::molar_mass_mg;
  }

  double
  CorrosionRateLaw::recession(const double t0, const double t1) const
  {
    const double tau = alloy.rate_decay_time;
    const double integral_mm_per_y_s =
      alloy.rate_steady_mm_per_y * (t1 - t0) +
      (alloy.rate_initial_mm_per_y - alloy.rate_steady_mm_per_y) * tau *
        (std::exp(-t0 / tau) - std::exp(-t1 / tau));
    return environment_factor * integral_mm_per_y_s * units::mm_per_year;
  }

  double
  CorrosionRateLaw::time_to_recede(const double t0, const double distance) const
  {
    // The recession grows strictly with t1 (v > 0): bisection on a bracket
    // found by doubling, to round-off.
    double low = t0, high = t0 + distance / recession_velocity(t0);
    while (recession(t0, high) < distance)
      high = t0 + 2 * (high - t0);
    for (int i = 0; i < 200 && high - low > 1e-14 * high; ++i)
      {
        const double middle                             = 0.5 * (low + high);
        (recession(t0, middle) < distance ? low : high) = middle;
      }
    return high;
  }

  double
  CorrosionRateLaw::mg_released_per_area(const double t0, const double t1) const
  {
    return recession(t0, t1) * mg_molar_density();
  }

  double
  CorrosionRateLaw::mg_flux(const double t) const
  {
    return recession_velocity(t) * mg_molar_density();
  }

  std::vector<CsvColumn>
  CorrosionRateLaw::statistics() const
  {
    return {{"corrosion_rate_mm_per_y",
             [this](double t) { return rate_mm_per_year(t); }},
            {"mg_flux_mol_per_m2_s", [this](double t) { return mg_flux(t); }}};
  }
} // namespace mgsim
