// Carries nodal fields across a change of the cells' finite elements on an
// unchanged mesh: implant cells that have corroded away switch from
// FE_Nothing to FE_Q and the DoFs are renumbered. A DoF that exists before
// and after keeps its value (it is found through the cells that held it);
// a DoF that is new -- inside the opened cells -- gets the mean of the
// known values of the opened cells around it. deal.II's SolutionTransfer
// would write the FE_Nothing cells' zeros over shared DoFs, so this is done
// by hand. Mass is not handled here: ScalarTransport::continue_from()
// corrects the content on the new DoFs.
#pragma once

#include "scalar_transport.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/vector.h>

#include <vector>

namespace mgsim
{
  class FieldTransfer
  {
  public:
    explicit FieldTransfer(const dealii::DoFHandler<3> &dof_handler);

    /**
     * Records @p field (owned values) before the DoFs change; returns its
     * number for restore().
     */
    unsigned int
    capture(const VectorType &field);

    /**
     * After distribute_dofs(): the captured field @p index on the new DoFs.
     * New DoFs are filled from their neighbours if @p fill, else left 0.
     */
    VectorType
    restore(unsigned int index, bool fill) const;

    /** Locally owned DoFs that did not exist before the change. */
    std::vector<dealii::types::global_dof_index>
    new_dofs() const;

  private:
    const dealii::DoFHandler<3> &dof_handler;
    /** Per field, per active cell: the cell's DoF values (empty if none). */
    std::vector<std::vector<dealii::Vector<double>>> values;
    /** Per active cell: whether it carried DoFs before the change. */
    std::vector<bool> had_dofs;
  };
} // namespace mgsim
