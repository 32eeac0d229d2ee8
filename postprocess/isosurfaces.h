// Iso-surfaces of Mg2+ at the thresholds and the tissue volume they enclose
// (c >= threshold), from the written FE field by VTK: the clip of the tissue
// cells at the threshold, integrated. An independent check of bands.csv,
// which integrates band indicators on a sub-cell quadrature in the solver.
#pragma once

#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>

#include <vector>

namespace mgsim_post
{
  /** @brief One threshold's iso-surface figures. */
  struct IsoLevel
  {
    /** [mM] */
    double threshold = 0;
    /** Tissue volume at or above the threshold [m^3]. */
    double enclosed_volume = 0;
    /** Area of the iso-surface [m^2]. */
    double area = 0;
  };

  /** The iso-surface of Mg2+ at @p threshold [mM] in @p tissue. */
  vtkSmartPointer<vtkPolyData>
  iso_surface(vtkUnstructuredGrid *tissue, double threshold);

  /** Figures of each of @p thresholds [mM] over the cells of @p tissue. */
  std::vector<IsoLevel>
  iso_levels(vtkUnstructuredGrid       *tissue,
             const std::vector<double> &thresholds);
} // namespace mgsim_post
