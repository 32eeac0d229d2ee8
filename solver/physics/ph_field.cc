#include "physics/ph_field.h"

#include "base/petsc_arrays.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <limits>

namespace mgsim
{
  using namespace dealii;

  PhField::PhField(
    const DoFHandler<3>                                      &dofs,
    const std::vector<std::pair<types::material_id, Medium>> &media)
    : dofs(dofs)
  {
    for (const auto &[material, medium] : media)
      {
        medium_of_material[material] = chemistry.size();
        chemistry.emplace_back(medium);
        supply.push_back(medium.carbon);
      }
  }

  std::vector<int>
  PhField::medium_per_dof() const
  {
    const IndexSet                      &owned = dofs.locally_owned_dofs();
    std::vector<int>                     medium(owned.n_elements(), -1);
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
    return medium;
  }

  void
  PhField::update(const VectorType &alkalinity)
  {
    petsc_arrays::reinit_like(ph, alkalinity);
    const std::vector<int> medium = medium_per_dof();
    double low = std::numeric_limits<double>::infinity(), high = -low;
    {
      const petsc_arrays::ReadArray ta(alkalinity);
      petsc_arrays::WriteArray      out(ph);
      for (unsigned int k = 0; k < medium.size(); ++k)
        {
          if (medium[k] < 0)
            {
              out[k] = std::numeric_limits<double>::quiet_NaN();
              continue;
            }
          const AcidBase &c = chemistry[medium[k]];
          // Closed (and, until its carbon is transported, the incubator's
          // bulk): the carbon at rest, which corrosion does not change.
          out[k] = supply[medium[k]] == CarbonSupply::open ?
                     c.ph_open(ta[k]) :
                     c.ph_closed(ta[k], c.reference_carbon());
          low    = std::min(low, double(out[k]));
          high   = std::max(high, double(out[k]));
        }
    }
    const MPI_Comm comm = dofs.get_communicator();
    lowest              = Utilities::MPI::min(low, comm);
    highest             = Utilities::MPI::max(high, comm);
  }
} // namespace mgsim
