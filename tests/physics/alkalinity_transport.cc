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
      const auto stats   = mgsim::read_csv(prm.output.directory + "/stats.csv");
      const auto base    = mgsim::read_csv(off.output.directory + "/stats.csv");
      bool       present = true;
      for (const auto &c : mgsim::alkalinity_species().columns)
        present = present && stats.count(c.name) > 0;
      list.check(present, "stats.csv has the alkalinity's columns");
      list.check(base.count("ta_released_mol") == 0,
                 "no alkalinity columns without the chemistry");
      if (present)
        {
          const auto  &mg = stats.at("mg_released_mol");
          const auto  &ta = stats.at("ta_released_mol");
          const double error =
            std::abs(ta.back() - 2 * mg.back()) / (2 * mg.back());
          std::ostringstream released;
          released << "TA released = 2 x Mg released (relative error " << error
                   << ", limit 1e-12)";
          list.check(error < 1e-12, released.str());
          const auto  &balance = stats.at("ta_balance_rel_error");
          const double worst =
            *std::max_element(balance.begin(), balance.end());
          std::ostringstream what;
          what << "TA mass balance every step: " << worst << " (limit 1e-8)";
          list.check(worst <= 1e-8, what.str());
        }
      if (present && stats.count("max_pH") && stats.count("min_pH"))
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
      double worst_other = 0;
      for (const auto &[name, values] : base)
        if (name.find("_error") == std::string::npos)
          {
            double scale = 1e-300;
            for (const double v : values)
              scale = std::max(scale, std::abs(v));
            for (std::size_t i = 0; i < values.size(); ++i)
              worst_other =
                std::max(worst_other,
                         std::abs(stats.at(name)[i] - values[i]) / scale);
          }
      std::ostringstream what;
      what << "Mg2+, H2, metal as without the chemistry: " << worst_other
           << " (limit 1e-12)";
      list.check(worst_other <= 1e-12, what.str());
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
  std::ostringstream surface, profile;
  surface << "TA surface excess " << comparison.surface_computed
          << " mM vs exact " << comparison.surface_exact
          << " mM: relative error " << comparison.surface_error
          << " (limit 0.01)";
  profile << "TA profile L2 relative error " << comparison.profile_error
          << " (limit 0.02)";
  list.check(comparison.surface_error < 0.01, surface.str());
  list.check(comparison.profile_error < 0.02, profile.str());
  return list.finish();
}
