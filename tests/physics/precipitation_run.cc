// Mg(OH)2 in a run (doc/model.md §7.3): the extract vial in sealed DMEM
// (closed carbonate buffer) for 3 days in 3 h steps. Its Mg2+ climbs past
// brucite's saturation near 7.3 mM (pH 9.34) after ~2 days.
//   - Ledgers, every step: released Mg = dissolved + precipitated + cleared
//     + through boundaries, and the same for the base with 2 mol per mol of
//     Mg(OH)2, to 1e-10 (the other species' limit; measured ~1e-13);
//     ta_exchanged_mol = 2 mg_precipitated_mol to 1e-12; nothing
//     precipitates before saturation, something after.
//   - At the end no node is supersaturated, and every node holding solid is
//     on the saturation curve: |Omega - 1| <= 1e-8 (the projection solves
//     to ~1e-12 in pH; Omega moves by 2 ln 10 of that).
//   - The pH record (doc/model.md §7.4): summary.json's peak and lowest
//     pH are the extremes of stats.csv's max_pH and min_pH over the run
//     (one region; 1e-12), and the longest time at pH >= each band edge
//     lies between the times min_pH and max_pH spent there (linear in time
//     across a step, as the nodes count it; 1e-9 h). bands.csv's pH band
//     fractions sum to 1 at every output time, all of the medium starts in
//     the band of its pH 7.75 and ends at pH >= 9.
//   - The rate law tends to the projection: the Mg precipitated by the end
//     differs from the projection's by a factor >= 5 less per decade of
//     1 / (k_p dt) from 1 to 0.01.
// Usage: precipitation_run EXTRACT_VIAL.cfg
#include "analysis/exposure_history.h"
#include "base/csv_file.h"
#include "input/case_parameters.h"
#include "physics/nodal_media.h"
#include "simulation/problem.h"
#include "support/test_support.h"

#include <deal.II/base/mpi.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using mgsim_test::text;

namespace
{
  std::vector<std::string>
  overrides(const std::string &directory, const std::string &precipitation)
  {
    return {"chemistry.enabled=true",
            "region.medium.medium=dmem_sealed",
            "boundary.top.type=no_flux",
            "time.step_hours=3",
            "output.vtu=false",
            "output.directory=" + directory,
            "chemistry.precipitation=" + precipitation};
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  auto                   &list = test.checklist;

  const mgsim_test::CaseRun eq(argv[1],
                               overrides("precipitation_eq", "equilibrium"));
  const auto stats = mgsim::read_csv(eq.prm.output.directory + "/stats.csv");
  {
    double worst = 0, pair = 0;
    for (const char *column :
         {"mass_balance_rel_error", "ta_balance_rel_error"})
      for (const double e : stats.at(column))
        worst = std::max(worst, e);
    const auto &mg = stats.at("mg_precipitated_mol");
    const auto &ta = stats.at("ta_exchanged_mol");
    for (std::size_t i = 0; i < mg.size(); ++i)
      pair =
        std::max(pair,
                 std::abs(ta[i] - 2 * mg[i]) / std::max(mg.back(), 1e-300));
    list.check(worst <= 1e-10, "Mg and TA ledgers close: " + text(worst));
    list.check(pair <= 1e-12, "base in the solid = 2 x its Mg: " + text(pair));
    list.check(mg.front() == 0 &&
                 mg.back() > 0.1 * stats.at("mg_released_mol").back(),
               "precipitates once saturated: " + text(mg.back()) + " of " +
                 text(stats.at("mg_released_mol").back()) + " mol");
  }

  // Every node after the last step.
  {
    const mgsim::Problem &p = eq.problem;
    std::vector<std::pair<dealii::types::material_id, mgsim::Medium>> media;
    for (const auto &region : eq.prm.regions)
      media.emplace_back(p.mesh_info().regions.at(region.name),
                         region.medium.value());
    const mgsim::NodalMedia nodal(p.dof_handler(), media);
    const auto             &mg    = p.species("mg").transport().solution();
    const auto             &ta    = p.species("ta").transport().solution();
    const auto             &solid = p.magnesium_hydroxide()->field();
    double                  over = 0, off_curve = 0, holding = 0;
    unsigned int            k = 0;
    for (const auto i : p.dof_handler().locally_owned_dofs())
      {
        if (nodal.in_tissue(k))
          {
            const mgsim::LocalBuffer b = nodal.buffer(k);
            const double             omega =
              b.acid_base.brucite_saturation_ratio(mg(i), b.ph(ta(i)));
            over = std::max(over, omega - 1);
            if (solid(i) > 0)
              {
                off_curve = std::max(off_curve, std::abs(omega - 1));
                holding += 1;
              }
          }
        ++k;
      }
    over      = dealii::Utilities::MPI::max(over, test.comm);
    off_curve = dealii::Utilities::MPI::max(off_curve, test.comm);
    holding   = dealii::Utilities::MPI::sum(holding, test.comm);
    list.check(over <= 1e-8,
               "no node supersaturated: Omega - 1 <= " + text(over));
    list.check(holding > 0 && off_curve <= 1e-8,
               text(holding) +
                 " nodes hold solid, on the curve: |Omega - 1| <= " +
                 text(off_curve));
  }

  if (test.root)
    {
      std::ifstream file(eq.prm.output.directory + "/summary.json");
      const auto    summary = nlohmann::json::parse(file);
      const auto   &medium  = summary["regions"][0];
      const auto   &high    = stats.at("max_pH");
      const auto   &low     = stats.at("min_pH");
      const auto   &hours   = stats.at("time_h");
      const double  peak    = *std::max_element(high.begin(), high.end());
      const double  lowest  = *std::min_element(low.begin(), low.end());
      list.check(std::abs(medium["peak_pH"].get<double>() - peak) <= 1e-12 &&
                   std::abs(medium["lowest_pH"].get<double>() - lowest) <=
                     1e-12,
                 "summary pH extremes = stats extremes: " + text(peak) + ", " +
                   text(lowest));
      // Time a linear-in-time series spends at or above a level.
      const auto time_above = [&](const std::vector<double> &series,
                                  const double               level) {
        double total = 0;
        for (std::size_t i = 1; i < series.size(); ++i)
          total += mgsim::ExposureHistory::time_at_or_above(
            series[i - 1], series[i], hours[i] - hours[i - 1], level);
        return total;
      };
      bool between = true;
      for (const double edge : eq.prm.thresholds.ph_band_edges)
        {
          std::ostringstream key;
          key << edge;
          const double longest =
            medium["longest_at_or_above_pH_h"][key.str()].get<double>();
          between = between && time_above(low, edge) <= longest + 1e-9 &&
                    longest <= time_above(high, edge) + 1e-9;
        }
      list.check(between,
                 "longest time at pH >= each edge between min_pH's and "
                 "max_pH's");
      const auto bands =
        mgsim::read_csv(eq.prm.output.directory + "/bands.csv");
      const std::vector<std::string> names     = {"below_7",
                                                  "7_to_7.2",
                                                  "7.2_to_7.6",
                                                  "7.6_to_8.5",
                                                  "8.5_to_9",
                                                  "from_9"};
      double                         sum_error = 0;
      for (std::size_t i = 0; i < bands.at("time_h").size(); ++i)
        {
          double sum = 0;
          for (const auto &n : names)
            sum += bands.at("medium_pH_" + n + "_fraction")[i];
          sum_error = std::max(sum_error, std::abs(sum - 1));
        }
      list.check(sum_error <= 1e-12 &&
                   bands.at("medium_pH_7.6_to_8.5_fraction").front() == 1 &&
                   std::abs(bands.at("medium_pH_from_9_fraction").back() - 1) <=
                     1e-12,
                 "pH band fractions sum to 1, start at 7.6-8.5, end >= 9");
    }

  // The rate law as k_p grows (steps of 3 h = 10800 s).
  const double projected = stats.at("mg_precipitated_mol").back();
  double       previous  = 0;
  bool         converges = true;
  for (const double relaxation : {1.0, 0.1, 0.01})
    {
      auto o = overrides("precipitation_rate_" + text(relaxation), "rate");
      o.push_back("chemistry.precipitation_time_s=" + text(relaxation * 10800));
      const mgsim_test::CaseRun rate(argv[1], o);
      const auto s = mgsim::read_csv(rate.prm.output.directory + "/stats.csv");
      const double difference =
        std::abs(s.at("mg_precipitated_mol").back() - projected) / projected;
      if (test.root)
        std::cout << "1/(k_p dt) = " << relaxation
                  << ": precipitated differs by " << difference << "\n";
      converges = converges && (previous == 0 || difference <= previous / 5);
      previous  = difference;
    }
  list.check(converges && previous < 1e-2,
             "the rate law converges to the projection as k_p grows");
  return list.finish();
}
