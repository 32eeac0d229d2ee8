// The shipped wire (coarse mesh) corroding with pitting (Weibull m = 2,
// 50 um pits, ~3300 pits on its 8.2 mm^2) at 30 mm/y for 1.5 days, until
// three quarters of its metal are gone, for two pitting seeds. Checks, for
// each seed:
//  - many implant cells empty and join the tissue (> 100 of 840);
//  - Mg: metal lost = in tissue + cleared + boundary outflow, and H2:
//    released = dissolved + gas + cleared + outflow, both to 1e-8 at every
//    step (measured ~1e-12: linear-solver tolerance);
//  - the implant mass never increases; Mg2+ never drops below zero;
// and between the seeds:
//  - the same metal loss within 5 % (expected spread of a mean over ~3300
//    pits: 0.52 / sqrt(3300) = 0.9 %; measured 74.8 % vs 75.6 %);
//  - different fronts: the metal fraction differs by more than 5 % of the
//    implant volume, summed |phi_1 - phi_2| |K| over the implant cells
//    (measured 9.2 %; 259 and 270 cells emptied).
// Usage: degrading_wire CASE.cfg
#include "statistics.h"
#include "test_support.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <sstream>

using namespace dealii;

namespace
{
  std::string
  text(double x)
  {
    std::ostringstream out;
    out << x;
    return out.str();
  }
} // namespace

int
main(int argc, char **argv)
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                   comm = MPI_COMM_WORLD;
  const bool            root = Utilities::MPI::this_mpi_process(comm) == 0;
  mgsim_test::Checklist list(root);

  std::vector<double>        lost;
  std::vector<Vector<float>> fractions;
  std::vector<double>        cell_volumes;
  for (const std::string seed : {"1", "2"})
    {
      const mgsim_test::CaseRun run(argv[1],
                                    {"mesh.refinements=0",
                                     "implant.environment=in_vitro",
                                     "implant.rate_initial_mm_per_y=30",
                                     "implant.rate_steady_mm_per_y=30",
                                     "implant.pitting_weibull_shape=2",
                                     "implant.pit_size_um=50",
                                     "implant.pitting_seed=" + seed,
                                     "time.end_days=1.5",
                                     "time.step_hours=1",
                                     "output.vtu=false",
                                     "output.directory=degrading_wire_" +
                                       seed});
      const auto               &problem = run.problem;
      unsigned int              opened  = 0;
      cell_volumes.assign(
        problem.dof_handler().get_triangulation().n_active_cells(), 0);
      for (const auto &cell : problem.dof_handler().active_cell_iterators())
        if (cell->is_locally_owned())
          {
            opened += cell->material_id() ==
                      run.problem.mesh_info().regions.at("degraded");
            if (cell->material_id() !=
                run.problem.mesh_info().regions.at("tissue"))
              cell_volumes[cell->active_cell_index()] = cell->measure();
          }
      opened = Utilities::MPI::sum(opened, comm);
      list.check(opened > 100,
                 "seed " + seed + ": " + std::to_string(opened) +
                   " implant cells emptied");
      fractions.push_back(problem.implant_metal().fraction_per_cell());
      lost.push_back(1 - problem.implant_metal().volume() /
                           problem.implant_metal().initial_volume());

      if (!root)
        continue;
      const auto stats =
        mgsim::read_csv(run.prm.output.directory + "/stats.csv");
      double      worst_mg = 0, worst_h2 = 0, lowest = 1e300;
      bool        monotone = true;
      const auto &mass     = stats.at("implant_mass_g");
      for (std::size_t n = 0; n < mass.size(); ++n)
        {
          worst_mg = std::max(worst_mg, stats.at("mass_balance_rel_error")[n]);
          worst_h2 = std::max(worst_h2, stats.at("h2_balance_rel_error")[n]);
          lowest   = std::min(lowest, stats.at("min_c_mM")[n]);
          monotone = monotone && (n == 0 || mass[n] <= mass[n - 1]);
        }
      list.check(worst_mg < 1e-8,
                 "seed " + seed + ": Mg balance, worst " + text(worst_mg));
      list.check(worst_h2 < 1e-8,
                 "seed " + seed + ": H2 balance, worst " + text(worst_h2));
      list.check(monotone, "seed " + seed + ": implant mass never increases");
      list.check(lowest >= 0,
                 "seed " + seed + ": lowest Mg2+ " + text(lowest) + " mM");
    }

  list.check(std::abs(lost[0] / lost[1] - 1) < 0.05,
             "metal lost " + text(lost[0]) + " vs " + text(lost[1]) +
               " (within 5 %)");
  double difference = 0, total = 0;
  for (unsigned int k = 0; k < cell_volumes.size(); ++k)
    {
      difference +=
        std::abs(fractions[0][k] - fractions[1][k]) * cell_volumes[k];
      total += cell_volumes[k];
    }
  difference = Utilities::MPI::sum(difference, comm);
  total      = Utilities::MPI::sum(total, comm);
  list.check(difference > 0.05 * total,
             "fronts differ: sum |phi_1 - phi_2| |K| = " +
               text(difference / total) + " of the implant volume");
  return list.finish();
}
