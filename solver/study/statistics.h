// Statistics of a study's outcomes (doc/model.md §10): quantiles, the
// probability of a target with its confidence interval, rank correlations
// and Sobol indices with bootstrap intervals. Plain functions of vectors.
#pragma once

#include <cstdint>
#include <vector>

namespace mgsim
{
  /** @brief An estimate and its 95 % interval. */
  struct Estimate
  {
    double value = 0, lower = 0, upper = 0;
  };

  /** The @p p quantile (0..1) of @p x, linear between order statistics. */
  double
  quantile(std::vector<double> x, double p);

  /**
   * The probability that an event seen @p hits times in @p n trials
   * happens, with Wilson's 95 % score interval (sound also at 0 and n hits).
   */
  Estimate
  probability(unsigned int hits, unsigned int n);

  /** Ranks of @p x (1..n), ties given their mean rank. */
  std::vector<double>
  ranks(const std::vector<double> &x);

  /** Spearman's rank correlation of @p x and @p y (0 if either is flat). */
  double
  spearman(const std::vector<double> &x, const std::vector<double> &y);

  /** Spearman's correlation with a 95 % percentile bootstrap interval
   * (@p resamples pairs resampled with replacement, generator @p seed). */
  Estimate
  spearman_bootstrap(const std::vector<double> &x,
                     const std::vector<double> &y,
                     unsigned int               resamples,
                     std::uint64_t              seed);

  /** @brief First-order and total Sobol index of one parameter. */
  struct SobolIndices
  {
    Estimate first, total;
  };

  /**
   * Sobol indices from Saltelli's scheme: outputs at the rows of two
   * independent sample matrices A and B (@p f_a, @p f_b) and at A with
   * column i taken from B (@p f_ab[i]). First order after Saltelli et al.
   * (2010), total after Jansen (1999); bootstrap intervals over the rows.
   */
  std::vector<SobolIndices>
  sobol_indices(const std::vector<double>              &f_a,
                const std::vector<double>              &f_b,
                const std::vector<std::vector<double>> &f_ab,
                unsigned int                            resamples,
                std::uint64_t                           seed);
} // namespace mgsim
