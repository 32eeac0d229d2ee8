// Mg(OH)2 in a well-mixed closed box (doc/model.md §7.3): 1 mL of sealed
// DMEM receives Mg2+ and twice as much base at a fixed rate (1 mM/h, the
// order of the extract vial's release), in steps of 1 h; after each step the
// box reacts with its solid by brucite_precipitation().
//   - Before saturation nothing precipitates; after it (equilibrium
//     projection) the box stays on brucite's saturation curve:
//     log10 [Mg2+]/M = 16.56 - 2 pH (log Ksp' -10.44, pKw' 13.50) to 1e-9.
//     There the box stays put: what is released is Mg(OH)2 already, so all
//     of it precipitates (1e-9 relative) and [Mg2+] and pH do not move.
//   - Mg and base are conserved by construction, and exactly: dissolved +
//     solid = released (1e-13 relative), TA + 2 solid = TA0 + 2 released.
//   - The rate law converges to the projection as k_p grows: over the run
//     the largest |[Mg2+]_rate - [Mg2+]_eq| falls at least 5-fold per decade
//     of 1 / (k_p dt) from 10 to 0.01 (first order in 1 / k_p: 10-fold).
//   - Redissolution: taking base away (as CO2 uptake would) dissolves solid
//     back onto the curve, and once all of it is gone the box is
//     undersaturated with no solid left (exactly 0).
// Usage: brucite_box MEDIA.cfg
#include "input/medium_database.h"
#include "physics/brucite_reaction.h"
#include "support/test_support.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

using namespace mgsim;

namespace
{
  struct Box
  {
    BruciteNode node;
    double      released = 0;
  };

  /** Releases @p mg [mM] (and 2 mg of base), then reacts. Returns x. */
  double
  step(Box               &box,
       const LocalBuffer &buffer,
       const double       mg,
       const double       relaxation)
  {
    box.released += mg;
    return mgsim_test::release_and_react(box.node, buffer, mg, relaxation);
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment env(argc, argv);
  auto                   &checks = env.checklist;
  const Medium      dmem = mgsim_test::medium_from(argv[1], "dmem_sealed");
  const AcidBase    acid_base(dmem);
  const LocalBuffer buffer{acid_base, acid_base.reference_carbon()};

  const double initial_mg = 0.8, initial_ta = acid_base.reference_alkalinity();
  const double per_step    = 1.0; // mM per 1 h step
  const unsigned int steps = 48;
  const auto         fresh = [&]() {
    Box box;
    box.node = {initial_mg, initial_ta, 0};
    return box;
  };

  // Equilibrium projection.
  Box                 eq = fresh();
  std::vector<double> eq_mg;
  double       worst_curve = 0, worst_mg_balance = 0, worst_ta_balance = 0;
  bool         early_solid      = false;
  double       worst_stationary = 0;
  unsigned int first_saturated  = 0;
  double       saturated_mg     = 0;
  for (unsigned int n = 1; n <= steps; ++n)
    {
      const double x = step(eq, buffer, per_step, 0);
      eq_mg.push_back(eq.node.magnesium);
      const double ph = buffer.ph(eq.node.alkalinity);
      const double mg_balance =
        std::abs(eq.node.magnesium + eq.node.solid - initial_mg - eq.released);
      const double ta_balance = std::abs(
        eq.node.alkalinity + 2 * eq.node.solid - initial_ta - 2 * eq.released);
      worst_mg_balance = std::max(worst_mg_balance, mg_balance / eq.released);
      worst_ta_balance = std::max(worst_ta_balance, ta_balance / initial_ta);
      if (eq.node.solid == 0)
        {
          early_solid =
            early_solid ||
            acid_base.brucite_saturation_ratio(eq.node.magnesium, ph) > 1;
          continue;
        }
      if (first_saturated == 0)
        {
          first_saturated = n;
          saturated_mg    = eq.node.magnesium;
        }
      else
        worst_stationary =
          std::max({worst_stationary,
                    std::abs(x - per_step) / per_step,
                    std::abs(eq.node.magnesium - saturated_mg) / saturated_mg});
      worst_curve = std::max(worst_curve,
                             std::abs(std::log10(eq.node.magnesium / 1000) -
                                      (16.56 - 2 * ph)));
    }
  checks.check(!early_solid && first_saturated > 1 && first_saturated < steps,
               "undersaturated without solid, then saturated from step " +
                 std::to_string(first_saturated));
  const auto text = [](const double x) {
    std::ostringstream s;
    s << x;
    return s.str();
  };
  checks.check(worst_curve <= 1e-9,
               "on the saturation curve log10 Mg = 16.56 - 2 pH: " +
                 text(worst_curve) + " at " + text(saturated_mg) + " mM");
  checks.check(worst_stationary <= 1e-9,
               "saturated: the release precipitates, Mg2+ stays: " +
                 text(worst_stationary));
  checks.check(worst_mg_balance <= 1e-13 && worst_ta_balance <= 1e-13,
               "Mg and base conserved: " + text(worst_mg_balance) + ", " +
                 text(worst_ta_balance));

  // The rate law, 1 / (k_p dt) from 10 to 0.01.
  double previous  = 0;
  bool   converges = true;
  for (const double relaxation : {10.0, 1.0, 0.1, 0.01})
    {
      Box    box     = fresh();
      double largest = 0;
      for (unsigned int n = 1; n <= steps; ++n)
        {
          step(box, buffer, per_step, relaxation);
          largest =
            std::max(largest, std::abs(box.node.magnesium - eq_mg[n - 1]));
        }
      std::cout << "1/(k_p dt) = " << relaxation
                << ": largest |Mg_rate - Mg_eq| = " << largest << " mM\n";
      if (previous > 0)
        converges = converges && largest <= previous / 5;
      previous = largest;
    }
  checks.check(converges && previous < 1e-2,
               "the rate law converges to the projection as k_p grows");

  // Redissolution: take base away until all solid is gone.
  bool   back_on_curve = true;
  double solid         = eq.node.solid;
  while (eq.node.solid > 0)
    {
      eq.node.alkalinity -= 1.0;
      const double x = brucite_precipitation(buffer, eq.node, 2.0, 0);
      eq.node.magnesium -= x;
      eq.node.alkalinity -= 2 * x;
      eq.node.solid += x;
      if (eq.node.solid > 0)
        {
          const double ph = buffer.ph(eq.node.alkalinity);
          back_on_curve   = back_on_curve && x < 0 && eq.node.solid < solid &&
                          std::abs(std::log10(eq.node.magnesium / 1000) -
                                   (16.56 - 2 * ph)) <= 1e-9;
          solid = eq.node.solid;
        }
    }
  const double ph = buffer.ph(eq.node.alkalinity);
  checks.check(back_on_curve, "base taken away dissolves solid onto the curve");
  checks.check(eq.node.solid == 0 &&
                 acid_base.brucite_saturation_ratio(eq.node.magnesium, ph) < 1,
               "all solid gone: undersaturated, no solid left");
  return checks.finish();
}
