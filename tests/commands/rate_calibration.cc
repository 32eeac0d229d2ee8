// The calibration search (`mgsim calibrate`) on closed-form responses, no
// runs: the mean level as a function of the rate factor s.
//  - linear (the transport is linear in the release): converges in at most
//    two evaluations, to the exact root;
//  - bent (front shrinking, 1 - exp(-s)) and steep (s^3): converges within
//    12 evaluations to the 1e-4 tolerance, never leaving s > 0;
//  - unreachable (saturating below the measurement): reports failure
//    instead of a wrong answer.
// Usage: rate_calibration
#include "commands/rate_calibration.h"

#include "support/test_support.h"

#include <cmath>
#include <sstream>

int
main()
{
  mgsim_test::Checklist list;
  const double          background = 0.8, measured = 10.286;

  const auto report = [&](const std::string              &name,
                          const mgsim::CalibrationResult &r,
                          double                          exact) {
    std::ostringstream what;
    what << name << ": " << r.runs.size() << " runs, s = " << r.scale
         << " (exact " << exact << "), mismatch " << r.mismatch;
    return what.str();
  };

  // Linear: mean = 0.8 + 9 s; root 9.486 / 9.
  {
    const auto r =
      mgsim::calibrate_rate([&](double s) { return background + 9 * s; },
                            background,
                            measured);
    const double exact = (measured - background) / 9;
    list.check(r.converged && r.runs.size() <= 2 &&
                 std::abs(r.scale / exact - 1) < 1e-12,
               report("linear", r, exact));
  }
  // Bent: mean = 0.8 + 20 (1 - exp(-s)).
  {
    const auto r = mgsim::calibrate_rate(
      [&](double s) { return background + 20 * (1 - std::exp(-s)); },
      background,
      measured);
    const double exact    = -std::log(1 - (measured - background) / 20);
    bool         positive = true;
    for (const auto &run : r.runs)
      positive = positive && run.scale > 0;
    list.check(r.converged && positive && r.runs.size() <= 12 &&
                 std::abs(r.mismatch) <= 1e-4,
               report("bent", r, exact));
  }
  // Steep and far: mean = 0.8 + 0.01 s^3, root s = 9.486^(1/3) * 100^(1/3).
  {
    const auto r = mgsim::calibrate_rate(
      [&](double s) { return background + 0.01 * s * s * s; },
      background,
      measured);
    const double exact = std::cbrt((measured - background) / 0.01);
    list.check(r.converged && r.runs.size() <= 12 &&
                 std::abs(r.mismatch) <= 1e-4,
               report("steep", r, exact));
  }
  // Unreachable: mean saturates at 5 mM < 10.286 mM.
  {
    const auto r = mgsim::calibrate_rate(
      [&](double s) { return background + 4.2 * (1 - std::exp(-s)); },
      background,
      measured);
    list.check(!r.converged, report("unreachable (must fail)", r, NAN));
  }
  return list.finish();
}
