// CO2 exchange at a medium's free surface (doc/model.md §7.5), on the extract
// vial in DMEM with [boundary.top] type = gas_exchange and a disc that does
// not corrode (1e-15 mm/y, 3e-14 mM of base a day):
//   - At rest under the medium's own pCO2 (38 mmHg over 44 mM HCO3- at pH
//     7.76) nothing moves: CT and pH stay at rest to 1e-10 for a day.
//   - In air (pCO2 0.3 mmHg) the medium degasses. With CT's diffusivity at
//     its largest allowed value (1e-6 m^2/s: mixing time 2 min against a
//     degassing time of hours) the vial is a well-mixed box,
//       V dCT/dt = -A k_g (phi(pH) CT - S pCO2),  TA fixed,
//     which the test integrates by RK4 in 1 s steps. The run's CT follows it
//     at first order in the step: halving the step (1 h -> 0.5 h) halves the
//     largest deviation over 1 day (ratio 1.6-2.4), and at 0.5 h it is
//     within dt / (2 tau) of the CT lost, backward Euler's error for a decay
//     of time constant tau = V / (A k_g) (3.2 h; d[CO2]/dCT <= 1 makes the
//     true one longer). The pH rises monotonically.
//   - CT's ledger closes every step: dissolved + exchanged + cleared +
//     through boundaries = 0, to 1e-10 of the moles exchanged.
// Usage: co2_exchange EXTRACT_VIAL.cfg
#include "base/csv_file.h"
#include "physics/acid_base.h"
#include "simulation/problem.h"
#include "support/test_support.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

using mgsim_test::text;

namespace
{
  std::vector<std::string>
  overrides(const std::string &directory,
            const std::string &pressure,
            const std::string &step_hours)
  {
    return {"chemistry.enabled=true",
            "boundary.top.type=gas_exchange",
            "boundary.top.co2_partial_pressure_mmHg=" + pressure,
            "boundary.top.co2_transfer_m_per_s=1e-6",
            "region.medium.ct_diffusivity_m2_per_s=1e-6",
            "implant.rate_initial_mm_per_y=1e-15",
            "implant.rate_steady_mm_per_y=1e-15",
            "time.end_days=1",
            "time.step_hours=" + step_hours,
            "time.scheme=backward_euler",
            "output.vtu=false",
            "solver.linear_tolerance=1e-12",
            "output.directory=" + directory};
  }

  /** The surface of boundary @p id and the volume of material @p region. */
  std::pair<double, double>
  area_and_volume(const mgsim::Problem &p,
                  const std::string    &boundary,
                  const std::string    &region)
  {
    const auto id       = p.mesh_info().boundaries.at(boundary);
    const auto material = p.mesh_info().regions.at(region);
    double     area = 0, volume = 0;
    for (const auto &cell : p.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        {
          if (cell->material_id() == material)
            volume += cell->measure();
          for (const auto &face : cell->face_iterators())
            if (face->at_boundary() && face->boundary_id() == id)
              area += face->measure();
        }
    const MPI_Comm comm = p.dof_handler().get_communicator();
    return {dealii::Utilities::MPI::sum(area, comm),
            dealii::Utilities::MPI::sum(volume, comm)};
  }

  /** Largest |dissolved + exchanged + cleared + boundary| / |exchanged|. */
  double
  carbon_ledger(const std::map<std::string, std::vector<double>> &stats)
  {
    double worst = 0, scale = 0;
    for (std::size_t i = 0; i < stats.at("time_h").size(); ++i)
      {
        scale = std::max(scale, std::abs(stats.at("ct_exchanged_mol")[i]));
        worst = std::max(worst,
                         std::abs(stats.at("ct_dissolved_mol")[i] +
                                  stats.at("ct_exchanged_mol")[i] +
                                  stats.at("ct_cleared_mol")[i] +
                                  stats.at("ct_boundary_mol")[i]));
      }
    return scale > 0 ? worst / scale : worst;
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  auto                   &list = test.checklist;

  // At rest under the medium's own pCO2.
  {
    const mgsim::CaseParameters probe =
      mgsim::read_case(argv[1], overrides("co2_rest", "38", "6"));
    const mgsim::Medium      &medium = probe.regions.front().medium.value();
    const mgsim::AcidBase     dmem(medium);
    const std::string         own = text(dmem.co2_partial_pressure(), 17);
    const mgsim_test::CaseRun rest(argv[1], overrides("co2_rest", own, "6"));
    const auto                stats =
      mgsim::read_csv(rest.prm.output.directory + "/stats.csv");
    double moved = 0;
    for (const char *c : {"min_ct_mM", "max_ct_mM"})
      for (const double v : stats.at(c))
        moved = std::max(moved,
                         std::abs(v - dmem.reference_carbon()) /
                           dmem.reference_carbon());
    for (const char *c : {"min_pH", "max_pH"})
      for (const double v : stats.at(c))
        moved =
          std::max(moved,
                   std::abs(v - medium.reference_ph) / medium.reference_ph);
    list.check(moved <= 1e-10,
               "at rest under its own pCO2 (" + own +
                 " mmHg) nothing moves: " + text(moved));
  }

  // Degassing in air against the well-mixed box.
  std::vector<double> deviation;
  double              lost = 0, tau = 0;
  for (const std::string step : {"1", "0.5"})
    {
      const mgsim_test::CaseRun air(argv[1],
                                    overrides("co2_air_" + step, "0.3", step));
      const auto                stats =
        mgsim::read_csv(air.prm.output.directory + "/stats.csv");
      const mgsim::Medium  &medium = air.prm.regions.front().medium.value();
      const mgsim::AcidBase dmem(medium);
      const auto [area, volume] = area_and_volume(air.problem, "top", "medium");
      const double k_g = 1e-6, saturation = medium.co2_solubility * 0.3;
      const double ta   = dmem.reference_alkalinity();
      const auto   rate = [&](const double ct) {
        const double ph = dmem.ph_closed(ta, ct);
        return -area * k_g * (dmem.co2_fraction(ph) * ct - saturation) / volume;
      };
      double       ct = dmem.reference_carbon(), t = 0, worst = 0;
      const double h     = 1;
      bool         rises = true;
      const auto  &hours = stats.at("time_h");
      for (std::size_t i = 0; i < hours.size(); ++i)
        {
          for (; t < hours[i] * 3600 - 1e-9; t += h)
            {
              const double k1 = rate(ct), k2 = rate(ct + 0.5 * h * k1),
                           k3 = rate(ct + 0.5 * h * k2), k4 = rate(ct + h * k3);
              ct += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
            }
          const double run =
            0.5 * (stats.at("min_ct_mM")[i] + stats.at("max_ct_mM")[i]);
          worst = std::max(worst, std::abs(run - ct));
          if (i > 0)
            rises = rises && stats.at("min_pH")[i] > stats.at("min_pH")[i - 1];
        }
      deviation.push_back(worst);
      lost = dmem.reference_carbon() - ct;
      tau  = volume / (area * k_g);
      std::cout << "step " << step << " h: largest |CT - CT_box| = " << worst
                << " mM (CT lost " << lost << " mM)\n";
      list.check(rises, "step " + step + " h: the pH rises every step");
      list.check(carbon_ledger(stats) <= 1e-10,
                 "step " + step +
                   " h: CT's ledger closes: " + text(carbon_ledger(stats)));
    }
  const double ratio = deviation[0] / deviation[1];
  const double bound = 0.5 * 1800 / tau;
  list.check(ratio >= 1.6 && ratio <= 2.4 && deviation[1] <= bound * lost,
             "first order in the step towards the well-mixed box: ratio " +
               text(ratio) + ", " + text(deviation[1] / lost) +
               " of the CT lost (bound " + text(bound) + ")");
  return list.finish();
}
