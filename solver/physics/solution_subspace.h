// Initial guesses for the species solves from the span of recent solutions
// (Fischer's projection for successive right-hand sides; doc/model.md §6).
// From one step to the next the concentration moves smoothly, so the best
// approximation of the new solution in the span of the last few is far
// closer to it than any one of them or their extrapolation: CG then starts
// from a residual orders of magnitude smaller and needs correspondingly fewer
// iterations for the same accuracy, which the stopping test keeps unchanged.
//
// The system matrix is A = f M + L (f = a0 / dt, both constrained). The span
// keeps X^T M X and X^T L X, so that a new step length costs nothing: the
// guess is the A-orthogonal projection X (X^T A X)^{-1} X^T b for any f.
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/lac/full_matrix.h>

#include <vector>

namespace mgsim
{
  class SolutionSubspace
  {
  public:
    /** Keeps at most @p max_size directions (the oldest are dropped). */
    explicit SolutionSubspace(unsigned int max_size = 16);

    /** Forgets all directions (the DoFs changed). */
    void
    clear();

    /** How many directions are kept. */
    unsigned int
    size() const
    {
      return basis.size();
    }

    /**
     * Sets @p x to the A-norm best approximation of A^{-1} @p b in the span
     * (A = @p mass_factor M + L). Returns false (and leaves @p x) if the span
     * is empty.
     */
    bool
    guess(const VectorType &b, double mass_factor, VectorType &x) const;

    /**
     * Adds the part of @p x not yet in the span. @p system is A for
     * @p mass_factor, @p mass the constrained M; @p x is zero at constrained
     * DoFs.
     */
    void
    add(const VectorType &x,
        const MatrixType &system,
        double            mass_factor,
        const MatrixType &mass);

    /**
     * Recomputes the projected operators after A and M changed (cells
     * opened): the directions stay good approximations.
     */
    void
    refresh(const MatrixType &system,
            double            mass_factor,
            const MatrixType &mass);

  private:
    /** Row/column @p k of the projected operators from direction k. */
    void
    project_direction(unsigned int      k,
                      const MatrixType &system,
                      double            mass_factor,
                      const MatrixType &mass);

    unsigned int max_size;
    /** Orthonormal (Euclidean) directions. */
    std::vector<VectorType> basis;
    /** The coefficients of the last guess (mutable: guess() is a query
     * that also tells which directions are in use). */
    mutable std::vector<double> last_weights;
    /** X^T M X and X^T L X. */
    dealii::FullMatrix<double> mass_projection, operator_projection;
  };
} // namespace mgsim
