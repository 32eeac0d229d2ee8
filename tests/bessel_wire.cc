// Steady wire against the closed-form solution (SCIENCE.md §5):
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
#include "case_parameters.h"
#include "problem.h"
#include "rate_law.h"
#include "units.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
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
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                   comm = MPI_COMM_WORLD;
  const bool root = Utilities::MPI::this_mpi_process(comm) == 0;

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

  const auto  &tissue = prm.regions.front().tissue.mg;
  const double R      = 0.25e-3;
  // The front has receded by ~2 um over the run: the release it drives is
  // the rate law's flux on the front's present area, entering at R.
  const double J =
    mgsim::CorrosionRateLaw(prm.implant).mg_flux(prm.time.end_time) *
    problem.implant_metal().front_area() / problem.effective_implant_area();
  const double kappa        = std::sqrt(tissue.clearance / tissue.diffusivity);
  const auto   exact_excess = [&](double r) {
    return J / (tissue.volume_fraction * tissue.diffusivity * kappa) *
           std::cyl_bessel_k(0, kappa * r) / std::cyl_bessel_k(1, kappa * R);
  };
  const double z_max = 5.0 / 6.0 * 1e-3, r_max = 2e-3;

  const auto         &dofs    = problem.dof_handler();
  const auto         &c       = problem.magnesium().solution();
  const auto          implant = problem.implant_material();
  const unsigned int  degree  = prm.solver.fe_degree;
  const MappingQ1<3>  mapping;
  FEValues<3>         fe_values(mapping,
                        dofs.get_fe(0),
                        QGauss<3>(degree + 2),
                        update_values | update_quadrature_points |
                          update_JxW_values);
  FEFaceValues<3>     face_values(mapping,
                              dofs.get_fe(0),
                              QGauss<2>(degree + 2),
                              update_values | update_quadrature_points |
                                update_JxW_values);
  std::vector<double> values;

  double surface_c = 0, surface_exact = 0, surface_area = 0;
  double error2 = 0, norm2 = 0;
  for (const auto &cell : dofs.active_cell_iterators())
    {
      if (!cell->is_locally_owned() || cell->material_id() == implant)
        continue;
      if (std::abs(cell->center()[2]) < z_max &&
          cell->center().norm() < r_max + 1e-3)
        {
          fe_values.reinit(cell);
          values.resize(fe_values.n_quadrature_points);
          fe_values.get_function_values(c, values);
          for (const unsigned int q : fe_values.quadrature_point_indices())
            {
              const Point<3> &p = fe_values.quadrature_point(q);
              const double    r = std::hypot(p[0], p[1]);
              if (std::abs(p[2]) > z_max || r > r_max)
                continue;
              const double e = exact_excess(r);
              error2 += std::pow(values[q] - tissue.background - e, 2) *
                        fe_values.JxW(q);
              norm2 += e * e * fe_values.JxW(q);
            }
        }
      for (const unsigned int f : cell->face_indices())
        if (!cell->at_boundary(f) &&
            cell->neighbor(f)->material_id() == implant &&
            std::abs(cell->face(f)->center()[2]) < z_max)
          {
            face_values.reinit(cell, f);
            values.resize(face_values.n_quadrature_points);
            face_values.get_function_values(c, values);
            for (const unsigned int q : face_values.quadrature_point_indices())
              {
                const Point<3> &p = face_values.quadrature_point(q);
                surface_c +=
                  (values[q] - tissue.background) * face_values.JxW(q);
                surface_exact +=
                  exact_excess(std::hypot(p[0], p[1])) * face_values.JxW(q);
                surface_area += face_values.JxW(q);
              }
          }
    }
  surface_c     = Utilities::MPI::sum(surface_c, comm);
  surface_exact = Utilities::MPI::sum(surface_exact, comm);
  surface_area  = Utilities::MPI::sum(surface_area, comm);
  error2        = Utilities::MPI::sum(error2, comm);
  norm2         = Utilities::MPI::sum(norm2, comm);

  const double surface_error =
    std::abs(surface_c - surface_exact) / surface_exact;
  const double profile_error = std::sqrt(error2 / norm2);
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
              << "surface excess: computed " << surface_c / surface_area
              << " mM, exact " << surface_exact / surface_area
              << " mM, relative error " << surface_error << " (limit 0.01)\n"
              << "profile L2 relative error " << profile_error
              << " (limit 0.02)\n"
              << (ok ? "PASS" : "FAIL") << "\n";
  return ok ? 0 : 1;
}
