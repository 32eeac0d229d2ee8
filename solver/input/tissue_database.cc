#include "input/tissue_database.h"

namespace mgsim
{
  std::vector<PropertySpec>
  tissue_property_specs(const std::vector<SpeciesKeys> &species)
  {
    std::vector<PropertySpec> specs;
    for (const SpeciesKeys &s : species)
      {
        if (s.confined)
          specs.push_back(
            {s.prefix + "_volume_fraction",
             "-",
             "volume fraction open to " + s.label + " (extracellular space)",
             1e-3,
             1});
        specs.push_back({s.prefix + "_diffusivity_m2_per_s",
                         "m^2/s",
                         "effective " + s.label + " diffusivity",
                         1e-16,
                         1e-6});
        specs.push_back({s.prefix + "_clearance_per_s",
                         "1/s",
                         s.label + " clearance rate by perfusion",
                         0,
                         10});
        if (!s.background_from_medium)
          specs.push_back({s.prefix + "_background_mM",
                           "mM",
                           s.background_kind + " " + s.label + " level",
                           0,
                           1000});
      }
    specs.push_back(
      {"h2_solubility_mM", "mM", "H2 solubility at 1 atm, 37 C", 1e-6, 1000});
    return specs;
  }

  const std::vector<std::string> &
  tissue_text_keys()
  {
    static const std::vector<std::string> keys = {"description",
                                                  "role",
                                                  "medium"};
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
  make_tissue(const MaterialEntry            &entry,
              const std::vector<SpeciesKeys> &species)
  {
    const auto value = [&](const std::string &key) {
      return entry.values.at(key).value;
    };
    Tissue tissue;
    tissue.name        = entry.name;
    tissue.description = entry.texts.at("description");
    tissue.role        = entry.texts.at("role");
    tissue.medium      = entry.texts.at("medium");
    for (const SpeciesKeys &s : species)
      {
        SpeciesCoefficients &c = tissue.species[s.prefix];
        // A species that is not confined (H2) crosses cell membranes and
        // fills all tissue water (doc/model.md §2.1).
        c.volume_fraction =
          s.confined ? value(s.prefix + "_volume_fraction") : 1.0;
        c.diffusivity = value(s.prefix + "_diffusivity_m2_per_s");
        c.clearance   = value(s.prefix + "_clearance_per_s");
        // Set from the region's medium when the chemistry is on.
        c.background =
          s.background_from_medium ? 0 : value(s.prefix + "_background_mM");
      }
    tissue.h2_solubility = value("h2_solubility_mM");
    return tissue;
  }
} // namespace mgsim
