// A slice through the implant axis rendered to PNG (offscreen): Mg2+ in
// tissue on a log colour scale with a labelled colour bar in mM (or, with
// the chemistry, the pH on a linear scale), the threshold contour lines, and
// the metal left in grey. The picture a
// researcher pastes into a paper.
#pragma once

#include <vtkUnstructuredGrid.h>

#include <array>
#include <string>
#include <vector>

namespace mgsim_post
{
  /** @brief A plane through the implant axis and how to look at it. */
  struct SlicePlane
  {
    std::array<double, 3> origin{};
    /** Index (0, 1, 2 = x, y, z) of the plane normal. */
    unsigned int normal = 0;
    /** The implant axis: drawn horizontally. */
    unsigned int axis = 2;
    /** Extent of the metal along the axis [m]. */
    double length = 0;
  };

  /**
   * The plane through the centre of the metal in @p grid that contains its
   * longest direction (a wire's or pin's axis).
   */
  SlicePlane
  implant_plane(vtkUnstructuredGrid *grid);

  struct SliceOptions
  {
    unsigned int width = 1400, height = 1000;
    /** The point field shown, its name in titles and its unit ("" none). */
    std::string field = "Mg2+ [mM]", quantity = "Mg2+", unit = "mM";
    /**
     * Log colour scale from @p floor up (concentrations span decades);
     * otherwise linear over the field's range (pH).
     */
    bool   log_scale = true;
    double floor     = 0.1;
    /** Contour levels, in the field's unit. */
    std::vector<double> contours;
    /** Half-width of the view [m]; 0: one implant length (or the whole
     * slice if smaller). */
    double half_width = 0;
    double time_h     = 0;
  };

  /** Renders the slice of @p grid on @p plane to the PNG @p file. */
  void
  render_slice(vtkUnstructuredGrid *grid,
               const SlicePlane    &plane,
               const SliceOptions  &options,
               const std::string   &file);
} // namespace mgsim_post
