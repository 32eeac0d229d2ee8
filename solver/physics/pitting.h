// Pitting: a spatial field of corrosion-rate factors f(x) with mean 1, drawn
// from a Weibull law of shape m (Grogan et al. 2011), constant on the cells
// of a regular grid of spacing L (the pit size). Each grid cell's factor
// comes from a hash of the seed and the cell's integer coordinates, so the
// pattern is reproducible and the same on any number of MPI ranks and any
// mesh: refining the mesh resolves the pits better instead of redrawing them.
// m = 0 means uniform corrosion (f = 1); large m approaches it.
#pragma once

#include <deal.II/base/point.h>

#include <cstdint>

namespace mgsim
{
  class PittingField
  {
  public:
    /**
     * @p weibull_shape m (0: uniform), @p pit_size L [m], @p seed.
     */
    PittingField(double weibull_shape, double pit_size, std::uint64_t seed);

    /** Corrosion-rate factor at @p x [-]; mean 1 over many pits. */
    double
    factor(const dealii::Point<3> &x) const;

    bool
    uniform() const
    {
      return shape == 0;
    }

  private:
    double        shape;
    double        pit_size;
    std::uint64_t seed;
    /** Weibull scale giving mean 1: 1 / Gamma(1 + 1/m). */
    double scale;
  };
} // namespace mgsim
