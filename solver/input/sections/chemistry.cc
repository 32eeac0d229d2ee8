#include "input/sections/chemistry.h"

namespace mgsim
{
  const std::vector<KeySpec> &
  ChemistryParameters::keys()
  {
    static const std::vector<KeySpec> specs = {
      {"enabled",
       "-",
       "transport the total alkalinity of each region's medium (pH)",
       "",
       0,
       0,
       {"true", "false"},
       "false"}};
    return specs;
  }

  ChemistryParameters
  ChemistryParameters::read(SectionReader &section)
  {
    ChemistryParameters c;
    c.enabled = section.flag("enabled");
    return c;
  }
} // namespace mgsim
