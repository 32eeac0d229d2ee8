// The corrosion front's chemistry (doc/model.md §7.6): the rate of each
// exposed implant cell is scaled by
//   f_film(L) f_pH(pH_s),  f_film = 1 / (1 + L / L0),
//   f_pH = 10^(-s (pH_s - 7.4)) clipped to [0.3, 3],
// with pH_s the pH at the cell's tissue nodes and L its Mg(OH)2 film, which
// grows with the Mg(OH)2 precipitated there and dissolves at k_dis:
//   dL/dt = V_m q - k_dis L.
// The medium's constant factor f_medium is part of the rate law.
#pragma once

#include "input/alloy_database.h"

#include <algorithm>
#include <cmath>

namespace mgsim
{
  struct FrontChemistry
  {
    /** L0 [m]; 0: no film. */
    double film_half_thickness = 0;
    /** k_dis [1/s]. */
    double film_dissolution = 0;
    /** s [-]; 0: the rate does not depend on pH. */
    double ph_slope = 0;
    /**
     * Molar volume of Mg(OH)2 [m^3/mol]: M 58.32 g/mol over the density of
     * brucite, 2.39 g/cm^3 (mineral data), the film taken as dense.
     */
    static constexpr double molar_volume = 58.32e-3 / 2390;

    explicit FrontChemistry(const Alloy &alloy)
      : film_half_thickness(alloy.film_half_thickness)
      , film_dissolution(alloy.film_dissolution)
      , ph_slope(alloy.ph_rate_slope)
    {
    }

    bool
    film() const
    {
      return film_half_thickness > 0;
    }

    /** Whether any factor acts (else every factor is 1). */
    bool
    active() const
    {
      return film() || ph_slope > 0;
    }

    /** f_film f_pH of a cell with film @p thickness [m] at @p ph. */
    double
    rate_factor(const double thickness, const double ph) const
    {
      const double film_factor =
        film() ? 1 / (1 + thickness / film_half_thickness) : 1.0;
      const double ph_factor =
        ph_slope > 0 ?
          std::clamp(std::pow(10.0, -ph_slope * (ph - 7.4)), 0.3, 3.0) :
          1.0;
      return film_factor * ph_factor;
    }

    /**
     * The film after a step of @p dt [s] that deposited @p deposited
     * [mol/m^2] of Mg(OH)2 on it: backward Euler in the dissolution, so
     * that no step makes it negative.
     */
    double
    grown_film(const double thickness,
               const double deposited,
               const double dt) const
    {
      return (thickness + molar_volume * deposited) /
             (1 + film_dissolution * dt);
    }
  };
} // namespace mgsim
