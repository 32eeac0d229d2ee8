// Corrosion rate law of the implant surface (doc/model.md §2):
//   CR(t) = f_env f_medium [CR_ss + (CR_0 - CR_ss) exp(-t/tau)]   [mm/y]
// and its conversion to a receding velocity and a Mg release flux
//   J = v rho w_Mg / M_Mg   [mol/m^2/s].
#pragma once

#include "base/csv_file.h"
#include "input/case_parameters.h"

#include <vector>

namespace mgsim
{
  /** @brief Time-dependent corrosion rate of one alloy in one environment. */
  class CorrosionRateLaw
  {
  public:
    explicit CorrosionRateLaw(const ImplantParameters &implant);

    /** Corrosion rate at time @p t [s] after implantation [mm/y]. */
    double
    rate_mm_per_year(double t) const;

    /** Surface recession velocity [m/s]. */
    double
    recession_velocity(double t) const;

    /** Mg (= H2) release flux per exposed area [mol/m^2/s]. */
    double
    mg_flux(double t) const;

    /** Distance a surface recedes between @p t0 and @p t1 [m] (exact). */
    double
    recession(double t0, double t1) const;

    /**
     * The time at which a surface has receded by @p distance [m] since
     * @p t0 [s] (never before: recession(t0, result) >= distance).
     */
    double
    time_to_recede(double t0, double distance) const;

    /**
     * Mg released per exposed area between @p t0 and @p t1 [mol/m^2]: the
     * exact integral of the flux, so that released = metal lost for any
     * step size.
     */
    double
    mg_released_per_area(double t0, double t1) const;

    /** Moles of Mg per m^3 of alloy (rho w_Mg / M_Mg) [mol/m^3]. */
    double
    mg_molar_density() const;

    /**
     * Its stats.csv columns: corrosion_rate_mm_per_y and
     * mg_flux_mol_per_m2_s at the row's time.
     */
    std::vector<CsvColumn>
    statistics() const;

  private:
    Alloy alloy;
    /** f_env f_medium. */
    double environment_factor;
  };
} // namespace mgsim
