#include "rate_law.h"

#include "units.h"

#include <cmath>

namespace mgsim
{
  CorrosionRateLaw::CorrosionRateLaw(const ImplantParameters &implant)
    : alloy(implant.alloy)
    , environment_factor(implant.environment_factor)
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
  CorrosionRateLaw::mg_flux(const double t) const
  {
    return recession_velocity(t) * mg_molar_density();
  }
} // namespace mgsim
