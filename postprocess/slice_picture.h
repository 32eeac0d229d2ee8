// A slice through the field rendered to PNG (offscreen): Mg2+ in tissue on
// a log colour scale (viridis: colour-blind and greyscale safe) with a
// colour bar in mM in its own strip (or, with the chemistry, the pH on a
// linear scale), labelled threshold contours, the tissue boundaries with
// the regions' names, and the metal left with a clean edge. The picture a
// researcher pastes into a paper; implant_views.h says which slices suit
// which implant.
#pragma once

#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>

#include <array>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace mgsim_post
{
  /** @brief A plane through the field and how to look at it. */
  struct SlicePlane
  {
    std::array<double, 3> origin{};
    /** Index (0, 1, 2 = x, y, z) of the plane normal. */
    unsigned int normal = 0;
    /** The direction drawn horizontally (the implant axis on a slice
     * through it). */
    unsigned int axis = 2;
    /** The view is twice this wide unless SliceOptions::half_width says
     * otherwise [m]. */
    double length = 0;
    /** What the picture shows, for its title ("slice y = 0.00 mm through
     * the implant axis"). */
    std::string title;
    /**
     * Cuts a data set into the drawn surface, in coordinates where the
     * plane above is the view; empty: the plane itself cuts (a slice).
     * A curved surface drawn flat (the unrolled wall) cuts otherwise.
     */
    std::function<vtkSmartPointer<vtkPolyData>(vtkDataSet *)> cut;
  };

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
    /** Half-width of the view [m]; 0: the plane's length (or the whole
     * slice if smaller). */
    double half_width = 0;
    double time_h     = 0;
    /** Region names by "region id": written where each region is. */
    std::map<int, std::string> region_names;
  };

  /** Renders the slice of @p grid on @p plane to the PNG @p file. */
  void
  render_slice(vtkUnstructuredGrid *grid,
               const SlicePlane    &plane,
               const SliceOptions  &options,
               const std::string   &file);
} // namespace mgsim_post
