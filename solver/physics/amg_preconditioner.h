// BoomerAMG (hypre, through PETSc) for the species systems, set up with the
// options mgsim chose by measurement (doc/model.md §6). The options live in
// PETSc's options database under the prefix "mgsim_", so a user can override
// any of them without rebuilding, e.g.
//   PETSC_OPTIONS="-mgsim_pc_hypre_boomeramg_strong_threshold 0.6" mgsim run
//   ...
// (what the user gives wins over mgsim's choice).
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/lac/petsc_precondition.h>

namespace mgsim
{
  class AmgPreconditioner : public dealii::PETScWrappers::PreconditionBase
  {
  public:
    /** Builds the hierarchy of @p matrix; it is kept, also when the matrix
     * changes, until initialize() is called again. */
    void
    initialize(const MatrixType &matrix, double strong_threshold);
  };
} // namespace mgsim
