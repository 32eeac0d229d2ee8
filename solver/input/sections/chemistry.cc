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
       "false"},
      {"precipitation",
       "-",
       "Mg(OH)2: equilibrium (projected every step), rate (rate law with "
       "precipitation_time_s) or none",
       "",
       0,
       0,
       {"equilibrium", "rate", "none"},
       "equilibrium"},
      // No measured k_p exists; 1/k_p of 60-600 s is an estimate
      // (doc/model.md §7.3). Steps of minutes or more make the choice moot.
      {"precipitation_time_s",
       "s",
       "1/k_p, time scale of Mg(OH)2 precipitation and redissolution "
       "(estimate 60-600 s)",
       "a time in s",
       1e-6,
       1e9,
       {},
       "60"}};
    return specs;
  }

  void
  ChemistryParameters::refuse_without_section(
    const SectionReader            &section,
    const std::vector<std::string> &keys) const
  {
    if (!declared)
      for (const auto &key : keys)
        if (section.given(key))
          section.fail(key,
                       "no value: only [chemistry] enabled = true uses it");
  }

  ChemistryParameters
  ChemistryParameters::read(SectionReader &section)
  {
    ChemistryParameters c;
    using P              = Precipitation;
    c.declared           = true;
    c.enabled            = section.flag("enabled");
    const std::string p  = section.choice("precipitation");
    c.precipitation      = p == "rate" ? P::rate :
                           p == "none" ? P::none :
                                         P::equilibrium;
    c.precipitation_time = section.number("precipitation_time_s");
    return c;
  }
} // namespace mgsim
