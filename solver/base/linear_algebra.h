// The parallel vector and matrix types every part of the solver shares
// (PETSc, distributed by locally owned DoFs).
#pragma once

#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>

namespace mgsim
{
  using VectorType = dealii::PETScWrappers::MPI::Vector;
  using MatrixType = dealii::PETScWrappers::MPI::SparseMatrix;

  /** Sum of all entries of @p v over all ranks (e.g. moles per DoF). */
  inline double
  total(const VectorType &v)
  {
    return v.mean_value() * v.size();
  }
} // namespace mgsim
