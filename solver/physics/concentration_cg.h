// Conjugate gradients for a species system with a stopping test in
// concentration units (doc/model.md §6). The residual of node i is a rate
// [mol/s] that scales with the node's volume: tested in the l2 norm relative
// to the right-hand side, as usual, the large cells far from the implant
// decide and the small ones at its surface (where the levels that matter
// are) stay inaccurate, by up to 2e-9 of the level on the shipped meshes.
// Divided by the diagonal of the system matrix, r_i / A_ii is the change of
// c_i that would remove it: the solve stops when the largest of these is
// below the tolerance times the species' concentration scale.
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/lac/petsc_precondition.h>

namespace mgsim
{
  /** What a solve did. */
  struct CgResult
  {
    unsigned int iterations = 0;
    /** Largest |r_i / A_ii| at the end [mol/m^3]. */
    double concentration_residual = 0;
  };

  /**
   * Solves @p matrix x = @p rhs from the initial guess in @p x until
   * max_i |r_i / A_ii| <= @p tolerance * max(@p scale, max_i |x_i|).
   * @p inverse_diagonal holds 1 / A_ii. Throws SolverControl::NoConvergence
   * if 1000 iterations do not suffice or the residual is not finite.
   */
  CgResult
  solve_to_concentration(
    const MatrixType                              &matrix,
    const VectorType                              &rhs,
    const dealii::PETScWrappers::PreconditionBase &preconditioner,
    const VectorType                              &inverse_diagonal,
    double                                         tolerance,
    double                                         scale,
    VectorType                                    &x);
} // namespace mgsim
