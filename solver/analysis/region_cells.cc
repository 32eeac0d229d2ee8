#include "analysis/region_cells.h"

#include <algorithm>

namespace mgsim
{
  void
  for_each_region_cell(const dealii::DoFHandler<3> &dof_handler,
                       const std::vector<dealii::types::material_id> &regions,
                       const std::function<void(
                         const dealii::DoFHandler<3>::active_cell_iterator &,
                         unsigned int)>                              &use)
  {
    for (const auto &cell : dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        const auto region =
          std::find(regions.begin(), regions.end(), cell->material_id());
        if (region != regions.end())
          use(cell, region - regions.begin());
      }
  }
} // namespace mgsim
