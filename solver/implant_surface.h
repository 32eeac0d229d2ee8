// The implant surface: faces between tissue cells and implant (metal) cells.
// gmsh/deal.II cannot tag internal faces (PLATFORM.md), so it is found from
// the materials of the two cells sharing a face. Release enters the tissue
// as a flux across exactly these faces.
#pragma once

#include "scalar_transport.h"

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/hp/q_collection.h>

namespace mgsim
{
  /**
   * Fills @p weights with int_S phi_i dS over the implant surface S seen from
   * the tissue side (so J * weights is the release rate per test function)
   * and returns the area of S [m^2] (summed over all ranks).
   */
  double
  assemble_implant_surface(const dealii::DoFHandler<3>      &dof_handler,
                           const dealii::hp::QCollection<2> &face_quadrature,
                           dealii::types::material_id        implant_material,
                           VectorType                       &weights);
} // namespace mgsim
