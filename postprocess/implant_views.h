// The slices that suit each implant, for mgsim-post and the report. A wire
// or pin: the slice through its axis and the slice across its middle. A
// stent lining a vessel wall ([output] vessel_axis): the wall's
// cross-section through the struts, and the wall unrolled (arc length
// against position along the vessel) at mid-depth of its innermost tissue
// layer, struts in place.
#pragma once

#include "slice_picture.h"

#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>

#include <string>
#include <vector>

namespace mgsim_post
{
  /** @brief One picture of a snapshot: what to cut and how to look. */
  struct ImplantView
  {
    /** File name part: "axial", "transverse", "wall", "unrolled". */
    std::string name;
    /** The field to cut (the snapshot, or the unrolled wall). */
    vtkSmartPointer<vtkUnstructuredGrid> grid;
    SlicePlane                           plane;
  };

  /**
   * The views of @p grid (one output time) for the implant as it was in
   * @p first (the first output time: the metal defines the axis); a stent
   * if @p vessel_axis is 0, 1 or 2. Throws InputError if @p first holds no
   * metal.
   */
  std::vector<ImplantView>
  implant_views(vtkUnstructuredGrid *first,
                vtkUnstructuredGrid *grid,
                int                  vessel_axis);
} // namespace mgsim_post
