#include "study/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace mgsim
{
  double
  quantile(std::vector<double> x, const double p)
  {
    if (x.empty())
      return std::nan("");
    std::sort(x.begin(), x.end());
    const double      position = p * (x.size() - 1);
    const std::size_t below    = static_cast<std::size_t>(position);
    if (below + 1 >= x.size())
      return x.back();
    return x[below] + (position - below) * (x[below + 1] - x[below]);
  }

  Estimate
  probability(const unsigned int hits, const unsigned int n)
  {
    if (n == 0)
      return {std::nan(""), 0, 1};
    const double z      = 1.959963984540054; // 97.5 % point of the normal
    const double p      = static_cast<double>(hits) / n;
    const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    const double half =
      z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
    // At 0 or n hits the bound is exactly 0 or 1 (not its rounding).
    return {p,
            hits == 0 ? 0.0 : std::max(0.0, centre - half),
            hits == n ? 1.0 : std::min(1.0, centre + half)};
  }

  std::vector<double>
  ranks(const std::vector<double> &x)
  {
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
      return x[a] < x[b];
    });
    std::vector<double> r(x.size());
    for (std::size_t i = 0; i < order.size();)
      {
        std::size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]])
          ++j;
        const double mean_rank = 0.5 * (i + j) + 1;
        for (std::size_t k = i; k <= j; ++k)
          r[order[k]] = mean_rank;
        i = j + 1;
      }
    return r;
  }

  namespace
  {
    double
    pearson(const std::vector<double> &x, const std::vector<double> &y)
    {
      const double n   = x.size();
      const double mx  = std::accumulate(x.begin(), x.end(), 0.0) / n;
      const double my  = std::accumulate(y.begin(), y.end(), 0.0) / n;
      double       sxy = 0, sxx = 0, syy = 0;
      for (std::size_t i = 0; i < x.size(); ++i)
        {
          sxy += (x[i] - mx) * (y[i] - my);
          sxx += (x[i] - mx) * (x[i] - mx);
          syy += (y[i] - my) * (y[i] - my);
        }
      return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
    }

    /** 2.5 % and 97.5 % quantiles of @p statistics around @p value. */
    Estimate
    interval(const double value, const std::vector<double> &statistics)
    {
      return {value, quantile(statistics, 0.025), quantile(statistics, 0.975)};
    }
  } // namespace

  double
  spearman(const std::vector<double> &x, const std::vector<double> &y)
  {
    return x.size() < 2 ? 0.0 : pearson(ranks(x), ranks(y));
  }

  Estimate
  spearman_bootstrap(const std::vector<double> &x,
                     const std::vector<double> &y,
                     const unsigned int         resamples,
                     const std::uint64_t        seed)
  {
    std::mt19937_64                            generator(seed);
    std::uniform_int_distribution<std::size_t> pick(0, x.size() - 1);
    std::vector<double>                        statistics;
    std::vector<double>                        bx(x.size()), by(y.size());
    for (unsigned int b = 0; b < resamples; ++b)
      {
        for (std::size_t i = 0; i < x.size(); ++i)
          {
            const std::size_t k = pick(generator);
            bx[i]               = x[k];
            by[i]               = y[k];
          }
        statistics.push_back(spearman(bx, by));
      }
    return interval(spearman(x, y), statistics);
  }

  namespace
  {
    /** The indices of the rows @p rows (Saltelli 2010, Jansen 1999). */
    std::vector<std::pair<double, double>>
    indices_of_rows(const std::vector<double>              &f_a,
                    const std::vector<double>              &f_b,
                    const std::vector<std::vector<double>> &f_ab,
                    const std::vector<std::size_t>         &rows)
    {
      const double n    = rows.size();
      double       mean = 0;
      for (const auto r : rows)
        mean += (f_a[r] + f_b[r]) / (2 * n);
      double variance = 0;
      for (const auto r : rows)
        variance += ((f_a[r] - mean) * (f_a[r] - mean) +
                     (f_b[r] - mean) * (f_b[r] - mean)) /
                    (2 * n - 1);
      std::vector<std::pair<double, double>> result;
      for (const auto &f_i : f_ab)
        {
          double first = 0, total = 0;
          for (const auto r : rows)
            {
              first += f_b[r] * (f_i[r] - f_a[r]) / n;
              total += (f_a[r] - f_i[r]) * (f_a[r] - f_i[r]) / (2 * n);
            }
          result.emplace_back(variance > 0 ? first / variance : 0.0,
                              variance > 0 ? total / variance : 0.0);
        }
      return result;
    }
  } // namespace

  std::vector<SobolIndices>
  sobol_indices(const std::vector<double>              &f_a,
                const std::vector<double>              &f_b,
                const std::vector<std::vector<double>> &f_ab,
                const unsigned int                      resamples,
                const std::uint64_t                     seed)
  {
    std::vector<std::size_t> all(f_a.size());
    std::iota(all.begin(), all.end(), 0);
    const auto point = indices_of_rows(f_a, f_b, f_ab, all);

    std::mt19937_64                            generator(seed);
    std::uniform_int_distribution<std::size_t> pick(0, f_a.size() - 1);
    std::vector<std::vector<double>> first(f_ab.size()), total(f_ab.size());
    std::vector<std::size_t>         rows(f_a.size());
    for (unsigned int b = 0; b < resamples; ++b)
      {
        for (auto &r : rows)
          r = pick(generator);
        const auto s = indices_of_rows(f_a, f_b, f_ab, rows);
        for (std::size_t i = 0; i < s.size(); ++i)
          {
            first[i].push_back(s[i].first);
            total[i].push_back(s[i].second);
          }
      }
    std::vector<SobolIndices> result;
    for (std::size_t i = 0; i < point.size(); ++i)
      result.push_back({interval(point[i].first, first[i]),
                        interval(point[i].second, total[i])});
    return result;
  }
} // namespace mgsim
