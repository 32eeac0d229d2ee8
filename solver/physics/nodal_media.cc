#include "physics/nodal_media.h"

#include <algorithm>

namespace mgsim
{
  using namespace dealii;

  NodalMedia::NodalMedia(
    const DoFHandler<3>                                      &dofs,
    const std::vector<std::pair<types::material_id, Medium>> &media)
    : dofs(dofs)
  {
    for (const auto &[material, m] : media)
      {
        medium_of_material[material] = chemistry.size();
        chemistry.emplace_back(m);
        open.push_back(m.carbon == CarbonSupply::open);
        carbon.push_back(chemistry.back().reference_carbon());
      }
    reinit();
  }

  void
  NodalMedia::reinit()
  {
    const IndexSet &owned = dofs.locally_owned_dofs();
    medium.assign(owned.n_elements(), -1);
    std::vector<types::global_dof_index> indices;
    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (cell->is_artificial())
          continue;
        const auto it = medium_of_material.find(cell->material_id());
        if (it == medium_of_material.end())
          continue; // implant
        indices.resize(cell->get_fe().n_dofs_per_cell());
        cell->get_dof_indices(indices);
        for (const auto i : indices)
          if (owned.is_element(i))
            {
              int &m = medium[owned.index_within_set(i)];
              // The region listed first wins: the same on every rank.
              m = m < 0 ? it->second : std::min(m, it->second);
            }
      }
  }
} // namespace mgsim
