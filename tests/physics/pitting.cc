// The pitting field (Weibull factor per pit, Grogan et al. 2011):
//  - over 2e5 pits (shape m = 2): mean 1 within 1 % (standard error 0.12 %)
//    and coefficient of variation within 3 % of sqrt(G(1+2/m)/G(1+1/m)^2 - 1);
//  - reproducible (same seed, same pit -> same factor; constant inside a pit),
//    different for another seed;
//  - m = 0 is uniform (exactly 1); m = 1000 is within 2 % of 1 everywhere
//    (m -> infinity gives uniform corrosion);
//  - on the wire case, two seeds release the same total within 5 % (about
//    800 pits on 8 mm^2: expected spread 0.52/sqrt(800) = 1.8 %) but give
//    different peak concentrations (the pattern matters locally).
// Usage: pitting CASE.cfg
#include "physics/pitting.h"

#include "input/case_parameters.h"
#include "simulation/problem.h"
#include "support/test_support.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <iostream>
#include <sstream>

using namespace dealii;

namespace
{
  /** Centres of n pits of size L along a line through many grid cells. */
  Point<3>
  pit_centre(unsigned int i, double L)
  {
    return Point<3>((i % 97 + 0.5) * L,
                    ((i / 97) % 89 + 0.5) * L,
                    (i / 8633 + 0.5) * L);
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment test(argc, argv);
  auto                   &checklist = test.checklist;
  const auto              check     = [&](bool c, const std::string &what) {
    checklist.check(c, what);
  };
  const double       L = 1e-4;
  const unsigned int n = 200000;

  const double              m = 2;
  const mgsim::PittingField field(m, L, 7), same(m, L, 7), other(m, L, 8);
  double                    sum = 0, sum2 = 0;
  unsigned int              reproducible = 0, constant_in_pit = 0, differs = 0;
  for (unsigned int i = 0; i < n; ++i)
    {
      const Point<3> x = pit_centre(i, L);
      const double   f = field.factor(x);
      sum += f;
      sum2 += f * f;
      reproducible += same.factor(x) == f;
      constant_in_pit +=
        field.factor(x + Point<3>(0.4 * L, -0.3 * L, 0.2 * L)) == f;
      differs += other.factor(x) != f;
    }
  const double mean = sum / n;
  const double cv   = std::sqrt(sum2 / n - mean * mean) / mean;
  const double g1 = std::tgamma(1 + 1 / m), g2 = std::tgamma(1 + 2 / m);
  const double cv_exact = std::sqrt(g2 / (g1 * g1) - 1);
  check(std::abs(mean - 1) < 0.01, "mean factor " + std::to_string(mean));
  check(std::abs(cv / cv_exact - 1) < 0.03,
        "coefficient of variation " + std::to_string(cv) + " (Weibull " +
          std::to_string(cv_exact) + ")");
  check(reproducible == n, "same seed, same factors");
  check(constant_in_pit == n, "factor constant inside a pit");
  check(differs > 0.99 * n, "another seed, other factors");

  const mgsim::PittingField uniform(0, L, 7), nearly(1000, L, 7);
  double                    worst_uniform = 0, worst_nearly = 0;
  for (unsigned int i = 0; i < n; ++i)
    {
      worst_uniform =
        std::max(worst_uniform, std::abs(uniform.factor(pit_centre(i, L)) - 1));
      worst_nearly =
        std::max(worst_nearly, std::abs(nearly.factor(pit_centre(i, L)) - 1));
    }
  check(worst_uniform == 0, "m = 0 is uniform");
  check(worst_nearly < 0.02,
        "m = 1000 within " + std::to_string(worst_nearly) + " of 1");

  std::vector<double> released, peak;
  for (const std::string seed : {"1", "2"})
    {
      const mgsim_test::CaseRun run(argv[1],
                                    {"implant.pitting_weibull_shape=2",
                                     "implant.pitting_seed=" + seed,
                                     "time.end_days=0.125",
                                     "time.step_hours=1",
                                     "output.vtu=false",
                                     "output.directory=pitting_output"});
      const mgsim::Problem     &problem = run.problem;
      released.push_back(problem.magnesium().ledger().released);
      peak.push_back(problem.magnesium().max_value());
    }
  check(std::abs(released[0] / released[1] - 1) < 0.05,
        "two seeds release the same within 5 % (ratio " +
          std::to_string(released[0] / released[1]) + ")");
  check(std::abs(peak[0] / peak[1] - 1) > 1e-3,
        "two seeds give different peaks (" + std::to_string(peak[0]) + ", " +
          std::to_string(peak[1]) + " mM)");

  return checklist.finish();
}
