#include "input/sections/time.h"

#include "base/units.h"

namespace mgsim
{
  const std::vector<KeySpec> &
  TimeParameters::keys()
  {
    static const std::vector<KeySpec> specs = {
      {"end_days",
       "d",
       "simulated time",
       "a positive number of days",
       1e-9,
       1e5},
      {"step_hours",
       "h",
       "time step (the base step of adaptive stepping)",
       "a positive number of hours",
       1e-9,
       1e6},
      {"scheme",
       "-",
       "time scheme",
       "",
       0,
       0,
       {"bdf2", "backward_euler"},
       "bdf2"},
      {"adaptive",
       "-",
       "adapt steps (step_hours x 2^k) to the Mg2+ field's curvature",
       "",
       0,
       0,
       {"true", "false"},
       "false"},
      {"adaptive_tolerance_mM",
       "mM",
       "allowed deviation of Mg2+ from its linear trend per step",
       "a positive concentration in mM",
       1e-12,
       1e6,
       {},
       "0.01"},
      {"min_step_hours",
       "h",
       "shortest adaptive step (default step_hours / 64)",
       "a positive number of hours",
       1e-9,
       1e6},
      {"max_step_hours",
       "h",
       "longest adaptive step (default step_hours x 64)",
       "a positive number of hours",
       1e-9,
       1e6}};
    return specs;
  }

  TimeParameters
  TimeParameters::read(SectionReader &time)
  {
    TimeParameters t;
    t.end_time           = time.number("end_days") * units::day;
    t.time_step          = time.number("step_hours") * units::hour;
    t.scheme             = time.choice("scheme") == "bdf2" ? TimeScheme::bdf2 :
                                                             TimeScheme::backward_euler;
    t.adaptive           = time.flag("adaptive");
    t.adaptive_tolerance = time.number("adaptive_tolerance_mM") * units::mM;
    t.min_step = time.number("min_step_hours", t.time_step / units::hour / 64) *
                 units::hour;
    t.max_step = time.number("max_step_hours", t.time_step / units::hour * 64) *
                 units::hour;
    if (t.min_step > t.time_step * (1 + 1e-12) ||
        t.max_step < t.time_step * (1 - 1e-12))
      time.fail("min_step_hours",
                "min_step_hours <= step_hours <= max_step_hours");
    if (t.time_step > t.end_time * (1 + 1e-12))
      time.fail("step_hours", "a step no longer than end_days");
    return t;
  }
} // namespace mgsim
