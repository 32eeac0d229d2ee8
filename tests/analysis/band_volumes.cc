// Band volumes on an analytic field (no transport): on the unit cube,
// c(x, y, z) = 40 (x^2 + y^2) mM interpolated by Q1, with edges 5, 10, 20,
// 30 mM. Each band is a quarter annulus of radii sqrt(edge / 40) times the
// unit height. Checks:
//  - every band within 1 % of its exact volume on the finest mesh (32^3
//    cells);
//  - the summed error decreases under refinement (Q1 interpolation error of
//    the field, and the sub-cell quadrature of a discontinuous indicator).
// Usage: band_volumes
#include "analysis/concentration_bands.h"
#include "support/test_support.h"

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/numerics/vector_tools.h>

#include <cmath>
#include <sstream>

using namespace dealii;

namespace
{
  /** Area of {(x, y) in [0,1]^2 : 40 (x^2 + y^2) < t} for t <= 40: a
   * quarter disc. */
  double
  area_below(double t)
  {
    return M_PI / 4 * t / 40;
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  auto                   &list = test.checklist;

  const std::vector<double> edges = {5, 10, 20, 30};
  std::vector<double>       exact;
  double                    below = 0;
  for (const double e : edges)
    {
      const double a = area_below(e);
      exact.push_back(a - below);
      below = a;
    }
  exact.push_back(1 - below);

  std::vector<double> total_errors;
  for (const unsigned int level : {3u, 4u, 5u})
    {
      parallel::distributed::Triangulation<3> triangulation(MPI_COMM_WORLD);
      GridGenerator::hyper_cube(triangulation);
      triangulation.refine_global(level);
      DoFHandler<3> dofs(triangulation);
      dofs.distribute_dofs(FE_Q<3>(1));
      const IndexSet owned    = dofs.locally_owned_dofs();
      const IndexSet relevant = DoFTools::extract_locally_relevant_dofs(dofs);
      mgsim::VectorType c(owned, MPI_COMM_WORLD),
        ghosted(owned, relevant, MPI_COMM_WORLD);
      VectorTools::interpolate(dofs,
                               ScalarFunctionFromFunctionObject<3>(
                                 [](const Point<3> &p) {
                                   return 40 * (p[0] * p[0] + p[1] * p[1]);
                                 }),
                               c);
      ghosted = c;
      const auto volumes =
        mgsim::band_volumes(dofs, ghosted, edges, {types::material_id(0)});
      double total = 0, worst = 0;
      for (unsigned int b = 0; b < exact.size(); ++b)
        {
          total += std::abs(volumes[0][b] - exact[b]);
          worst =
            std::max(worst, std::abs(volumes[0][b] - exact[b]) / exact[b]);
        }
      total_errors.push_back(total);
      std::ostringstream what;
      what << "level " << level << ": largest relative band error " << worst
           << (level == 5 ? " (limit 0.01)" : "");
      list.check(level < 5 || worst < 0.01, what.str());
    }
  list.check(total_errors[1] < total_errors[0] &&
               total_errors[2] < total_errors[1],
             "errors decrease under refinement");
  return list.finish();
}
