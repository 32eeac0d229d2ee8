// H2 gas exchange (doc/model.md §2):
//  - unit level: on a field that is supersaturated (2 h_sat) for x > 1/2 and
//    undersaturated (h_sat / 2) elsewhere, gas forms exactly at the DoFs
//    where h > h_sat, in the amount w (h - h_sat)(1 - exp(-kappa_g dt)); an
//    undersaturated field takes gas back, never more than the deficit and
//    never below zero gas;
//  - whole run, burst release (60 mm/y decaying with tau = 0.1 d, coarse
//    wire, 3 days): total H2 (dissolved + gas + cleared + outflow) equals
//    released H2 to 1e-8 at every step, gas appears, and it redissolves once
//    the release has stopped (final < half the peak; e-folding 28 h at
//    kappa_d = 1e-5/s); the per-region gas volumes add up to the total;
//  - at the default rate (peak H2 0.03 mM, far below 0.74 mM) no gas at all.
// Usage: hydrogen_gas CASE.cfg
#include "physics/hydrogen_gas.h"

#include "base/csv_file.h"
#include "input/case_parameters.h"
#include "physics/scalar_transport.h"
#include "simulation/problem.h"
#include "support/test_support.h"

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/hp/fe_collection.h>
#include <deal.II/numerics/vector_tools.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace dealii;
using mgsim::VectorType;

namespace
{
  using mgsim_test::check;

  void
  unit_test()
  {
    const MPI_Comm                          comm = MPI_COMM_WORLD;
    parallel::distributed::Triangulation<3> tria(comm);
    GridGenerator::subdivided_hyper_cube(tria, 4, 0, 1e-3);
    const hp::FECollection<3> fe{FE_Q<3>(1)};
    const hp::QCollection<3>  q{QGauss<3>(2)};
    const hp::QCollection<2>  qf{QGauss<2>(2)};
    DoFHandler<3>             dofs(tria);
    dofs.distribute_dofs(fe);

    mgsim::TransportSetup setup;
    setup.coefficients[0] = {1.0, 4e-9, 0, 0};
    mgsim::ScalarTransport h2(dofs, q, qf, setup);
    h2.setup_system();
    const VectorType &w = h2.content_weights_vector();

    const double h_sat = 0.74;
    VectorType   solubility(w);
    solubility = h_sat;
    mgsim::GasParameters prm;
    mgsim::HydrogenGas   gas(dofs, prm, solubility, w, {0}, q);

    VectorType h(w);
    VectorTools::interpolate(dofs,
                             ScalarFunctionFromFunctionObject<3>(
                               [&](const Point<3> &p) {
                                 return p[0] > 0.5e-3 ? 2 * h_sat : 0.5 * h_sat;
                               }),
                             h);
    const double dt = 600;
    VectorType   to_gas;
    gas.exchange(h, dt, to_gas);
    bool   where_ok = true, amount_ok = true;
    double total = 0;
    for (const auto i : dofs.locally_owned_dofs())
      {
        where_ok = where_ok && ((to_gas(i) > 0) == (h(i) > h_sat));
        const double expected =
          h(i) > h_sat ?
            w(i) * (h(i) - h_sat) * (1 - std::exp(-prm.nucleation_rate * dt)) :
            0;
        amount_ok = amount_ok && std::abs(to_gas(i) - expected) <=
                                   1e-14 * std::abs(expected);
        total += to_gas(i);
      }
    check(where_ok, "gas forms exactly where h > h_sat");
    check(amount_ok, "amount w (h - h_sat)(1 - exp(-kappa_g dt))");
    check(std::abs(gas.moles() - Utilities::MPI::sum(total, comm)) <=
            1e-14 * gas.moles(),
          "gas moles = sum of what was moved");

    const double before = gas.moles();
    h                   = 0.5 * h_sat;
    gas.exchange(h, 1e6, to_gas);
    bool bounded = true;
    for (const auto i : dofs.locally_owned_dofs())
      bounded = bounded && to_gas(i) <= 0 &&
                -to_gas(i) <= w(i) * (h_sat - h(i)) * (1 + 1e-14);
    check(bounded, "redissolution never exceeds the deficit");
    check(gas.moles() >= 0 && gas.moles() < before,
          "gas decreases and stays >= 0");
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  unit_test();

  for (const bool burst : {true, false})
    {
      std::vector<std::string> overrides = {
        "mesh.refinements=0",
        "output.vtu=false",
        "output.directory=hydrogen_gas_output"};
      if (burst)
        for (const std::string o : {"time.end_days=3",
                                    "implant.rate_initial_mm_per_y=60",
                                    "implant.rate_steady_mm_per_y=0",
                                    "implant.rate_decay_days=0.1"})
          overrides.push_back(o);
      else
        overrides.push_back("time.end_days=1");
      const mgsim_test::CaseRun    run(argv[1], overrides);
      const mgsim::CaseParameters &prm = run.prm;
      const auto columns = mgsim::read_csv(prm.output.directory + "/stats.csv");
      const auto  &error = columns.at("h2_balance_rel_error");
      const auto  &volume = columns.at("h2_gas_volume_mm3");
      const auto  &region = columns.at("h2_gas_volume_mm3_tissue");
      const double peak   = *std::max_element(volume.begin(), volume.end());
      if (burst)
        {
          check(*std::max_element(error.begin(), error.end()) < 1e-8,
                "H2 conserved with gas exchange, every step (largest error " +
                  std::to_string(
                    *std::max_element(error.begin(), error.end())) +
                  ")");
          check(peak > 0,
                "gas appears (peak " + std::to_string(peak) + " mm^3)");
          check(volume.back() < 0.5 * peak,
                "gas redissolves after the release stops (final " +
                  std::to_string(volume.back()) + " mm^3)");
          bool adds_up = true;
          for (std::size_t i = 0; i < volume.size(); ++i)
            adds_up = adds_up && std::abs(region[i] - volume[i]) <= 1e-9 * peak;
          check(adds_up, "per-region gas volumes add up to the total");
        }
      else
        check(peak == 0, "no gas where H2 stays below solubility");
    }
  return mgsim_test::checklist().finish();
}
