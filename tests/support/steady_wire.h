// The steady infinite wire of doc/model.md §5 and how far a species' finite
// element field is from it: a wire of radius R releasing J [mol/m^2/s] into
// tissue with volume fraction alpha, diffusivity D and clearance k holds
//   u(r) = u_b + J/(alpha D kappa) K0(kappa r)/K1(kappa R),  kappa = sqrt(k/D).
// Compared in a slab |z| < z_max (away from the wire's ends) and r < r_max:
// the mean excess over u_b on the wire's surface and the L2 error of the
// excess profile, both relative to the exact excess.
#pragma once

#include "base/linear_algebra.h"
#include "input/tissue_database.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>

#include <cmath>

namespace mgsim_test
{
  struct SteadyWire
  {
    /** Wire radius [m] and the flux it releases [mol/m^2/s]. */
    double                     radius, flux;
    mgsim::SpeciesCoefficients tissue;

    double
    kappa() const
    {
      return std::sqrt(tissue.clearance / tissue.diffusivity);
    }

    /** u(r) - u_b [mol/m^3]. */
    double
    excess(const double r) const
    {
      return flux / (tissue.volume_fraction * tissue.diffusivity * kappa()) *
             std::cyl_bessel_k(0, kappa() * r) /
             std::cyl_bessel_k(1, kappa() * radius);
    }
  };

  struct SteadyWireComparison
  {
    /** Mean surface excess, computed and exact [mol/m^3]. */
    double surface_computed = 0, surface_exact = 0;
    /** |computed - exact| / exact of the mean surface excess. */
    double surface_error = 0;
    /** ||u - u_b - excess||_L2 / ||excess||_L2. */
    double profile_error = 0;
  };

  /** Compares @p u (ghosted, on @p dofs, implant cells of @p implant). */
  inline SteadyWireComparison
  compare_with_steady_wire(const dealii::DoFHandler<3>     &dofs,
                           const mgsim::VectorType         &u,
                           const dealii::types::material_id implant,
                           const unsigned int               degree,
                           const SteadyWire                &wire,
                           const double                     z_max,
                           const double                     r_max,
                           const MPI_Comm                   comm)
  {
    using namespace dealii;
    const MappingQ1<3>  mapping;
    FEValues<3>         fe_values(mapping,
                          dofs.get_fe(0),
                          QGauss<3>(degree + 2),
                          update_values | update_quadrature_points |
                            update_JxW_values);
    FEFaceValues<3>     face_values(mapping,
                                dofs.get_fe(0),
                                QGauss<2>(degree + 2),
                                update_values | update_quadrature_points |
                                  update_JxW_values);
    std::vector<double> values;
    const double        background = wire.tissue.background;

    double surface_c = 0, surface_exact = 0, surface_area = 0;
    double error2 = 0, norm2 = 0;
    for (const auto &cell : dofs.active_cell_iterators())
      {
        if (!cell->is_locally_owned() || cell->material_id() == implant)
          continue;
        if (std::abs(cell->center()[2]) < z_max &&
            cell->center().norm() < r_max + 1e-3)
          {
            fe_values.reinit(cell);
            values.resize(fe_values.n_quadrature_points);
            fe_values.get_function_values(u, values);
            for (const unsigned int q : fe_values.quadrature_point_indices())
              {
                const Point<3> &p = fe_values.quadrature_point(q);
                const double    r = std::hypot(p[0], p[1]);
                if (std::abs(p[2]) > z_max || r > r_max)
                  continue;
                const double e = wire.excess(r);
                error2 +=
                  std::pow(values[q] - background - e, 2) * fe_values.JxW(q);
                norm2 += e * e * fe_values.JxW(q);
              }
          }
        for (const unsigned int f : cell->face_indices())
          if (!cell->at_boundary(f) &&
              cell->neighbor(f)->material_id() == implant &&
              std::abs(cell->face(f)->center()[2]) < z_max)
            {
              face_values.reinit(cell, f);
              values.resize(face_values.n_quadrature_points);
              face_values.get_function_values(u, values);
              for (const unsigned int q :
                   face_values.quadrature_point_indices())
                {
                  const Point<3> &p = face_values.quadrature_point(q);
                  surface_c += (values[q] - background) * face_values.JxW(q);
                  surface_exact +=
                    wire.excess(std::hypot(p[0], p[1])) * face_values.JxW(q);
                  surface_area += face_values.JxW(q);
                }
            }
      }
    surface_c     = Utilities::MPI::sum(surface_c, comm);
    surface_exact = Utilities::MPI::sum(surface_exact, comm);
    surface_area  = Utilities::MPI::sum(surface_area, comm);
    error2        = Utilities::MPI::sum(error2, comm);
    norm2         = Utilities::MPI::sum(norm2, comm);

    SteadyWireComparison result;
    result.surface_computed = surface_c / surface_area;
    result.surface_exact    = surface_exact / surface_area;
    result.surface_error = std::abs(surface_c - surface_exact) / surface_exact;
    result.profile_error = std::sqrt(error2 / norm2);
    return result;
  }
} // namespace mgsim_test
