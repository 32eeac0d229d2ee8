#include "physics/nodal_phase.h"

#include <deal.II/dofs/dof_tools.h>

namespace mgsim
{
  using namespace dealii;

  NodalPhase::NodalPhase(const DoFHandler<3> &dof_handler,
                         const VectorType    &volumes,
                         const double         field_unit)
    : dof_handler(dof_handler)
    , volumes(volumes)
    , field_unit(field_unit)
  {
    const MPI_Comm comm = dof_handler.get_communicator();
    density.reinit(dof_handler.locally_owned_dofs(), comm);
    ghosted_field.reinit(dof_handler.locally_owned_dofs(),
                         DoFTools::extract_locally_relevant_dofs(dof_handler),
                         comm);
  }

  double
  NodalPhase::total_moles() const
  {
    return density * volumes;
  }

  VectorType
  NodalPhase::moles_per_dof() const
  {
    VectorType moles(density);
    moles.scale(volumes);
    return moles;
  }

  void
  NodalPhase::set_moles(const VectorType &moles)
  {
    // Implant nodes have no volume and hold nothing.
    for (const auto i : dof_handler.locally_owned_dofs())
      density(i) = volumes(i) > 0 ? moles(i) / volumes(i) : 0.0;
    density.compress(VectorOperation::insert);
    update_field();
  }

  void
  NodalPhase::set_field(const VectorType &field, const double total)
  {
    density = field;
    density /= field_unit;
    const double now = total_moles();
    if (now > 0)
      density *= total / now;
    update_field();
  }

  void
  NodalPhase::update_field()
  {
    VectorType scaled(density);
    scaled *= field_unit;
    ghosted_field = scaled;
  }
} // namespace mgsim
