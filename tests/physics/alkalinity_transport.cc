// The chemistry's total alkalinity (doc/model.md §7) as a transported
// species, run to steady state on the shipped wire mesh as the Bessel test
// runs Mg2+ (two backward-Euler steps of 100 h, k dt = 540):
//   - with [chemistry] enabled = true the run carries TA: its stats.csv
//     columns exist, its release is twice Mg's (1e-12: 2 OH- per Mg2+) and
//     its mass balance holds every step (1e-8, as for Mg2+ and H2);
//   - its background is the medium's alkalinity at rest (interstitial
//     fluid: TA(pH 7.40), to 1e-12) and its excess matches the steady
//     infinite wire (doc/model.md §5) with TA's own alpha, D, k and flux 2J:
//     mean surface excess within 1 %, L2 profile within 2 % (the Bessel
//     test's limits, same mesh);
//   - Mg2+ and H2 are what they are without the chemistry (stats.csv columns
//     equal to 1e-12: the alkalinity does not act back yet);
//   - the pH extremes in stats.csv are the medium's pH at the extremes of TA
//     (pH rises monotonically with TA; 1e-9), at rest 7.40 exactly.
// On 2 ranks the same (the ledgers are sums over ranks).
// Usage: alkalinity_transport CASE.cfg OUTPUT_TAG
#include "base/csv_file.h"
#include "input/case_parameters.h"
#include "physics/acid_base.h"
#include "physics/rate_law.h"
#include "simulation/problem.h"
#include "support/added_species.h"
#include "support/steady_wire.h"
#include "support/test_support.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  auto                   &list = test.checklist;
  const std::string       tag  = argc > 2 ? argv[2] : "1";

  const std::vector<std::string> common = {"time.end_days=8.333333333333334",
                                           "time.step_hours=100",
                                           "time.scheme=backward_euler",
                                           "output.vtu=false",
                                           "solver.linear_tolerance=1e-12"};
  auto with = [&](const std::string &directory, const bool chemistry) {
    auto o = common;
    o.push_back("output.directory=" + directory);
    if (chemistry)
      o.push_back("chemistry.enabled=true");
    return o;
  };
  const mgsim::CaseParameters prm =
    mgsim::read_case(argv[1], with("alkalinity_on_" + tag, true));
  const mgsim::CaseParameters off =
    mgsim::read_case(argv[1], with("alkalinity_off_" + tag, false));
  for (const auto *p : {&prm, &off})
    std::filesystem::create_directories(p->output.directory);

  mgsim::Problem problem(prm, test.comm);
  problem.setup();
  std::ostringstream quiet;
  problem.run(quiet);
  {
    mgsim::Problem without(off, test.comm);
    without.setup();
    without.run(quiet);
  }

  if (test.root)
    {
      const auto stats = mgsim::read_csv(prm.output.directory + "/stats.csv");
      const auto base  = mgsim::read_csv(off.output.directory + "/stats.csv");
      std::vector<std::string> columns;
      for (const auto &c : mgsim::alkalinity_species().columns)
        columns.push_back(c.name);
      mgsim_test::check_added_species(list, stats, "ta", "TA", columns, 2);
      list.check(base.count("ta_released_mol") == 0,
                 "no alkalinity columns without the chemistry");
      if (stats.count("max_ta_mM") && stats.count("max_pH") &&
          stats.count("min_pH"))
        {
          const mgsim::AcidBase isf(prm.regions.front().medium.value());
          double                worst = 0;
          for (std::size_t i = 0; i < stats.at("max_pH").size(); ++i)
            worst = std::max({worst,
                              std::abs(stats.at("max_pH")[i] -
                                       isf.ph_open(stats.at("max_ta_mM")[i])),
                              std::abs(stats.at("min_pH")[i] -
                                       isf.ph_open(stats.at("min_ta_mM")[i]))});
          std::ostringstream what;
          what << "pH extremes = pH of the TA extremes every step: " << worst
               << " (limit 1e-9); at rest " << stats.at("max_pH").front()
               << ", at the end up to " << stats.at("max_pH").back();
          list.check(worst <= 1e-9 &&
                       std::abs(stats.at("max_pH").front() - 7.4) < 1e-9,
                     what.str());
        }
      else
        list.check(false, "stats.csv has min_pH and max_pH");
      mgsim_test::check_others_unchanged(list, stats, base, "chemistry");
    }

  // The background: the medium's alkalinity at rest.
  const mgsim::RegionParameters &tissue = prm.regions.front();
  const double                   rest =
    mgsim::AcidBase(tissue.medium.value()).reference_alkalinity();
  const auto        &transport = problem.species("ta").transport();
  const double       far       = transport.min_value();
  std::ostringstream background;
  background << "TA far from the wire " << far << " mM = the medium's " << rest
             << " mM at rest";
  list.check(std::abs(far - rest) <= 1e-12 * rest, background.str());

  // The steady wire with TA's coefficients and twice Mg's flux.
  mgsim::SpeciesCoefficients coefficients = tissue.tissue.species.at("ta");
  coefficients.background                 = rest;
  const double J =
    2 * mgsim::CorrosionRateLaw(prm.implant).mg_flux(prm.time.end_time) *
    problem.implant_metal().front_area() / problem.effective_implant_area();
  const mgsim_test::SteadyWire wire{0.25e-3, J, coefficients};
  const auto                   comparison =
    mgsim_test::compare_with_steady_wire(problem.dof_handler(),
                                         transport.solution(),
                                         problem.implant_material(),
                                         prm.solver.fe_degree,
                                         wire,
                                         5.0 / 6.0 * 1e-3,
                                         2e-3,
                                         test.comm);
  mgsim_test::check_steady_profile(list, "TA", comparison);
  return list.finish();
}
