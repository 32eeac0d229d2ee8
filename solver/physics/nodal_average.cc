#include "physics/nodal_average.h"

#include "base/petsc_arrays.h"

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
    std::vector<double>                  values_of_cell, ones;
    // One PETSc call per cell and vector: element access costs one per entry
    // (0.3 s per call on 149k cells, a quarter of the setup).
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned() && values.count(cell->material_id()))
        {
          const unsigned int n = cell->get_fe().n_dofs_per_cell();
          dofs.resize(n);
          cell->get_dof_indices(dofs);
          values_of_cell.assign(n, values.at(cell->material_id()));
          ones.assign(n, 1.0);
          sum_values.add(dofs, values_of_cell);
          count.add(dofs, ones);
        }
    sum_values.compress(VectorOperation::add);
    count.compress(VectorOperation::add);
    {
      const petsc_arrays::ReadArray sums(sum_values), counts(count);
      petsc_arrays::WriteArray      average(result);
      for (unsigned int k = 0; k < owned.n_elements(); ++k)
        average[k] = counts[k] > 0 ? sums[k] / counts[k] : 0;
    }
    return result;
  }
} // namespace mgsim
