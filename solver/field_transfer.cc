#include "field_transfer.h"

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>

#include <algorithm>

namespace mgsim
{
  using namespace dealii;

  FieldTransfer::FieldTransfer(const DoFHandler<3> &dof_handler)
    : dof_handler(dof_handler)
    , had_dofs(dof_handler.get_triangulation().n_active_cells(), false)
  {
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial())
        had_dofs[cell->active_cell_index()] =
          cell->get_fe().n_dofs_per_cell() > 0;
  }

  unsigned int
  FieldTransfer::capture(const VectorType &field)
  {
    VectorType ghosted(dof_handler.locally_owned_dofs(),
                       DoFTools::extract_locally_relevant_dofs(dof_handler),
                       dof_handler.get_communicator());
    ghosted = field;
    std::vector<Vector<double>> cell_values(had_dofs.size());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial() && had_dofs[cell->active_cell_index()])
        {
          Vector<double> &local = cell_values[cell->active_cell_index()];
          local.reinit(cell->get_fe().n_dofs_per_cell());
          cell->get_dof_values(ghosted, local);
        }
    values.push_back(std::move(cell_values));
    return values.size() - 1;
  }

  std::vector<types::global_dof_index>
  FieldTransfer::new_dofs() const
  {
    const IndexSet   &owned = dof_handler.locally_owned_dofs();
    std::vector<bool> known(owned.n_elements(), false);
    std::vector<types::global_dof_index> dofs;
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial() && had_dofs[cell->active_cell_index()])
        {
          dofs.resize(cell->get_fe().n_dofs_per_cell());
          cell->get_dof_indices(dofs);
          for (const auto i : dofs)
            if (owned.is_element(i))
              known[owned.index_within_set(i)] = true;
        }
    std::vector<types::global_dof_index> result;
    for (unsigned int k = 0; k < known.size(); ++k)
      if (!known[k])
        result.push_back(owned.nth_index_in_set(k));
    return result;
  }

  VectorType
  FieldTransfer::restore(const unsigned int index, const bool fill) const
  {
    const MPI_Comm  comm  = dof_handler.get_communicator();
    const IndexSet &owned = dof_handler.locally_owned_dofs();
    const IndexSet  relevant =
      DoFTools::extract_locally_relevant_dofs(dof_handler);
    VectorType result(owned, comm), known(owned, comm);
    std::vector<types::global_dof_index> dofs;
    // Cells that keep their element: the same local DoFs, old values.
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (!cell->is_artificial() && had_dofs[cell->active_cell_index()])
        {
          const Vector<double> &local =
            values[index][cell->active_cell_index()];
          dofs.resize(local.size());
          cell->get_dof_indices(dofs);
          for (unsigned int i = 0; i < dofs.size(); ++i)
            if (owned.is_element(dofs[i]))
              {
                result(dofs[i]) = local(i);
                known(dofs[i])  = 1;
              }
        }
    result.compress(VectorOperation::insert);
    known.compress(VectorOperation::insert);
    if (!fill)
      return result;

    // New DoFs: mean of the known values of each opened cell around them,
    // repeated while opened cells several layers deep fill up.
    VectorType ghosted_result(owned, relevant, comm),
      ghosted_known(owned, relevant, comm);
    std::vector<double> sum(owned.n_elements()), count(owned.n_elements());
    for (;;)
      {
        ghosted_result = result;
        ghosted_known  = known;
        std::fill(sum.begin(), sum.end(), 0.0);
        std::fill(count.begin(), count.end(), 0.0);
        for (const auto &cell : dof_handler.active_cell_iterators())
          if (!cell->is_artificial() && !had_dofs[cell->active_cell_index()] &&
              cell->get_fe().n_dofs_per_cell() > 0)
            {
              dofs.resize(cell->get_fe().n_dofs_per_cell());
              cell->get_dof_indices(dofs);
              double       total = 0;
              unsigned int n     = 0;
              for (const auto i : dofs)
                if (ghosted_known(i) > 0)
                  {
                    total += ghosted_result(i);
                    ++n;
                  }
              if (n == 0)
                continue;
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
              result(i)    = sum[k] / count[k];
              known(i)     = 1;
              ++filled;
            }
        result.compress(VectorOperation::insert);
        known.compress(VectorOperation::insert);
        if (Utilities::MPI::sum(filled, comm) == 0)
          break;
      }
    return result;
  }
} // namespace mgsim
