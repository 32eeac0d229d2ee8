#include "analysis/nodal_fields.h"

#include "analysis/concentration_bands.h"
#include "base/petsc_arrays.h"

#include <cmath>

namespace mgsim
{
  using namespace petsc_arrays;

  VectorType
  map_entries(const VectorType &v, const std::function<double(double)> &f)
  {
    VectorType result;
    reinit_like(result, v);
    const ReadArray from(v);
    WriteArray      to(result);
    const unsigned  n = v.locally_owned_size();
    for (unsigned int k = 0; k < n; ++k)
      to[k] = f(from[k]);
    return result;
  }

  VectorType
  band_index(const VectorType &c, const std::vector<double> &edges)
  {
    // A node without a level (NaN: no pH inside the implant) has no band.
    return map_entries(c, [&](double level) {
      return std::isnan(level) ? level : double(band_of(edges, level));
    });
  }

  VectorType
  scaled(const VectorType &v, const double factor)
  {
    return map_entries(v, [factor](double value) { return factor * value; });
  }
} // namespace mgsim
