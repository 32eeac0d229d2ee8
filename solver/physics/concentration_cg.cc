#include "physics/concentration_cg.h"

#include "base/test_faults.h"

#include <deal.II/lac/solver_cg.h>
#include <deal.II/lac/solver_control.h>

#include <petscvec.h>

#include <algorithm>
#include <cmath>

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    /** max_i |r_i d_i|, in @p work. */
    double
    scaled_max(const VectorType &r, const VectorType &d, VectorType &work)
    {
      Vec w = static_cast<const Vec &>(work);
      VecPointwiseMult(w,
                       static_cast<const Vec &>(r),
                       static_cast<const Vec &>(d));
      PetscReal largest = 0;
      VecNorm(w, NORM_INFINITY, &largest);
      return largest;
    }

    double
    max_norm(const VectorType &x)
    {
      PetscReal largest = 0;
      VecNorm(static_cast<const Vec &>(x), NORM_INFINITY, &largest);
      return largest;
    }

    /**
     * deal.II's CG hands each iteration's residual to print_vectors(): the
     * test is made there, and the control below reports it. CG iterates on
     * the increment from the initial guess.
     */
    class ConcentrationTest : public SolverControl
    {
    public:
      ConcentrationTest(const VectorType  &inverse_diagonal,
                        const VectorType  &guess,
                        const double       tolerance,
                        const double       scale,
                        const unsigned int max_steps)
        : SolverControl(max_steps, 0, false, false)
        , inverse_diagonal(inverse_diagonal)
        , guess(guess)
        , tolerance(tolerance)
        , scale(scale)
        , work(inverse_diagonal)
      {
      }

      /** Measures the residual @p r of the guess plus @p increment. */
      void
      measure(const VectorType &increment, const VectorType &r)
      {
        residual = scaled_max(r, inverse_diagonal, work);
        VecWAXPY(static_cast<const Vec &>(work),
                 1,
                 static_cast<const Vec &>(increment),
                 static_cast<const Vec &>(guess));
        limit = tolerance * std::max(scale, max_norm(work));
      }

      State
      check(const unsigned int step, const double) override
      {
        last_step_ = step;
        if (residual <= limit)
          return success;
        // A NaN or infinite residual never recovers: stop at once.
        if (step >= max_steps() || !std::isfinite(residual))
          return failure;
        return iterate;
      }

      double       residual = 0, limit = 0;
      unsigned int last_step_ = 0;

    private:
      const VectorType &inverse_diagonal;
      const VectorType &guess;
      const double      tolerance, scale;
      VectorType        work;
    };

    class ConcentrationCG : public SolverCG<VectorType>
    {
    public:
      explicit ConcentrationCG(ConcentrationTest &test)
        : SolverCG<VectorType>(test)
        , test(test)
      {
      }

    protected:
      void
      print_vectors(const unsigned int,
                    const VectorType &x,
                    const VectorType &r,
                    const VectorType &) const override
      {
        test.measure(x, r);
      }

    private:
      ConcentrationTest &test;
    };
  } // namespace

  CgResult
  solve_to_concentration(const MatrixType                      &matrix,
                         const VectorType                      &rhs,
                         const PETScWrappers::PreconditionBase &preconditioner,
                         const VectorType &inverse_diagonal,
                         const double      tolerance,
                         const double      scale,
                         VectorType       &x)
  {
    // The guess's residual decides whether to iterate at all, and is the
    // right-hand side of the increment's equation A d = b - A x: CG starts
    // from d = 0 and needs no product for its first residual.
    VectorType r(rhs);
    matrix.vmult(r, x);
    r.sadd(-1, 1, rhs);
    VectorType increment;
    increment.reinit(rhs); // zero
    // A test's "diverge" fault: a tolerance no solve meets in 10 steps.
    const bool        fail = test_fault("diverge");
    ConcentrationTest test(
      inverse_diagonal, x, fail ? 0.0 : tolerance, scale, fail ? 10 : 1000);
    test.measure(increment, r);
    ConcentrationCG cg(test);
    cg.solve(matrix, increment, r, preconditioner);
    x += increment;
    return {test.last_step_, test.residual};
  }
} // namespace mgsim
