// A nodal field from a value per region: at each DoF the average over the
// adjacent tissue cells. Deterministic on any partition and exact inside a
// region; used for background levels and H2 solubility.
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/dofs/dof_handler.h>

#include <map>

namespace mgsim
{
  /**
   * Nodal average of @p values (per material id) over the adjacent cells
   * whose material is in @p values; 0 at DoFs with no such cell.
   */
  VectorType
  nodal_average(const dealii::DoFHandler<3>                        &dof_handler,
                const std::map<dealii::types::material_id, double> &values);
} // namespace mgsim
