#include "input/sections/adaptivity.h"

#include "base/units.h"

namespace mgsim
{
  const std::vector<KeySpec> &
  AdaptivityParameters::keys()
  {
    static const std::vector<KeySpec> specs = {
      {"enabled", "-", "adapt the mesh", "", 0, 0, {"true", "false"}, "false"},
      {"every_hours",
       "h",
       "simulated time between adaptations",
       "a positive number of hours",
       1e-6,
       1e6,
       {},
       "6"},
      {"max_levels",
       "-",
       "refinement levels allowed above the initial mesh",
       "",
       0,
       6,
       {},
       "2"},
      {"max_cells",
       "-",
       "upper bound on the number of cells",
       "",
       1,
       2000000000,
       {},
       "500000"},
      {"refine_fraction",
       "-",
       "fraction of cells refined by the Kelly indicator",
       "a fraction in [0, 1]",
       0,
       1,
       {},
       "0.3"},
      {"coarsen_fraction",
       "-",
       "fraction of cells coarsened",
       "a fraction in [0, 1]",
       0,
       1,
       {},
       "0.1"}};
    return specs;
  }

  AdaptivityParameters
  AdaptivityParameters::read(SectionReader &adaptivity)
  {
    AdaptivityParameters a;
    a.enabled          = adaptivity.flag("enabled");
    a.interval         = adaptivity.number("every_hours") * units::hour;
    a.max_levels       = adaptivity.integer("max_levels");
    a.max_cells        = adaptivity.integer("max_cells");
    a.refine_fraction  = adaptivity.number("refine_fraction");
    a.coarsen_fraction = adaptivity.number("coarsen_fraction");
    if (a.refine_fraction + a.coarsen_fraction > 1)
      adaptivity.fail("coarsen_fraction",
                      "refine_fraction + coarsen_fraction <= 1");
    return a;
  }
} // namespace mgsim
