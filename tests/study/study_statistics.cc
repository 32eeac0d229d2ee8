// The pieces of a study that need no runs (doc/model.md §10): samplers,
// distributions, statistics and outcome paths, each against a property or a
// closed-form value.
#include "study/samplers.h"
#include "study/statistics.h"
#include "study/study_parameters.h"
#include "support/test_support.h"

#include <cmath>
#include <set>

using mgsim_test::text;
using namespace mgsim;

namespace
{
  /** Sobol indices of @p f from its values at the rows of @p design. */
  template <typename Function>
  std::vector<SobolIndices>
  indices_of(const Function       &f,
             const SaltelliDesign &design,
             unsigned int          resamples,
             std::uint64_t         seed)
  {
    std::vector<double>              f_a, f_b;
    std::vector<std::vector<double>> f_ab(design.ab.size());
    for (std::size_t r = 0; r < design.a.size(); ++r)
      {
        f_a.push_back(f(design.a[r]));
        f_b.push_back(f(design.b[r]));
        for (std::size_t i = 0; i < design.ab.size(); ++i)
          f_ab[i].push_back(f(design.ab[i][r]));
      }
    return sobol_indices(f_a, f_b, f_ab, resamples, seed);
  }
} // namespace

int
main(int argc, char **argv)
{
  mgsim_test::Environment env(argc, argv);
  auto                   &checks = env.checklist;

  // Latin hypercube: every stratum of every dimension holds one row.
  {
    const unsigned int n = 50, d = 4;
    const auto         rows       = latin_hypercube(n, d, 11);
    bool               stratified = rows.size() == n;
    for (unsigned int j = 0; j < d; ++j)
      {
        std::set<unsigned int> strata;
        for (const auto &r : rows)
          strata.insert(static_cast<unsigned int>(r[j] * n));
        stratified = stratified && strata.size() == n;
      }
    checks.check(
      stratified,
      "latin hypercube: 50 rows, one per stratum in each of 4 dimensions");
    checks.check(
      latin_hypercube(n, d, 11) == rows && latin_hypercube(n, d, 12) != rows,
      "latin hypercube: same seed, same rows; another seed, other rows");
  }
  {
    const auto grid = full_grid({3, 2});
    checks.check(grid.size() == 6 &&
                   grid[0] == std::vector<double>{0.5 / 3, 0.25} &&
                   grid[1] == std::vector<double>{0.5 / 3, 0.75},
                 "full grid: 3 x 2 midpoints, the last dimension fastest");
  }

  // Distributions: the value at u is the inverse CDF.
  {
    StudyParameter p;
    p.distribution = "uniform", p.lower = 2, p.upper = 4;
    const bool uniform = p.value_at(0.25) == 2.5;
    p.distribution = "log_uniform", p.lower = 1e-4, p.upper = 1e-2,
    p.points               = 3;
    const bool log_uniform = std::abs(p.value_at(0.5) / 1e-3 - 1) < 1e-12 &&
                             std::abs(p.grid_value(0) - 1e-4) < 1e-18 &&
                             std::abs(p.grid_value(1) / 1e-3 - 1) < 1e-12;
    p.distribution = "normal", p.mean = 1, p.sd = 0.5;
    p.lower = -std::numeric_limits<double>::infinity();
    p.upper = std::numeric_limits<double>::infinity();
    // Phi(1) = 0.8413447460685429.
    const bool normal = std::abs(p.value_at(0.5) - 1) < 1e-12 &&
                        std::abs(p.value_at(0.8413447460685429) - 1.5) < 1e-9;
    p.lower              = 0.9;
    p.upper              = 1.1;
    const bool truncated = p.value_at(0) >= 0.9 && p.value_at(0.999) <= 1.1 &&
                           std::abs(p.value_at(0.5) - 1) < 1e-12;
    p.distribution = "log_normal", p.mean = 0.3, p.sd = 0.7, p.lower = 0;
    p.upper = std::numeric_limits<double>::infinity();
    const bool log_normal =
      std::abs(p.value_at(0.5) - 0.3) < 1e-12 &&
      std::abs(p.value_at(0.8413447460685429) - 0.3 * std::exp(0.7)) < 1e-9;
    p.distribution = "discrete", p.values = {1, 2, 4};
    const bool discrete =
      p.value_at(0) == 1 && p.value_at(0.5) == 2 && p.value_at(0.99) == 4;
    checks.check(
      uniform && log_uniform && normal && truncated && log_normal && discrete,
      "distributions: uniform, log-uniform (geometric mean at u = 0.5), normal "
      "(mean + sd at Phi(1)), truncated normal within its bounds, log-normal "
      "(median, median e^sd), discrete");
  }

  // Quantiles and Wilson's interval.
  {
    std::vector<double> x;
    for (int i = 100; i >= 0; --i)
      x.push_back(i);
    checks.check(quantile(x, 0.5) == 50 && quantile(x, 0.05) == 5 &&
                   quantile({1, 2}, 0.5) == 1.5,
                 "quantiles of 0..100: median 50, 5 % 5; of {1, 2}: 1.5");
    // 0 of n: the upper bound is z^2 / (n + z^2).
    const double   z    = 1.959963984540054;
    const Estimate none = probability(0, 10), half = probability(5, 10);
    checks.check(none.value == 0 && none.lower == 0 &&
                   std::abs(none.upper - z * z / (10 + z * z)) < 1e-12 &&
                   std::abs(half.lower + half.upper - 1) < 1e-12 &&
                   half.lower > 0.18 && half.upper < 0.82,
                 "Wilson interval: 0/10 -> [0, " + text(none.upper, 4) +
                   "], 5/10 -> [" + text(half.lower, 4) + ", " +
                   text(half.upper, 4) + "], symmetric");
  }

  // Spearman: monotone relations are +-1 whatever their shape; ties share
  // ranks.
  {
    std::vector<double> x, up, down;
    for (int i = 0; i < 30; ++i)
      {
        x.push_back(0.1 * i);
        up.push_back(std::exp(3 * x.back()));
        down.push_back(-x.back() * x.back() * x.back());
      }
    checks.check(
      std::abs(spearman(x, up) - 1) < 1e-12 &&
        std::abs(spearman(x, down) + 1) < 1e-12 &&
        ranks({3, 1, 3, 2}) == std::vector<double>{3.5, 1, 3.5, 2},
      "Spearman: exp(x) -> 1, -x^3 -> -1; ranks of {3, 1, 3, 2} = {3.5, 1, 3.5, 2}");
    const Estimate r = spearman_bootstrap(x, up, 200, 5);
    checks.check(r.value == 1 && r.lower == 1 && r.upper == 1,
                 "Spearman bootstrap of a monotone relation: [1, 1]");
  }

  // Sobol indices of the Ishigami function (a = 7, b = 0.1) on [-pi, pi]^3:
  // S = (0.3139, 0.4424, 0), S_T = (0.5576, 0.4424, 0.2437) (Ishigami &
  // Homma 1990; Saltelli et al. 2010). With N = 20000 base rows the
  // estimators' standard errors are about 0.01: tolerance 0.04.
  {
    const unsigned int n      = 20000;
    const auto         design = saltelli(n, 3, 2);
    const auto         f      = [](const std::vector<double> &u) {
      const double pi = M_PI;
      const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1],
                   x3 = -pi + 2 * pi * u[2];
      return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) +
             0.1 * std::pow(x3, 4) * std::sin(x1);
    };
    const auto   s           = indices_of(f, design, 200, 3);
    const double first[]     = {0.3139, 0.4424, 0},
                 total[]     = {0.5576, 0.4424, 0.2437};
    bool               close = design.rows().size() == 5 * n;
    std::ostringstream found;
    for (unsigned int i = 0; i < 3; ++i)
      {
        close = close && std::abs(s[i].first.value - first[i]) < 0.04 &&
                std::abs(s[i].total.value - total[i]) < 0.04 &&
                s[i].first.lower <= s[i].first.value &&
                s[i].first.value <= s[i].first.upper;
        found << " x" << i + 1 << " " << text(s[i].first.value, 3) << "/"
              << text(s[i].total.value, 3);
      }
    checks.check(close,
                 "Sobol indices of Ishigami (first/total):" + found.str() +
                   " within 0.04 of 0.314/0.558, 0.442/0.442, 0/0.244");
  }

  // Sobol indices of an additive response f = u1 + 2 u2 (u3 inert), u
  // uniform on [0, 1]: Var f = (1 + 4) / 12, so S = S_T = (0.2, 0.8, 0)
  // exactly. The exact values lie within the estimates' 95 % bootstrap
  // intervals; the inert input's indices are 0 with an empty interval (its
  // column changes nothing).
  {
    const unsigned int n      = 2000;
    const auto         design = saltelli(n, 3, 4);
    const auto f = [](const std::vector<double> &u) { return u[0] + 2 * u[1]; };
    const auto s = indices_of(f, design, 500, 5);
    const double       exact[] = {0.2, 0.8, 0};
    bool               inside  = true;
    std::ostringstream found;
    const auto         contains = [](const Estimate &e, double x) {
      return e.lower <= x && x <= e.upper;
    };
    for (unsigned int i = 0; i < 3; ++i)
      {
        inside = inside && contains(s[i].first, exact[i]) &&
                 contains(s[i].total, exact[i]);
        found << " u" << i + 1 << " " << text(s[i].first.value, 3) << " ["
              << text(s[i].first.lower, 3) << ", " << text(s[i].first.upper, 3)
              << "]/" << text(s[i].total.value, 3) << " ["
              << text(s[i].total.lower, 3) << ", " << text(s[i].total.upper, 3)
              << "]";
      }
    checks.check(inside && s[2].first.value == 0 && s[2].total.value == 0,
                 "Sobol indices of u1 + 2 u2 (first [95 %]/total [95 %]):" +
                   found.str() + " contain 0.2, 0.8, 0");
  }

  // Outcome paths into summary.json.
  {
    const std::string json = R"({"implant": {"mass_left_fraction": 0.75},
      "regions": [{"name": "tumour", "peak_mg_mM": 21.5,
                   "longest_at_or_above_pH_h": {"7.6": 12}}],
      "list": [4, 5]})";
    checks.check(
      outcome_value(json, "implant.mass_left_fraction") == 0.75 &&
        outcome_value(json, "regions.tumour.peak_mg_mM") == 21.5 &&
        outcome_value(json, "regions.tumour.longest_at_or_above_pH_h.7.6") ==
          12 &&
        outcome_value(json, "list.1") == 5 &&
        std::isnan(outcome_value(json, "regions.muscle.peak_mg_mM")) &&
        std::isnan(outcome_value(json, "implant")),
      "outcome paths: nested keys, regions by name, keys with dots, list "
      "indices; absent or non-numeric -> NaN");
  }
  return checks.finish();
}
