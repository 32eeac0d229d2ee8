#include "physics/solution_subspace.h"

#include <deal.II/lac/lapack_full_matrix.h>
#include <deal.II/lac/vector.h>

#include <petscvec.h>

#include <cmath>

namespace mgsim
{
  using namespace dealii;

  namespace
  {
    std::vector<Vec>
    petsc_vectors(const std::vector<VectorType> &vectors)
    {
      std::vector<Vec> result;
      for (const auto &v : vectors)
        result.push_back(static_cast<const Vec &>(v));
      return result;
    }

    /** y -= X (X^T y) for the orthonormal X. */
    void
    remove_span(const std::vector<VectorType> &basis, VectorType &y)
    {
      if (basis.empty())
        return;
      std::vector<Vec>         x = petsc_vectors(basis);
      std::vector<PetscScalar> minus(basis.size());
      VecMDot(static_cast<const Vec &>(y), x.size(), x.data(), minus.data());
      for (auto &c : minus)
        c = -c;
      // The wrapper hands out its Vec handle as const only; the entries are
      // still ours to change.
      Vec target = static_cast<const Vec &>(y);
      VecMAXPY(target, x.size(), minus.data(), x.data());
    }
  } // namespace

  SolutionSubspace::SolutionSubspace(const unsigned int max_size)
    : max_size(max_size)
  {
  }

  void
  SolutionSubspace::clear()
  {
    basis.clear();
    last_weights.clear();
    mass_projection.reinit(0, 0);
    operator_projection.reinit(0, 0);
  }

  bool
  SolutionSubspace::guess(const VectorType &b,
                          const double      mass_factor,
                          VectorType       &x) const
  {
    const unsigned int n = basis.size();
    if (n == 0)
      return false;
    std::vector<Vec>         vectors = petsc_vectors(basis);
    std::vector<PetscScalar> projected(n);
    VecMDot(static_cast<const Vec &>(b), n, vectors.data(), projected.data());

    LAPACKFullMatrix<double> reduced(n, n);
    for (unsigned int i = 0; i < n; ++i)
      for (unsigned int j = 0; j < n; ++j)
        reduced(i, j) =
          mass_factor * mass_projection(i, j) + operator_projection(i, j);
    reduced.set_property(LAPACKSupport::symmetric);
    Vector<double> y(projected.begin(), projected.end());
    try
      {
        reduced.compute_cholesky_factorization();
        reduced.solve(y);
      }
    catch (...)
      {
        // Directions nearly dependent in the A-norm: no guess this time.
        return false;
      }
    x = 0;
    last_weights.assign(y.begin(), y.end());
    Vec target = static_cast<const Vec &>(x);
    VecMAXPY(target, n, last_weights.data(), vectors.data());
    return true;
  }

  void
  SolutionSubspace::add(const VectorType &x,
                        const MatrixType &system,
                        const double      mass_factor,
                        const MatrixType &mass)
  {
    if (max_size == 0)
      return;
    // Twice classical Gram-Schmidt: orthogonal to round-off.
    VectorType   direction(x);
    const double norm = direction.l2_norm();
    remove_span(basis, direction);
    remove_span(basis, direction);
    const double rest = direction.l2_norm();
    // Nothing new (to about 1e-10 of the solution): keep the span.
    if (!(rest > 1e-10 * norm))
      return;
    direction /= rest;

    if (basis.size() == max_size)
      {
        // Drop the direction the last guess used least: the bulk of the
        // solution (the first directions) stays, old transients go.
        unsigned int drop = basis.size() > 1 ? 1 : 0;
        if (last_weights.size() == basis.size())
          for (unsigned int k = 0; k < basis.size(); ++k)
            if (std::abs(last_weights[k]) < std::abs(last_weights[drop]))
              drop = k;
        basis.erase(basis.begin() + drop);
        // The weights no longer match the directions' positions.
        last_weights.clear();
        for (FullMatrix<double> *m : {&mass_projection, &operator_projection})
          {
            FullMatrix<double> kept(max_size - 1, max_size - 1);
            for (unsigned int i = 0, ki = 0; i < max_size; ++i)
              if (i != drop)
                {
                  for (unsigned int j = 0, kj = 0; j < max_size; ++j)
                    if (j != drop)
                      kept(ki, kj++) = (*m)(i, j);
                  ++ki;
                }
            *m = kept;
          }
      }
    basis.push_back(std::move(direction));
    const unsigned int n = basis.size();
    for (FullMatrix<double> *m : {&mass_projection, &operator_projection})
      {
        FullMatrix<double> grown(n, n);
        if (n > 1)
          grown.fill(*m);
        *m = grown;
      }
    project_direction(n - 1, system, mass_factor, mass);
  }

  void
  SolutionSubspace::refresh(const MatrixType &system,
                            const double      mass_factor,
                            const MatrixType &mass)
  {
    for (unsigned int k = 0; k < basis.size(); ++k)
      project_direction(k, system, mass_factor, mass);
  }

  void
  SolutionSubspace::project_direction(const unsigned int k,
                                      const MatrixType  &system,
                                      const double       mass_factor,
                                      const MatrixType  &mass)
  {
    const unsigned int n = basis.size();
    VectorType         mass_x(basis[k]), system_x(basis[k]);
    mass.vmult(mass_x, basis[k]);
    system.vmult(system_x, basis[k]);
    std::vector<Vec>         vectors = petsc_vectors(basis);
    std::vector<PetscScalar> m(n), a(n);
    VecMDot(static_cast<const Vec &>(mass_x), n, vectors.data(), m.data());
    VecMDot(static_cast<const Vec &>(system_x), n, vectors.data(), a.data());
    for (unsigned int i = 0; i < n; ++i)
      {
        // L = A - f M, from the same products.
        const double l        = a[i] - mass_factor * m[i];
        mass_projection(i, k) = mass_projection(k, i) = m[i];
        operator_projection(i, k) = operator_projection(k, i) = l;
      }
  }
} // namespace mgsim
