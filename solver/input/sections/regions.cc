#include "input/sections/regions.h"

#include "base/input_error.h"

#include <algorithm>

namespace mgsim
{
  std::vector<KeySpec>
  RegionParameters::keys(const std::vector<SpeciesKeys> &species)
  {
    std::vector<KeySpec> specs = {
      {"tissue", "-", "tissue of the tissue database", "a tissue name"},
      {"role",
       "-",
       "what the summary counts the region as (default: the tissue's role)",
       "",
       0,
       0,
       tissue_roles()}};
    specs.push_back({"medium",
                     "-",
                     "the region's medium (chemistry; default: the tissue's)",
                     "a medium name"});
    for (const KeySpec &k :
         overridable(tissue_property_specs(with_chemistry_keys(species))))
      specs.push_back(k);
    return specs;
  }

  namespace
  {
    /** The keys of the chemistry's species among @p specs. */
    std::vector<std::string>
    chemistry_only(const std::vector<KeySpec>     &specs,
                   const std::vector<SpeciesKeys> &species)
    {
      std::vector<std::string> keys;
      for (const KeySpec &k : specs)
        for (const SpeciesKeys &c : chemistry_species_keys())
          if (k.key.rfind(c.prefix + "_", 0) == 0 &&
              std::none_of(species.begin(),
                           species.end(),
                           [&](const SpeciesKeys &s) {
                             return s.prefix == c.prefix;
                           }))
            keys.push_back(k.key);
      return keys;
    }
  } // namespace

  RegionParameters
  RegionParameters::read(SectionReader                  &reader,
                         const MaterialDatabase         &tissues,
                         const std::string              &tissue_path,
                         const std::vector<SpeciesKeys> &species,
                         const std::string              &case_file,
                         const ChemistryParameters      &chemistry,
                         const MaterialDatabase         *media,
                         const std::string              &media_path)
  {
    RegionParameters region;
    region.name                   = reader.name().substr(7);
    const std::string tissue_name = reader.text("tissue");
    region.tissue =
      make_tissue(reader.overridden(tissues.get(tissue_name,
                                                case_file + ": [" +
                                                  reader.name() + "] tissue"),
                                    tissue_property_specs(species),
                                    "tissue database"),
                  species);
    const auto &roles = tissue_roles();
    if (std::find(roles.begin(), roles.end(), region.tissue.role) ==
        roles.end())
      throw InputError(tissue_path + ": [" + tissue_name +
                       "] role: expected one of: " + join(roles));
    region.tissue.role = reader.choice("role", region.tissue.role);
    if (media)
      {
        region.tissue.medium = reader.text("medium", region.tissue.medium);
        region.medium        = make_medium(media->get(region.tissue.medium,
                                               case_file + ": [" +
                                                 reader.name() + "] medium"),
                                    media_path);
      }
    else
      {
        // The chemistry's species' keys, and "medium".
        auto keys = chemistry_only(RegionParameters::keys(species), species);
        keys.push_back("medium");
        chemistry.refuse_without_section(reader, keys);
      }
    return region;
  }

  std::vector<KeySpec>
  BoundaryParameters::keys(const std::vector<SpeciesKeys> &species)
  {
    std::vector<KeySpec> specs = {
      {"type",
       "-",
       "background (c = c_b), no_flux, washout (Robin outflow), or "
       "gas_exchange (CO2 with a gas; chemistry only)",
       "",
       0,
       0,
       {"background", "no_flux", "washout", "gas_exchange"}},
      {"co2_partial_pressure_mmHg",
       "mmHg",
       "gas_exchange: CO2 partial pressure of the gas (5 % CO2 incubator, "
       "humidified, 37 C: 0.05 x (760 - 47) = 36)",
       "a partial pressure > 0 in mmHg, e.g. 36 for 5 % CO2",
       1e-6,
       760},
      // k_g = D_CO2 / delta: free CO2 2.57e-9 m^2/s at 37 C over an
      // unstirred layer delta of 0.1-1 mm gives 2.6e-6 - 2.6e-5 m/s
      // (estimate, doc/model.md §7.5).
      {"co2_transfer_m_per_s",
       "m/s",
       "gas_exchange: k_g, CO2 mass transfer D_CO2 / delta (delta 0.1-1 mm: "
       "2.6e-6 - 2.6e-5 m/s, estimate)",
       "a mass-transfer coefficient in m/s",
       0,
       1,
       {},
       "5e-6"}};
    // The first species' coefficient is required on a washout boundary; the
    // others default to it.
    for (const SpeciesKeys &s : with_chemistry_keys(species))
      specs.push_back(
        {s.washout_key,
         "m/s",
         "washout: " + s.label + " outflow = beta (c - c_b)",
         &s == &species.front() ?
           "a mass-transfer coefficient in m/s (e.g. 3e-5 for an artery lumen)" :
           "a mass-transfer coefficient in m/s",
         0,
         1});
    return specs;
  }

  BoundaryParameters
  BoundaryParameters::read(SectionReader                  &reader,
                           const std::vector<SpeciesKeys> &species,
                           const ChemistryParameters      &chemistry)
  {
    BoundaryParameters boundary;
    boundary.name          = reader.name().substr(9);
    const std::string type = reader.choice("type");
    boundary.type          = type == "background" ? BoundaryType::background :
                             type == "no_flux"    ? BoundaryType::no_flux :
                             type == "washout"    ? BoundaryType::washout :
                                                    BoundaryType::gas_exchange;
    // Only the type's own keys are read: the keys of another type are left
    // as they are, so that --set boundary.NAME.type switches a boundary
    // (a sealed vial's top) without editing the case.
    if (boundary.type == BoundaryType::gas_exchange)
      {
        if (!chemistry.enabled)
          {
            if (!chemistry.declared)
              reader.fail("type",
                          "background, no_flux or washout: only [chemistry] "
                          "enabled = true uses gas_exchange");
            // Without CO2 exchange the other species see a closed wall.
            boundary.type = BoundaryType::no_flux;
            return boundary;
          }
        boundary.co2_partial_pressure =
          reader.number("co2_partial_pressure_mmHg");
        boundary.co2_transfer = reader.number("co2_transfer_m_per_s");
      }
    if (boundary.type == BoundaryType::washout)
      for (const SpeciesKeys &s : species)
        boundary.mass_transfer[s.prefix] =
          &s == &species.front() ?
            reader.number(s.washout_key) :
            reader.number(s.washout_key,
                          boundary.mass_transfer.at(species.front().prefix));
    chemistry.refuse_without_section(
      reader, chemistry_only(BoundaryParameters::keys(species), species));
    return boundary;
  }
} // namespace mgsim
