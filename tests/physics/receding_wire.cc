// A wire corroding uniformly at a constant rate v (no pitting), on a mesh
// where it runs from face to face of a tissue slab (tests/data), so that
// only its side corrodes: R(t) = R0 - v t. Checks:
//  - the released Mg equals rho w_Mg pi (R0^2 - R(t)^2) L / M_Mg within 2 %
//    at every step while R >= 0.3 R0, i.e. while the 12 rings of the O-grid
//    resolve the front (measured: 0.3 % low, most of it the polygonal
//    surface, 32 segments);
//  - the implant mass never increases, and the released Mg always equals
//    the metal lost (1e-12, round-off);
//  - the last metal goes within 2 % of R0 / v (measured 0.6 % early: the
//    square core's corners are its last cells);
//  - concentrations never go below zero, and the Mg balance holds to 1e-8
//    while cells empty.
// Usage: receding_wire CASE.cfg
#include "base/csv_file.h"
#include "base/units.h"
#include "physics/rate_law.h"
#include "support/test_support.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <sstream>

using namespace dealii;

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  const bool              root = test.root;

  const mgsim_test::CaseRun run(argv[1],
                                {"time.end_days=2",
                                 "output.directory=receding_wire_output"});
  if (!root)
    return 0;
  mgsim_test::Checklist &list = mgsim_test::checklist();
  const auto             text = [](double x) {
    std::ostringstream out;
    out << x;
    return out.str();
  };

  const mgsim::CorrosionRateLaw law(run.prm.implant);
  const double R0 = 0.25e-3, L = 0.5e-3, v = law.recession_velocity(0);
  const auto   stats = mgsim::read_csv(run.prm.output.directory + "/stats.csv");
  const auto  &time  = stats.at("time_s"),
             &released = stats.at("mg_released_mol"),
             &mass     = stats.at("implant_mass_g"),
             &volume   = stats.at("implant_volume_mm3");

  double       worst = 0, worst_identity = 0, worst_balance = 0, lowest = 1e300;
  bool         monotone = true;
  double       gone     = -1;
  const double V0       = volume.front() * 1e-9;
  for (std::size_t n = 1; n < time.size(); ++n)
    {
      const double R = R0 - v * time[n];
      if (R >= 0.3 * R0)
        {
          const double exact =
            law.mg_molar_density() * M_PI * (R0 * R0 - R * R) * L;
          worst = std::max(worst, std::abs(released[n] / exact - 1));
        }
      const double lost = law.mg_molar_density() * (V0 - volume[n] * 1e-9);
      worst_identity =
        std::max(worst_identity, std::abs(released[n] - lost) / lost);
      monotone = monotone && mass[n] <= mass[n - 1];
      worst_balance =
        std::max(worst_balance, stats.at("mass_balance_rel_error")[n]);
      lowest = std::min(lowest, stats.at("min_c_mM")[n]);
      if (gone < 0 && volume[n] == 0)
        gone = time[n];
    }
  list.check(worst < 0.02,
             "released / (rho w pi (R0^2 - R^2) L / M) - 1 within 2 % while "
             "R >= 0.3 R0: worst " +
               text(worst));
  list.check(monotone, "implant mass never increases");
  list.check(worst_identity < 1e-12,
             "released = metal lost: worst " + text(worst_identity));
  list.check(gone > 0 && std::abs(gone * v / R0 - 1) < 0.02,
             "metal gone after " + text(gone / mgsim::units::day) +
               " d, R0 / v = " + text(R0 / v / mgsim::units::day) + " d");
  list.check(lowest >= 0, "lowest Mg2+ " + text(lowest) + " mM");
  list.check(worst_balance < 1e-8, "Mg balance: worst " + text(worst_balance));
  return list.finish();
}
