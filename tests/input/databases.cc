// Material databases, unit conversions and case-file round trip:
//  - every shipped alloy and tissue entry parses with a source for each value;
//    each tissue's total alkalinity (chemistry) has Mg2+'s volume fraction and
//    clearance and a larger diffusivity, and its medium is in media.cfg;
//  - 1 mm/y of pure Mg releases 2.27e-6 mol/m^2/s (doc/model.md §1) and a mass
//    loss of 1 mg/cm^2/day is 2.10 mm/y (Shi & Atrens 2011), both to 0.5 %
//    (the references give three significant digits);
//  - the default in-vitro release order is pure Mg > NZ30K > AZ91D (seed 004);
//  - a case written out as case.resolved.cfg reads back to the same values,
//    so a run can be repeated exactly.
#include "base/units.h"
#include "input/alloy_database.h"
#include "input/case_parameters.h"
#include "input/medium_database.h"
#include "input/tissue_database.h"
#include "physics/rate_law.h"
#include "support/test_support.h"

#include <cmath>
#include <fstream>
#include <iostream>

using namespace mgsim;

namespace
{
  using mgsim_test::check;

  double
  in_vitro_flux(const MaterialDatabase &alloys, const std::string &name)
  {
    ImplantParameters implant;
    implant.alloy              = make_alloy(alloys.get(name, "test"));
    implant.environment_factor = 1;
    return CorrosionRateLaw(implant).mg_flux(0);
  }
} // namespace

int
main(int argc, char **argv)
{
  if (argc != 2)
    {
      std::cerr << "usage: databases CASE.cfg\n";
      return 2;
    }
  const auto alloys =
    MaterialDatabase::read(default_database_path("alloys.cfg"),
                           alloy_property_specs(),
                           alloy_text_keys());
  const auto tissues =
    MaterialDatabase::read(default_database_path("tissues.cfg"),
                           tissue_property_specs(
                             with_chemistry_keys(shipped_species_keys())),
                           tissue_text_keys());
  const auto media = MaterialDatabase::read(default_database_path("media.cfg"),
                                            medium_property_specs(),
                                            medium_text_keys());
  for (const std::string name : {"pure_Mg", "AZ91D", "NZ30K"})
    check(
      alloys.get(name, "test").values.at("density_kg_per_m3").source.size() > 0,
      "alloy " + name + " present with sources");
  for (const std::string name : {"muscle",
                                 "subcutaneous",
                                 "tumour",
                                 "tumour_necrotic",
                                 "cortical_bone",
                                 "marrow",
                                 "arterial_media",
                                 "arterial_adventitia",
                                 "degraded",
                                 "culture_medium"})
    {
      const Tissue t = make_tissue(tissues.get(name, "test"));
      check(t.species.at("h2").volume_fraction == 1 &&
              t.species.at("mg").volume_fraction <= 1,
            "tissue " + name + " present (H2 fills all tissue water)");
      // The chemistry's alkalinity lives where Mg2+ does and moves as
      // bicarbonate, faster than Mg2+; the medium is one of the database's.
      const Tissue c = make_tissue(tissues.get(name, "test"),
                                   with_chemistry_keys(shipped_species_keys()));
      check(c.species.at("ta").volume_fraction ==
                c.species.at("mg").volume_fraction &&
              c.species.at("ta").diffusivity > c.species.at("mg").diffusivity &&
              c.species.at("ta").clearance == c.species.at("mg").clearance,
            "tissue " + name + ": TA with Mg2+'s space and clearance, " +
              "bicarbonate's diffusivity");
      // CT is carried as bicarbonate too: TA's coefficients.
      check(c.species.at("ct").volume_fraction ==
                c.species.at("ta").volume_fraction &&
              c.species.at("ct").diffusivity ==
                c.species.at("ta").diffusivity &&
              c.species.at("ct").clearance == c.species.at("ta").clearance,
            "tissue " + name + ": CT with TA's coefficients");
      check(media.get(t.medium, "test").name == t.medium,
            "tissue " + name + ": medium " + t.medium +
              " in the media database");
    }

  ImplantParameters pure;
  pure.alloy                       = make_alloy(alloys.get("pure_Mg", "test"));
  pure.alloy.rate_initial_mm_per_y = pure.alloy.rate_steady_mm_per_y = 1.0;
  pure.environment_factor                                            = 1;
  const CorrosionRateLaw law(pure);
  check(std::abs(law.mg_flux(0) / 2.27e-6 - 1) < 5e-3,
        "1 mm/y pure Mg = 2.27e-6 mol/m^2/s (got " +
          std::to_string(law.mg_flux(0)) + ")");
  // 1 mg/cm^2/day of metal = 0.01 kg/m^2/day; recession = that / density.
  const double mm_per_y_per_mg_cm2_day =
    0.01 / units::day / pure.alloy.density / units::mm_per_year;
  check(std::abs(mm_per_y_per_mg_cm2_day / 2.10 - 1) < 5e-3,
        "1 mg/cm^2/day = 2.10 mm/y (got " +
          std::to_string(mm_per_y_per_mg_cm2_day) + ")");

  const double j_pure = in_vitro_flux(alloys, "pure_Mg"),
               j_nz   = in_vitro_flux(alloys, "NZ30K"),
               j_az   = in_vitro_flux(alloys, "AZ91D");
  check(j_pure > j_nz && j_nz > j_az,
        "in-vitro release pure Mg > NZ30K > AZ91D");

  const CaseParameters original =
    read_case(argv[1],
              {"time.end_days=3", "region.tissue.mg_clearance_per_s=2e-3"});
  {
    std::ofstream out("roundtrip.resolved.cfg");
    write_resolved_case(out, original);
  }
  const CaseParameters again = read_case("roundtrip.resolved.cfg", {});
  bool                 same = original.resolved.size() == again.resolved.size();
  for (std::size_t i = 0; same && i < original.resolved.size(); ++i)
    same = original.resolved[i].section == again.resolved[i].section &&
           original.resolved[i].key == again.resolved[i].key &&
           original.resolved[i].value == again.resolved[i].value;
  check(same,
        "case.resolved.cfg reads back to the same " +
          std::to_string(original.resolved.size()) + " values");
  check(again.time.end_time == 3 * units::day &&
          again.regions.front().tissue.species.at("mg").clearance == 2e-3,
        "overrides survive the round trip");

  return mgsim_test::checklist().finish();
}
