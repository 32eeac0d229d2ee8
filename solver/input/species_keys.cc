#include "input/species_keys.h"

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
} // namespace mgsim
