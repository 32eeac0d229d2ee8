#include "physics/new_dof_values.h"

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>

#include <algorithm>

namespace mgsim
{
  using namespace dealii;

  void
  fill_new_dof_values(
    const DoFHandler<3>                                    &dof_handler,
    const std::vector<DoFHandler<3>::active_cell_iterator> &cells,
    const VectorType                                       &known_at_start,
    VectorType                                             &values)
  {
    const MPI_Comm  comm  = dof_handler.get_communicator();
    const IndexSet &owned = dof_handler.locally_owned_dofs();
    const IndexSet  relevant =
      DoFTools::extract_locally_relevant_dofs(dof_handler);
    VectorType known(known_at_start);
    VectorType ghosted_values(owned, relevant, comm),
      ghosted_known(owned, relevant, comm);
    std::vector<double> sum(owned.n_elements()), count(owned.n_elements());
    std::vector<types::global_dof_index> dofs(
      dof_handler.get_fe().n_dofs_per_cell());
    for (;;)
      {
        ghosted_values = values;
        ghosted_known  = known;
        std::fill(sum.begin(), sum.end(), 0.0);
        std::fill(count.begin(), count.end(), 0.0);
        for (const auto &cell : cells)
          {
            cell->get_dof_indices(dofs);
            double       total = 0;
            unsigned int n     = 0;
            for (const auto i : dofs)
              if (ghosted_known(i) > 0)
                {
                  total += ghosted_values(i);
                  ++n;
                }
            if (n > 0)
              for (const auto i : dofs)
                if (owned.is_element(i) && ghosted_known(i) == 0)
                  {
                    sum[owned.index_within_set(i)] += total / n;
                    count[owned.index_within_set(i)] += 1;
                  }
          }
        unsigned int filled = 0;
        for (unsigned int k = 0; k < sum.size(); ++k)
          if (count[k] > 0)
            {
              const auto i = owned.nth_index_in_set(k);
              values(i)    = sum[k] / count[k];
              known(i)     = 1;
              ++filled;
            }
        values.compress(VectorOperation::insert);
        known.compress(VectorOperation::insert);
        if (Utilities::MPI::sum(filled, comm) == 0)
          break;
      }
  }
} // namespace mgsim
