#include "physics/pitting.h"

#include <cmath>

namespace mgsim
{
  namespace
  {
    /** SplitMix64: a small, well-mixed 64-bit hash step. */
    std::uint64_t
    mix(std::uint64_t x)
    {
      x += 0x9e3779b97f4a7c15ULL;
      x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
      x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
      return x ^ (x >> 31);
    }
  } // namespace

  PittingField::PittingField(const double        weibull_shape,
                             const double        pit_size,
                             const std::uint64_t seed)
    : shape(weibull_shape)
    , pit_size(pit_size)
    , seed(seed)
    , scale(weibull_shape > 0 ? 1.0 / std::tgamma(1.0 + 1.0 / weibull_shape) :
                                1.0)
  {
  }

  double
  PittingField::factor(const dealii::Point<3> &x) const
  {
    if (uniform())
      return 1.0;
    std::uint64_t h = mix(seed);
    for (unsigned int d = 0; d < 3; ++d)
      h = mix(h ^ static_cast<std::uint64_t>(
                    static_cast<std::int64_t>(std::floor(x[d] / pit_size))));
    // Uniform in (0, 1) from the top 53 bits; never 0 or 1.
    const double u = (static_cast<double>(h >> 11) + 0.5) * 0x1.0p-53;
    return scale * std::pow(-std::log1p(-u), 1.0 / shape);
  }
} // namespace mgsim
