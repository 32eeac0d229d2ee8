// Steady wire against the closed-form solution (doc/model.md §5):
//   c(r) = c_b + J/(alpha D kappa) K0(kappa r)/K1(kappa R),  kappa = sqrt(k/D),
// on the shipped wire mesh (cases/wire_in_muscle.cfg), run to steady state
// with two backward-Euler steps of 100 h (k dt = 540, so the transient left
// is ~(1/540)^2). Compared in the middle third of the wire (|z| < 5/6 mm),
// where the ends are more than 1.6 mm = 4.5 decay lengths away:
//   - mean surface concentration excess over c_b within 1 % of the exact
//     excess (issue #3);
//   - L2 error of the profile (r < 2 mm) within 2 % of the L2 norm of the
//     exact excess (issue #3).
// Both are measured relative to the excess over background, the stricter
// choice: relative to c itself they would be ~3x smaller.
// Usage: bessel_wire CASE.cfg [--set overrides...]
#include "base/units.h"
#include "input/case_parameters.h"
#include "physics/rate_law.h"
#include "simulation/problem.h"
#include "support/steady_wire.h"
#include "support/test_support.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>

using namespace dealii;

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  const MPI_Comm          comm = test.comm;
  const bool              root = test.root;

  std::vector<std::string> overrides = {"time.end_days=8.333333333333334",
                                        "time.step_hours=100",
                                        "time.scheme=backward_euler",
                                        "output.vtu=false",
                                        "output.directory=bessel_wire_output",
                                        "solver.linear_tolerance=1e-12"};
  for (int i = 2; i < argc; ++i)
    overrides.push_back(argv[i]);
  const mgsim::CaseParameters prm = mgsim::read_case(argv[1], overrides);
  std::filesystem::create_directories(prm.output.directory);

  mgsim::Problem problem(prm, comm);
  problem.setup();
  std::ostringstream quiet;
  problem.run(quiet);

  const auto  &tissue = prm.regions.front().tissue.species.at("mg");
  const double R      = 0.25e-3;
  // The front has receded by ~2 um over the run: the release it drives is
  // the rate law's flux on the front's present area, entering at R.
  const double J =
    mgsim::CorrosionRateLaw(prm.implant).mg_flux(prm.time.end_time) *
    problem.implant_metal().front_area() / problem.effective_implant_area();
  const mgsim_test::SteadyWire wire{R, J, tissue};
  const auto   exact_excess = [&](double r) { return wire.excess(r); };
  const double z_max = 5.0 / 6.0 * 1e-3, r_max = 2e-3;

  const auto        &dofs       = problem.dof_handler();
  const auto        &c          = problem.magnesium().solution();
  const auto         implant    = problem.implant_material();
  const unsigned int degree     = prm.solver.fe_degree;
  const auto         comparison = mgsim_test::compare_with_steady_wire(
    dofs, c, implant, degree, wire, z_max, r_max, comm);
  const double surface_error = comparison.surface_error;
  const double profile_error = comparison.profile_error;
  bool         ok            = surface_error < 0.01 && profile_error < 0.02;

  // Iso-surfaces (issue #5): where the exact profile crosses the
  // anti-tumour and osteogenic levels, the FE field must cross them within
  // the local mesh size, on rays at mid-length in 16 directions. The
  // crossing is found by bisection on point values (one rank).
  if (Utilities::MPI::n_mpi_processes(comm) == 1)
    for (const double level :
         {prm.thresholds.anti_tumour, prm.thresholds.osteogenic_low})
      {
        const auto crossing = [&](const std::function<double(double)> &f) {
          double lo = R, hi = r_max;
          if (!(f(lo) > level && f(hi) < level))
            return -1.0;
          for (unsigned int i = 0; i < 50; ++i)
            {
              const double mid           = 0.5 * (lo + hi);
              (f(mid) > level ? lo : hi) = mid;
            }
          return 0.5 * (lo + hi);
        };
        const double exact_radius = crossing(
          [&](double r) { return tissue.background + exact_excess(r); });
        if (exact_radius < 0)
          continue;
        double worst = 0, worst_ratio = 0;
        for (unsigned int k = 0; k < 16; ++k)
          {
            const double   phi = 2 * M_PI * (k + 0.5) / 16;
            const Point<3> direction(std::cos(phi), std::sin(phi), 0);
            const double   radius = crossing([&](double r) {
              return VectorTools::point_value(dofs, c, Point<3>(r * direction));
            });
            // Mesh size: the smallest edge of the cell at the exact crossing.
            const auto cell = GridTools::find_active_cell_around_point(
              dofs, Point<3>(exact_radius * direction));
            const double h     = cell->minimum_vertex_distance();
            const double error = std::abs(radius - exact_radius);
            worst              = std::max(worst, error);
            worst_ratio        = std::max(worst_ratio, error / h);
          }
        ok = ok && worst_ratio < 1;
        std::cout << "iso-radius " << level / mgsim::units::mM << " mM: exact "
                  << exact_radius * 1e3 << " mm, worst ray off by "
                  << worst * 1e3 << " mm = " << worst_ratio
                  << " local mesh sizes (limit 1)\n";
      }
  if (root)
    std::cout << "DoFs " << dofs.n_dofs() << ", J = " << J << " mol/m^2/s\n"
              << "surface excess: computed " << comparison.surface_computed
              << " mM, exact " << comparison.surface_exact
              << " mM, relative error " << surface_error << " (limit 0.01)\n"
              << "profile L2 relative error " << profile_error
              << " (limit 0.02)\n"
              << (ok ? "PASS" : "FAIL") << "\n";
  return ok ? 0 : 1;
}
