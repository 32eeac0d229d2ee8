#include "physics/nodal_average.h"

namespace mgsim
{
  using namespace dealii;

  VectorType
  nodal_average(const DoFHandler<3>                        &dof_handler,
                const std::map<types::material_id, double> &values)
  {
    const IndexSet &owned = dof_handler.locally_owned_dofs();
    const MPI_Comm  comm  = dof_handler.get_communicator();
    VectorType sum_values(owned, comm), count(owned, comm), result(owned, comm);
    std::vector<types::global_dof_index> dofs;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && values.count(cell->material_id()))
        {
          const double value = values.at(cell->material_id());
          dofs.resize(cell->get_fe().n_dofs_per_cell());
          cell->get_dof_indices(dofs);
          for (const auto i : dofs)
            {
              sum_values(i) += value;
              count(i) += 1;
            }
        }
    sum_values.compress(VectorOperation::add);
    count.compress(VectorOperation::add);
    for (const auto i : owned)
      result(i) = count(i) > 0 ? sum_values(i) / count(i) : 0;
    result.compress(VectorOperation::insert);
    return result;
  }
} // namespace mgsim
