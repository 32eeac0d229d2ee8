// A third transported species added through the species list alone: a
// passive tracer released at half the molar rate of Mg (as an alloying
// element would be), with its own coefficients from a test-only tissue
// database. Nothing in the run loop, the checkpoint, the statistics or the
// output knows it. Run to steady state on the shipped wire mesh exactly as
// the Bessel test runs Mg2+ (two backward-Euler steps of 100 h, k dt = 360):
//   - its stats.csv columns exist, its release is half of Mg's (1e-12) and
//     its mass balance holds every step (1e-8, as for Mg2+ and H2);
//   - its field matches the steady infinite wire (doc/model.md §5) with its
//     own alpha, D, k, background and flux J/2: mean surface excess within
//     1 %, L2 profile within 2 % (the Bessel test's limits, same mesh);
//   - Mg2+ and H2 are what they are without the tracer (stats.csv columns
//     equal to 1e-12: the species do not interact).
// Usage: tracer_species CASE.cfg TISSUES.cfg
#include "base/csv_file.h"
#include "base/units.h"
#include "input/case_parameters.h"
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

  std::vector<mgsim::SpeciesKeys> keys = mgsim::shipped_species_keys();
  keys.push_back(
    {"tracer", "tracer", true, "background", "tracer_mass_transfer_m_per_s"});
  std::vector<mgsim::SpeciesDefinition> species = mgsim::shipped_species();
  mgsim::SpeciesDefinition              tracer;
  tracer.keys            = keys.back();
  tracer.per_mg_released = 0.5;
  tracer.columns         = mgsim::standard_columns("tracer");
  species.push_back(tracer);

  const std::vector<std::string> common = {"databases.tissues=" +
                                             std::string(argv[2]),
                                           "time.end_days=8.333333333333334",
                                           "time.step_hours=100",
                                           "time.scheme=backward_euler",
                                           "output.vtu=false",
                                           "solver.linear_tolerance=1e-12"};
  auto                           with   = [&](const std::string &directory) {
    auto o = common;
    o.push_back("output.directory=" + directory);
    return o;
  };
  const mgsim::CaseParameters prm =
    mgsim::read_case(argv[1], with("tracer_species_three"), keys);
  // The same case (and database) without the tracer in the run.
  const mgsim::CaseParameters two =
    mgsim::read_case(argv[1], with("tracer_species_two"), keys);
  for (const auto *p : {&prm, &two})
    std::filesystem::create_directories(p->output.directory);

  mgsim::Problem problem(prm, test.comm, species);
  problem.setup();
  std::ostringstream quiet;
  problem.run(quiet);
  {
    mgsim::Problem without(two, test.comm);
    without.setup();
    without.run(quiet);
  }

  if (test.root)
    {
      const auto stats = mgsim::read_csv(prm.output.directory + "/stats.csv");
      const auto base  = mgsim::read_csv(two.output.directory + "/stats.csv");
      std::vector<std::string> columns;
      for (const auto &c : tracer.columns)
        columns.push_back(c.name);
      mgsim_test::check_added_species(
        list, stats, "tracer", "tracer", columns, 0.5);
      mgsim_test::check_others_unchanged(list, stats, base, "tracer");
    }

  // The steady wire with the tracer's coefficients and half Mg's flux.
  const double J =
    0.5 * mgsim::CorrosionRateLaw(prm.implant).mg_flux(prm.time.end_time) *
    problem.implant_metal().front_area() / problem.effective_implant_area();
  const mgsim_test::SteadyWire wire{
    0.25e-3, J, prm.regions.front().tissue.species.at("tracer")};
  const auto comparison = mgsim_test::compare_with_steady_wire(
    problem.dof_handler(),
    problem.species("tracer").transport().solution(),
    problem.implant_material(),
    prm.solver.fe_degree,
    wire,
    5.0 / 6.0 * 1e-3,
    2e-3,
    test.comm);
  mgsim_test::check_steady_profile(list, "tracer", comparison);
  return list.finish();
}
