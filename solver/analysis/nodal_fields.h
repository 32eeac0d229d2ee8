// Nodal fields derived from others for output: a band index per node, a
// field in display units (hours, mM h), any entry-wise map.
#pragma once

#include "base/linear_algebra.h"

#include <functional>
#include <vector>

namespace mgsim
{
  /**
   * Band index of each node's level: 0 below edges[0], k between
   * edges[k-1] and edges[k], edges.size() at or above the last edge
   * (ghosted, like @p c).
   */
  VectorType
  band_index(const VectorType &c, const std::vector<double> &edges);

  /** f of each entry of @p v (ghosted like @p v). */
  VectorType
  map_entries(const VectorType &v, const std::function<double(double)> &f);

  /** @p v times @p factor (ghosted like @p v), e.g. seconds to hours. */
  VectorType
  scaled(const VectorType &v, double factor);
} // namespace mgsim
