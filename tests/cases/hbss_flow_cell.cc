// V2 stand-in (doc/model.md §7.8): the pH profile above a 2 mm Mg disc in
// flowing HBSS (Barzegari's flow cell, 37 C): 7.77 at 50 um, 7.64 at 100,
// 7.53 at 150, 7.45 at 200, bulk 7.40 by ~250 um. mgsim has no advection:
// bench/hbss_flow_cell replaces the flow by a stagnant 250 um layer held
// at the bulk on top (an input taken from the measurement). In it the TA
// excess is linear in the release (no clearance, no precipitation at these
// pH), so one run at a trial rate gives every rate's profile: the rate that
// puts 7.77 at 50 um is fitted, and the pH at 100, 150 and 200 um must then
// lie within 0.1 of the measurement (V2's tolerance) -- the profile's shape
// is the check. Read along the disc's axis, a mesh edge (two mirror planes
// meet there), where the Q1 field is linear between its nodes.
// Usage: hbss_flow_cell bench/hbss_flow_cell/flow_cell.cfg
#include "physics/acid_base.h"
#include "support/test_support.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>

using mgsim_test::text;

int
main(int argc, char **argv)
{
  mgsim_test::Environment   test(argc, argv);
  auto                     &list = test.checklist;
  const mgsim_test::CaseRun run(argv[1],
                                {"output.directory=hbss_flow_cell",
                                 "solver.linear_tolerance=1e-12"});
  const mgsim::Problem     &p = run.problem;

  // TA at the nodes on the axis (x = y = 0) above the disc, by height.
  const auto              &ta = p.species("ta").transport().solution();
  std::map<double, double> axis;
  for (const auto &cell : p.dof_handler().active_cell_iterators())
    if (cell->is_locally_owned() && cell->get_fe().n_dofs_per_cell() > 0)
      for (unsigned int v = 0; v < cell->n_vertices(); ++v)
        {
          const auto x = cell->vertex(v);
          if (std::abs(x[0]) < 1e-9 && std::abs(x[1]) < 1e-9 && x[2] >= 0)
            axis[x[2]] =
              ta(cell->vertex_dof_index(v, 0, cell->active_fe_index()));
        }
  const auto ta_at = [&](const double z) {
    auto hi = axis.lower_bound(z);
    auto lo = std::prev(hi);
    return lo->second + (hi->second - lo->second) * (z - lo->first) /
                          (hi->first - lo->first);
  };

  const mgsim::Medium     &hbss = run.prm.regions.front().medium.value();
  const mgsim::AcidBase    acid_base(hbss);
  const mgsim::LocalBuffer buffer{acid_base, acid_base.reference_carbon()};
  const double             ta0 = acid_base.reference_alkalinity();
  // The rate that gives the measured 7.77 at 50 um.
  const double scale = (buffer.alkalinity(7.77) - ta0) / (ta_at(50e-6) - ta0);
  const double rate  = scale * run.prm.implant.alloy.rate_steady_mm_per_y;
  const std::vector<std::pair<double, double>> measured = {{50e-6, 7.77},
                                                           {100e-6, 7.64},
                                                           {150e-6, 7.53},
                                                           {200e-6, 7.45},
                                                           {250e-6, 7.40}};
  double                                       worst    = 0;
  if (test.root)
    std::cout << "fitted corrosion rate " << rate
              << " mm/y (pH 7.77 at 50 um)\n"
              << "height [um]  pH measured  pH model\n";
  for (const auto &[z, ph] : measured)
    {
      const double model = buffer.ph(ta0 + scale * (ta_at(z) - ta0));
      if (test.root)
        std::cout << std::setw(11) << z * 1e6 << std::setw(13) << ph
                  << std::setw(10) << std::setprecision(4) << model << "\n";
      if (z > 50e-6 && z < 250e-6)
        worst = std::max(worst, std::abs(model - ph));
    }
  list.check(axis.size() > 8 && axis.rbegin()->first >= 249e-6,
             text(axis.size()) + " nodes on the axis up to the layer's top");
  list.check(std::abs(buffer.ph(ta_at(250e-6)) - hbss.reference_ph) <= 1e-6,
             "the bulk's pH at the layer's top");
  list.check(worst <= 0.1,
             "pH at 100-200 um within 0.1 of the measurement: worst " +
               text(worst, 3));
  return list.finish();
}
