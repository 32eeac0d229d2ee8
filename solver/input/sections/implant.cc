#include "input/sections/implant.h"

#include "base/input_error.h"
#include "base/units.h"

namespace mgsim
{
  const std::vector<KeySpec> &
  ImplantParameters::keys()
  {
    static const std::vector<KeySpec> specs = [] {
      std::vector<KeySpec> specs = {
        {"region",
         "-",
         "mesh volume region (gmsh physical group) holding the metal",
         "the mesh region of the implant"},
        {"alloy", "-", "alloy of the alloy database", "an alloy name"},
        {"environment",
         "-",
         "in_vivo: the in-vitro rate times the alloy's in_vivo_factor",
         "",
         0,
         0,
         {"in_vivo", "in_vitro"},
         "in_vivo"},
        {"environment_factor",
         "-",
         "factor on the in-vitro rate (default: the alloy's in_vivo_factor in "
         "vivo, 1 in vitro)",
         "a positive factor on the in-vitro rate",
         1e-6,
         1e3},
        {"pit_size_um",
         "um",
         "pit size: the pitting factor is constant on a grid of this spacing",
         "a pit size in micrometres",
         1e-3,
         1e6,
         {},
         "100"},
        {"pitting_seed",
         "-",
         "seed of the pitting field (same seed, same pattern on any mesh)",
         "",
         0,
         2147483647,
         {},
         "1"}};
      // The alloy's properties, overridable here.
      for (const KeySpec &k : overridable(alloy_property_specs()))
        specs.push_back(k);
      return specs;
    }();
    return specs;
  }

  ImplantParameters
  ImplantParameters::read(SectionReader             &implant,
                          const MaterialDatabase    &alloys,
                          const std::string         &case_file,
                          const ChemistryParameters &chemistry)
  {
    ImplantParameters i;
    i.region                  = implant.text("region");
    const std::string    name = implant.text("alloy");
    const MaterialEntry &entry =
      alloys.get(name, case_file + ": [implant] alloy");
    i.alloy = make_alloy(
      implant.overridden(entry, alloy_property_specs(), "alloy database"));
    i.environment = implant.choice("environment") == "in_vivo" ?
                      Environment::in_vivo :
                      Environment::in_vitro;
    i.environment_factor =
      implant.number("environment_factor",
                     i.environment == Environment::in_vivo ?
                       i.alloy.in_vivo_factor :
                       1.0);
    i.pit_size     = implant.number("pit_size_um") * units::micrometer;
    i.pitting_seed = implant.integer("pitting_seed");
    // The film and the pH factor act through the chemistry's Mg(OH)2 and pH.
    const std::pair<const char *, double *> front_factors[] = {
      {"film_half_thickness_um", &i.alloy.film_half_thickness},
      {"ph_rate_slope", &i.alloy.ph_rate_slope}};
    if (!chemistry.enabled)
      for (const auto &[key, value] : front_factors)
        if (*value != 0)
          {
            if (!chemistry.declared)
              {
                if (implant.given(key))
                  implant.fail(key,
                               "0: only [chemistry] enabled = true uses it");
                throw InputError(case_file + ": [implant] alloy '" + name +
                                 "' has " + key +
                                 " > 0, which only [chemistry] enabled = "
                                 "true uses: set [implant] " +
                                 key + " = 0");
              }
            *value = 0;
          }
    // The pitting factors are scaled by 1/Gamma(1 + 1/m) to mean 1, which
    // overflows below m ~ 0.006; below 0.1 a few cells would carry factors
    // of 1e9 and more, which no measured pitting shows (m ~ 0.5-5).
    const double shape = i.alloy.pitting_weibull_shape;
    if (shape > 0 && shape < 0.1)
      {
        const std::string expected =
          "0 (uniform corrosion) or a Weibull shape >= 0.1";
        if (implant.given("pitting_weibull_shape"))
          implant.fail("pitting_weibull_shape", expected);
        // The database's value: the database is at fault.
        throw InputError(alloys.path() + ": [" + name +
                         "] pitting_weibull_shape = " + format_number(shape) +
                         ": expected " + expected);
      }
    if (i.alloy.rate_initial_mm_per_y == 0 && i.alloy.rate_steady_mm_per_y == 0)
      {
        const std::string expected =
          "a positive corrosion rate (CR_0 and CR_ss are both zero)";
        if (implant.given("rate_steady_mm_per_y") ||
            implant.given("rate_initial_mm_per_y"))
          implant.fail("rate_steady_mm_per_y", expected);
        throw InputError(alloys.path() + ": [" + name +
                         "] rate_steady_mm_per_y: expected " + expected);
      }
    return i;
  }
} // namespace mgsim
