// Exposure history on a prescribed field (no transport). Each node's level
// rises linearly at its own rate s(x) = (10 + 30 x) mM/h until T1 = 6 h and
// falls back linearly until 2 T1, in irregular steps (0.3, 0.7, 1.1 h, ...,
// with T1 a step end). Exact at every node with the level linear in time
// within a step:
//  - time at or above edge e: 2 max(0, T1 - e/s) (up and down crossings);
//  - dose int (c - c_b) dt = s T1^2 - 2 c_b T1;
//  - peak s T1 at T1.
// The crossing is interpolated inside the step, so the error is round-off;
// the limit (1e-6 of the shortest step) is far inside "one step" (issue #5),
// so interpolation mistakes (e.g. counting whole steps) fail it. Nodes
// marked inactive (implant) must keep no history. Runs on 1 or 2 ranks.
// Usage: exposure_history
#include "analysis/exposure_history.h"

#include "base/units.h"
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
using mgsim::units::hour;
using mgsim::units::mM;

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  const MPI_Comm          comm = test.comm;
  auto                   &list = test.checklist;

  parallel::distributed::Triangulation<3> triangulation(comm);
  GridGenerator::hyper_cube(triangulation);
  triangulation.refine_global(3);
  DoFHandler<3> dofs(triangulation);
  dofs.distribute_dofs(FE_Q<3>(1));
  const IndexSet owned    = dofs.locally_owned_dofs();
  const IndexSet relevant = DoFTools::extract_locally_relevant_dofs(dofs);

  const std::vector<double> edges      = {5 * mM, 20 * mM, 30 * mM, 1000 * mM};
  const double              background = 0.85 * mM, T1 = 6 * hour;
  // Rate s [mol/m^3/s] per node; inactive where x < 0.25.
  mgsim::VectorType rate(owned, comm), active(owned, comm),
    cb(owned, relevant, comm), level(owned, comm),
    ghosted(owned, relevant, comm);
  VectorTools::interpolate(dofs,
                           ScalarFunctionFromFunctionObject<3>(
                             [](const Point<3> &p) {
                               return (10 + 30 * p[0]) * mM / hour;
                             }),
                           rate);
  VectorTools::interpolate(dofs,
                           ScalarFunctionFromFunctionObject<3>(
                             [](const Point<3> &p) {
                               return p[0] < 0.25 ? 0.0 : 1.0;
                             }),
                           active);
  {
    mgsim::VectorType b(owned, comm);
    b.add(background);
    cb = b;
  }
  const auto set_level = [&](double t) {
    const double factor = t <= T1 ? t : 2 * T1 - t;
    level               = rate;
    level *= factor;
    ghosted = level;
  };

  mgsim::ExposureHistory history(edges);
  set_level(0);
  history.reinit(ghosted, 0);
  const std::vector<double> steps = {0.3 * hour, 0.7 * hour, 1.1 * hour};
  double                    t     = 0;
  for (unsigned int k = 0; t < 2 * T1 - 1e-9; ++k)
    {
      double dt = steps[k % steps.size()];
      // Land on the kink and on the end.
      if (t < T1 && t + dt > T1)
        dt = T1 - t;
      dt = std::min(dt, 2 * T1 - t);
      t += dt;
      set_level(t);
      history.record(ghosted, cb, active, t);
    }

  double worst_time = 0, worst_dose = 0, worst_peak = 0, worst_when = 0,
         inactive = 0;
  for (const auto i : owned)
    {
      const double s = rate(i);
      if (active(i) == 0)
        {
          for (unsigned int e = 0; e < edges.size(); ++e)
            inactive = std::max(inactive, std::abs(history.time_above(e)(i)));
          inactive = std::max(inactive, std::abs(history.dose()(i)));
          continue;
        }
      for (unsigned int e = 0; e < edges.size(); ++e)
        worst_time = std::max(worst_time,
                              std::abs(history.time_above(e)(i) -
                                       2 * std::max(0.0, T1 - edges[e] / s)));
      worst_dose = std::max(worst_dose,
                            std::abs(history.dose()(i) -
                                     (s * T1 * T1 - 2 * background * T1)) /
                              (s * T1 * T1));
      worst_peak =
        std::max(worst_peak, std::abs(history.peak()(i) - s * T1) / (s * T1));
      worst_when = std::max(worst_when, std::abs(history.peak_time()(i) - T1));
    }
  worst_time = Utilities::MPI::max(worst_time, comm);
  worst_dose = Utilities::MPI::max(worst_dose, comm);
  worst_peak = Utilities::MPI::max(worst_peak, comm);
  worst_when = Utilities::MPI::max(worst_when, comm);
  inactive   = Utilities::MPI::max(inactive, comm);

  const double       shortest = 0.3 * hour;
  std::ostringstream what;
  what << "time at or above each edge: worst error " << worst_time / hour
       << " h (limit 1e-6 of the 0.3 h step)";
  list.check(worst_time < 1e-6 * shortest, what.str());
  what.str("");
  what << "dose: worst relative error " << worst_dose << " (limit 1e-12)";
  list.check(worst_dose < 1e-12, what.str());
  what.str("");
  what << "peak: worst relative error " << worst_peak << ", time off by "
       << worst_when / hour << " h (limits 1e-12, 1e-9 h)";
  list.check(worst_peak < 1e-12 && worst_when < 1e-9 * hour, what.str());
  list.check(inactive == 0, "inactive nodes keep no history");
  // Unit check of the crossing rule against hand values.
  using H = mgsim::ExposureHistory;
  list.check(H::time_at_or_above(0, 4, 2, 1) == 1.5 &&
               H::time_at_or_above(4, 0, 2, 3) == 0.5 &&
               H::time_at_or_above(1, 1, 2, 1) == 2 &&
               H::time_at_or_above(0, 0.5, 2, 1) == 0,
             "crossing rule on hand values");
  return list.finish();
}
