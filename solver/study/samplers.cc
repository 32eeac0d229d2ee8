#include "study/samplers.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace mgsim
{
  UnitSamples
  latin_hypercube(const unsigned int  n,
                  const unsigned int  d,
                  const std::uint64_t seed)
  {
    std::mt19937_64                        generator(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    UnitSamples                            rows(n, std::vector<double>(d));
    std::vector<unsigned int>              strata(n);
    for (unsigned int j = 0; j < d; ++j)
      {
        std::iota(strata.begin(), strata.end(), 0);
        std::shuffle(strata.begin(), strata.end(), generator);
        for (unsigned int i = 0; i < n; ++i)
          rows[i][j] = (strata[i] + uniform(generator)) / n;
      }
    return rows;
  }

  UnitSamples
  full_grid(const std::vector<unsigned int> &levels)
  {
    UnitSamples rows = {{}};
    for (const unsigned int m : levels)
      {
        UnitSamples longer;
        for (const auto &row : rows)
          for (unsigned int k = 0; k < m; ++k)
            {
              longer.push_back(row);
              longer.back().push_back((k + 0.5) / m);
            }
        rows = std::move(longer);
      }
    return rows;
  }

  UnitSamples
  SaltelliDesign::rows() const
  {
    UnitSamples all = a;
    all.insert(all.end(), b.begin(), b.end());
    for (const auto &m : ab)
      all.insert(all.end(), m.begin(), m.end());
    return all;
  }

  SaltelliDesign
  saltelli(const unsigned int n, const unsigned int d, const std::uint64_t seed)
  {
    // One hypercube in 2d dimensions split in two: A and B independent.
    const UnitSamples both = latin_hypercube(n, 2 * d, seed);
    SaltelliDesign    design;
    for (const auto &row : both)
      {
        design.a.emplace_back(row.begin(), row.begin() + d);
        design.b.emplace_back(row.begin() + d, row.end());
      }
    for (unsigned int i = 0; i < d; ++i)
      {
        UnitSamples m = design.a;
        for (unsigned int r = 0; r < n; ++r)
          m[r][i] = design.b[r][i];
        design.ab.push_back(std::move(m));
      }
    return design;
  }
} // namespace mgsim
