// The loop every regional measure runs: over this rank's cells that belong
// to one of a list of regions (material ids), with the region's position in
// the list.
#pragma once

#include <deal.II/dofs/dof_handler.h>

#include <functional>
#include <vector>

namespace mgsim
{
  /**
   * Calls @p use(cell, r) for every locally owned active cell whose
   * material id is regions[r].
   */
  void
  for_each_region_cell(const dealii::DoFHandler<3> &dof_handler,
                       const std::vector<dealii::types::material_id> &regions,
                       const std::function<void(
                         const dealii::DoFHandler<3>::active_cell_iterator &,
                         unsigned int)>                              &use);
} // namespace mgsim
