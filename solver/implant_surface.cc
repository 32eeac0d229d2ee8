#include "implant_surface.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/lac/vector.h>

namespace mgsim
{
  using namespace dealii;

  SurfaceAreas
  assemble_implant_surface(const DoFHandler<3>      &dof_handler,
                           const hp::QCollection<2> &face_quadrature,
                           const types::material_id  implant_material,
                           const PittingField       &pitting,
                           VectorType               &weights)
  {
    weights.reinit(dof_handler.locally_owned_dofs(),
                   dof_handler.get_communicator());
    hp::FEFaceValues<3> hp_face_values(dof_handler.get_fe_collection(),
                                       face_quadrature,
                                       update_values |
                                         update_quadrature_points |
                                         update_JxW_values);
    Vector<double>      cell_weights;
    std::vector<types::global_dof_index> dofs;
    SurfaceAreas                         areas;

    for (const auto &cell : dof_handler.active_cell_iterators())
      {
        if (!cell->is_locally_owned() ||
            cell->material_id() == implant_material)
          continue;
        const unsigned int n = cell->get_fe().n_dofs_per_cell();
        cell_weights.reinit(n);
        bool touches_implant = false;
        for (const unsigned int f : cell->face_indices())
          {
            if (cell->at_boundary(f) ||
                cell->neighbor(f)->material_id() != implant_material)
              continue;
            touches_implant = true;
            hp_face_values.reinit(cell, f);
            const FEFaceValues<3> &fv = hp_face_values.get_present_fe_values();
            for (const unsigned int q : fv.quadrature_point_indices())
              {
                const double f = pitting.factor(fv.quadrature_point(q));
                areas.geometric += fv.JxW(q);
                areas.effective += f * fv.JxW(q);
                for (unsigned int i = 0; i < n; ++i)
                  cell_weights(i) += f * fv.shape_value(i, q) * fv.JxW(q);
              }
          }
        if (touches_implant)
          {
            dofs.resize(n);
            cell->get_dof_indices(dofs);
            weights.add(dofs, cell_weights);
          }
      }
    weights.compress(VectorOperation::add);
    const MPI_Comm comm = dof_handler.get_communicator();
    areas.geometric     = Utilities::MPI::sum(areas.geometric, comm);
    areas.effective     = Utilities::MPI::sum(areas.effective, comm);
    return areas;
  }
} // namespace mgsim
