// Points in the unit hypercube [0, 1)^d that a study maps to parameter values
// (doc/model.md §10). Each row is one run's coordinates.
#pragma once

#include <cstdint>
#include <vector>

namespace mgsim
{
  using UnitSamples = std::vector<std::vector<double>>;

  /**
   * @p n rows of a Latin hypercube in @p d dimensions: in each dimension
   * every interval [k/n, (k+1)/n) holds exactly one row, at a random place.
   */
  UnitSamples
  latin_hypercube(unsigned int n, unsigned int d, std::uint64_t seed);

  /**
   * The full factorial grid with @p levels[j] points in dimension j, at the
   * interval midpoints (k + 1/2)/levels[j]; the last dimension varies
   * fastest.
   */
  UnitSamples
  full_grid(const std::vector<unsigned int> &levels);

  /**
   * @brief Saltelli's scheme for Sobol indices: two independent Latin
   * hypercubes A and B of @p n rows, and for each dimension i the matrix
   * A_B^i (A with column i from B): n (d + 2) rows in all.
   */
  struct SaltelliDesign
  {
    UnitSamples a, b;
    /** ab[i]: A with column i taken from B. */
    std::vector<UnitSamples> ab;

    /** All rows, in the order A, B, A_B^0, ..., A_B^{d-1}. */
    UnitSamples
    rows() const;
  };

  SaltelliDesign
  saltelli(unsigned int n, unsigned int d, std::uint64_t seed);
} // namespace mgsim
