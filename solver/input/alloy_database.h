// Alloy properties (pure Mg, AZ91D, NZ30K, user alloys): density, Mg content
// and the corrosion rate law CR(t) = CR_ss + (CR_0 - CR_ss) exp(-t/tau)
// (doc/model.md §2-3). Values live in data/alloys.cfg, each with its source.
#pragma once

#include "input/material_database.h"

#include <string>
#include <vector>

namespace mgsim
{
  /** Property keys of an alloy (shared by the database and [implant]). */
  const std::vector<PropertySpec> &
  alloy_property_specs();

  /** Text keys every alloy entry has. */
  const std::vector<std::string> &
  alloy_text_keys();

  /** @brief An alloy's resolved properties, in SI units. */
  struct Alloy
  {
    std::string name;
    std::string description;
    /** Density [kg/m^3]. */
    double density = 0;
    /** Mass fraction of Mg [-]. */
    double mg_mass_fraction = 0;
    /** In-vitro corrosion rate at t = 0 [mm/y]. */
    double rate_initial_mm_per_y = 0;
    /** In-vitro long-time corrosion rate [mm/y]. */
    double rate_steady_mm_per_y = 0;
    /** Decay time of the initial burst [s]. */
    double rate_decay_time = 0;
    /** In-vivo / in-vitro rate ratio [-]. */
    double in_vivo_factor = 0;
    /** Weibull shape of the pitting factor; 0 = uniform corrosion [-]. */
    double pitting_weibull_shape = 0;
    /** L0 of the front's film [m]; 0 = no film. */
    double film_half_thickness = 0;
    /** k_dis, the film's dissolution rate [1/s]. */
    double film_dissolution = 0;
    /** s, the rate's pH slope [-]; 0 = independent of pH. */
    double ph_rate_slope = 0;
    /** f_medium, relative to the calibration medium [-]. */
    double medium_rate_factor = 1;
  };

  /** Builds an Alloy from a (possibly case-overridden) database entry. */
  Alloy
  make_alloy(const MaterialEntry &entry);
} // namespace mgsim
