#include "input/sections/gas.h"

namespace mgsim
{
  const std::vector<KeySpec> &
  GasParameters::keys()
  {
    // Assumed rates (no measurement found; doc/model.md §2.4): gas forms
    // within ~15 min of supersaturation, and pockets last for days, as
    // radiographs of Mg implants show.
    static const std::vector<KeySpec> specs = {
      {"model",
       "-",
       "exchange: H2 above its solubility turns into gas; none: no gas",
       "",
       0,
       0,
       {"exchange", "none"},
       "exchange"},
      {"nucleation_per_s",
       "1/s",
       "kappa_g, rate of gas formation from supersaturated H2 (assumed)",
       "a rate in 1/s",
       0,
       1e3,
       {},
       "1e-3"},
      {"redissolution_per_s",
       "1/s",
       "kappa_d, rate of gas redissolution (assumed)",
       "a rate in 1/s",
       0,
       1e3,
       {},
       "1e-5"},
      {"temperature_K",
       "K",
       "gas temperature",
       "a temperature in K",
       1,
       1e4,
       {},
       "310.15"},
      {"pressure_Pa",
       "Pa",
       "gas pressure",
       "a pressure in Pa",
       1,
       1e9,
       {},
       "101325"}};
    return specs;
  }

  GasParameters
  GasParameters::read(SectionReader &gas)
  {
    GasParameters g;
    g.enabled            = gas.choice("model") == "exchange";
    g.nucleation_rate    = gas.number("nucleation_per_s");
    g.redissolution_rate = gas.number("redissolution_per_s");
    g.temperature        = gas.number("temperature_K");
    g.pressure           = gas.number("pressure_Pa");
    return g;
  }
} // namespace mgsim
