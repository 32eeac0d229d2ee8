// Values for DoFs that have just joined the tissue (the nodes of implant
// cells whose metal is gone): each gets the mean of the known values of
// the opened cells around it, repeated while opened cells several layers
// deep fill up. Mass is not handled here: ScalarTransport::open_cells()
// takes back what the fill adds.
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/dofs/dof_handler.h>

#include <vector>

namespace mgsim
{
  /**
   * Fills the entries of @p values (owned) whose @p known flag (owned, 0 or
   * 1) is 0 from the known values of the locally owned or ghost @p cells.
   */
  void
  fill_new_dof_values(
    const dealii::DoFHandler<3>                                    &dof_handler,
    const std::vector<dealii::DoFHandler<3>::active_cell_iterator> &cells,
    const VectorType                                               &known,
    VectorType                                                     &values);
} // namespace mgsim
