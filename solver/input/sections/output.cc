#include "input/sections/output.h"

#include "base/units.h"

namespace mgsim
{
  const std::vector<KeySpec> &
  OutputParameters::keys()
  {
    static const std::vector<KeySpec> specs = {
      {"directory",
       "-",
       "output directory (default results/CASE)",
       "a directory name"},
      {"every_hours",
       "h",
       "interval between ParaView outputs (0: first and last only)",
       "a number of hours >= 0",
       0,
       std::numeric_limits<double>::infinity(),
       {},
       "0"},
      {"vtu", "-", "write ParaView files", "", 0, 0, {"true", "false"}, "true"},
      {"report",
       "-",
       "write report.html at the end (mgsim report: one self-contained page)",
       "",
       0,
       0,
       {"true", "false"},
       "true"},
      {"vessel_axis",
       "-",
       "the implant lines a vessel around this axis through the origin (a "
       "stent): pictures show the wall's cross-section and the wall unrolled",
       "",
       0,
       0,
       {"none", "x", "y", "z"},
       "none"}};
    return specs;
  }

  OutputParameters
  OutputParameters::read(SectionReader &output, const std::string &case_stem)
  {
    OutputParameters o;
    o.directory            = output.text("directory", "results/" + case_stem);
    o.interval             = output.number("every_hours") * units::hour;
    o.write_vtu            = output.flag("vtu");
    o.report               = output.flag("report");
    const std::string axis = output.choice("vessel_axis");
    o.vessel_axis          = axis == "none" ? -1 : axis[0] - 'x';
    return o;
  }

  const std::vector<KeySpec> &
  CheckpointParameters::keys()
  {
    static const std::vector<KeySpec> specs = {
      {"every_hours",
       "h",
       "simulated time between checkpoints (0: none)",
       "a number of hours >= 0",
       0,
       std::numeric_limits<double>::infinity(),
       {},
       "0"},
      {"every_minutes",
       "min",
       "wall-clock time between checkpoints (0: none)",
       "a number of minutes of wall-clock time >= 0",
       0,
       std::numeric_limits<double>::infinity(),
       {},
       "0"},
      {"at_end",
       "-",
       "a run that checkpoints also saves its last state (a resume then "
       "finds it complete, or extends it to a later end_days)",
       "",
       0,
       0,
       {"true", "false"},
       "true"}};
    return specs;
  }

  CheckpointParameters
  CheckpointParameters::read(SectionReader &checkpoint)
  {
    CheckpointParameters c;
    c.interval      = checkpoint.number("every_hours") * units::hour;
    c.wall_interval = checkpoint.number("every_minutes") * 60;
    c.at_end        = checkpoint.flag("at_end");
    return c;
  }
} // namespace mgsim
