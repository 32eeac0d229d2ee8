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
    return alloy;
  }
} // namespace mgsim
