#include "input/species_keys.h"

#include <algorithm>

namespace mgsim
{
  const std::vector<SpeciesKeys> &
  shipped_species_keys()
  {
    static const std::vector<SpeciesKeys> keys = {
      {"mg", "Mg2+", true, "background (serum)", "mass_transfer_m_per_s"},
      {"h2", "H2", false, "background dissolved", "h2_mass_transfer_m_per_s"}};
    return keys;
  }

  const std::vector<SpeciesKeys> &
  chemistry_species_keys()
  {
    static const std::vector<SpeciesKeys> keys = {
      {"ta", "TA", true, "medium at rest", "ta_mass_transfer_m_per_s", true},
      {"ct", "CT", true, "medium at rest", "ct_mass_transfer_m_per_s", true}};
    return keys;
  }

  std::vector<SpeciesKeys>
  with_chemistry_keys(const std::vector<SpeciesKeys> &species)
  {
    std::vector<SpeciesKeys> all = species;
    for (const SpeciesKeys &c : chemistry_species_keys())
      if (std::none_of(all.begin(), all.end(), [&](const SpeciesKeys &s) {
            return s.prefix == c.prefix;
          }))
        all.push_back(c);
    return all;
  }
} // namespace mgsim
