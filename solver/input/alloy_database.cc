#include "input/alloy_database.h"

#include "base/units.h"

namespace mgsim
{
  const std::vector<PropertySpec> &
  alloy_property_specs()
  {
    static const std::vector<PropertySpec> specs = {
      {"density_kg_per_m3", "kg/m^3", "alloy density", 500, 30000},
      {"mg_mass_fraction", "-", "mass fraction of Mg in the alloy", 1e-3, 1},
      {"rate_initial_mm_per_y",
       "mm/y",
       "in-vitro corrosion rate CR_0 at implantation",
       0,
       1000},
      {"rate_steady_mm_per_y",
       "mm/y",
       "in-vitro long-time corrosion rate CR_ss",
       0,
       1000},
      {"rate_decay_days",
       "d",
       "decay time tau of the initial burst",
       1e-6,
       1e6},
      {"in_vivo_factor",
       "-",
       "in-vivo / in-vitro corrosion rate ratio",
       1e-6,
       1e3},
      {"pitting_weibull_shape",
       "-",
       "Weibull shape m of the pitting factor (0: uniform corrosion)",
       0,
       1e3},
      // The front's rate factors (doc/model.md §7.6): off unless an alloy or
      // a case sets them, so that the rates calibrated on the extracts stay
      // valid; an entry without them has them off.
      {"film_half_thickness_um",
       "um",
       "L0 of the Mg(OH)2 film on the front, f_film = 1 / (1 + L / L0) "
       "(0: no film; chemistry only)",
       0,
       1e4,
       SourcedValue{0, "no film (default)"}},
      {"film_dissolution_per_s",
       "1/s",
       "k_dis: the film dissolves or is shed at k_dis L",
       0,
       1,
       SourcedValue{0, "no film (default)"}},
      {"ph_rate_slope",
       "-",
       "s of f_pH = 10^(-s (pH - 7.4)) at the front, clipped to [0.3, 3] "
       "(0: the rate does not depend on pH; chemistry only)",
       0,
       2,
       SourcedValue{0, "rate independent of pH (default)"}},
      {"medium_rate_factor",
       "-",
       "f_medium: the rate in this case's medium over that in the "
       "calibration medium (DMEM extracts)",
       1e-3,
       1e3,
       SourcedValue{1, "the calibration medium (default)"}},
    };
    return specs;
  }

  const std::vector<std::string> &
  alloy_text_keys()
  {
    static const std::vector<std::string> keys = {"description", "composition"};
    return keys;
  }

  Alloy
  make_alloy(const MaterialEntry &entry)
  {
    Alloy alloy;
    alloy.name             = entry.name;
    alloy.description      = entry.texts.at("description");
    alloy.density          = entry.values.at("density_kg_per_m3").value;
    alloy.mg_mass_fraction = entry.values.at("mg_mass_fraction").value;
    alloy.rate_initial_mm_per_y =
      entry.values.at("rate_initial_mm_per_y").value;
    alloy.rate_steady_mm_per_y = entry.values.at("rate_steady_mm_per_y").value;
    alloy.rate_decay_time =
      entry.values.at("rate_decay_days").value * units::day;
    alloy.in_vivo_factor = entry.values.at("in_vivo_factor").value;
    alloy.pitting_weibull_shape =
      entry.values.at("pitting_weibull_shape").value;
    alloy.film_half_thickness =
      entry.values.at("film_half_thickness_um").value * units::micrometer;
    alloy.film_dissolution   = entry.values.at("film_dissolution_per_s").value;
    alloy.ph_rate_slope      = entry.values.at("ph_rate_slope").value;
    alloy.medium_rate_factor = entry.values.at("medium_rate_factor").value;
    return alloy;
  }
} // namespace mgsim
