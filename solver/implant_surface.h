// The implant surface: faces between tissue cells and implant (metal) cells.
// gmsh/deal.II cannot tag internal faces (PLATFORM.md), so it is found from
// the materials of the two cells sharing a face. Release enters the tissue
// as a flux across exactly these faces.
#pragma once

#include "pitting.h"
#include "scalar_transport.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/hp/q_collection.h>

namespace mgsim
{
  /** @brief Areas of the implant surface [m^2] (summed over all ranks). */
  struct SurfaceAreas
  {
    /** Geometric area. */
    double geometric = 0;
    /** Area weighted with the pitting factor, int_S f dS (= geometric if
     * uniform). */
    double effective = 0;
  };

  /**
   * Fills @p weights with int_S f phi_i dS over the implant surface S seen
   * from the tissue side, f the pitting factor, so that (moles per area) *
   * weights is what enters each test function.
   */
  SurfaceAreas
  assemble_implant_surface(const dealii::DoFHandler<3>      &dof_handler,
                           const dealii::hp::QCollection<2> &face_quadrature,
                           dealii::types::material_id        implant_material,
                           const PittingField               &pitting,
                           VectorType                       &weights);
} // namespace mgsim
