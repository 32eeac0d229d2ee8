#include "tissue_database.h"

namespace mgsim
{
  const std::vector<PropertySpec> &
  tissue_property_specs()
  {
    static const std::vector<PropertySpec> specs = {
      {"mg_volume_fraction",
       "-",
       "volume fraction open to Mg2+ (extracellular space)",
       1e-3,
       1},
      {"mg_diffusivity_m2_per_s",
       "m^2/s",
       "effective Mg2+ diffusivity",
       1e-16,
       1e-6},
      {"mg_clearance_per_s", "1/s", "Mg2+ clearance rate by perfusion", 0, 10},
      {"mg_background_mM", "mM", "background (serum) Mg2+ level", 0, 1000},
      {"h2_diffusivity_m2_per_s",
       "m^2/s",
       "effective H2 diffusivity",
       1e-16,
       1e-6},
      {"h2_clearance_per_s", "1/s", "H2 clearance rate by perfusion", 0, 10},
      {"h2_background_mM", "mM", "background dissolved H2 level", 0, 1000},
      {"h2_solubility_mM", "mM", "H2 solubility at 1 atm, 37 C", 1e-6, 1000},
    };
    return specs;
  }

  const std::vector<std::string> &
  tissue_text_keys()
  {
    static const std::vector<std::string> keys = {"description", "role"};
    return keys;
  }

  const std::vector<std::string> &
  tissue_roles()
  {
    static const std::vector<std::string> roles = {"tumour",
                                                   "bone",
                                                   "normal",
                                                   "other"};
    return roles;
  }

  Tissue
  make_tissue(const MaterialEntry &entry)
  {
    const auto value = [&](const std::string &key) {
      return entry.values.at(key).value;
    };
    Tissue tissue;
    tissue.name               = entry.name;
    tissue.description        = entry.texts.at("description");
    tissue.role               = entry.texts.at("role");
    tissue.mg.volume_fraction = value("mg_volume_fraction");
    tissue.mg.diffusivity     = value("mg_diffusivity_m2_per_s");
    tissue.mg.clearance       = value("mg_clearance_per_s");
    tissue.mg.background      = value("mg_background_mM");
    // H2 crosses cell membranes and fills all tissue water (SCIENCE.md §2).
    tissue.h2.volume_fraction = 1.0;
    tissue.h2.diffusivity     = value("h2_diffusivity_m2_per_s");
    tissue.h2.clearance       = value("h2_clearance_per_s");
    tissue.h2.background      = value("h2_background_mM");
    tissue.h2_solubility      = value("h2_solubility_mM");
    return tissue;
  }
} // namespace mgsim
