#include "isosurfaces.h"

#include "run_files.h"

#include <vtkCellData.h>
#include <vtkContourFilter.h>
#include <vtkDataArray.h>
#include <vtkIntegrateAttributes.h>
#include <vtkTableBasedClipDataSet.h>

namespace mgsim_post
{
  namespace
  {
    /** Integral of 1 over @p data: volume of 3D cells, area of 2D ones. */
    double
    measure(vtkDataObject *data, const char *name)
    {
      auto integrate = vtkSmartPointer<vtkIntegrateAttributes>::New();
      integrate->SetInputData(data);
      integrate->Update();
      vtkDataArray *values =
        integrate->GetOutput()->GetCellData()->GetArray(name);
      return values ? values->GetTuple1(0) : 0.0;
    }
  } // namespace

  vtkSmartPointer<vtkPolyData>
  iso_surface(vtkUnstructuredGrid *tissue, const double threshold)
  {
    auto contour = vtkSmartPointer<vtkContourFilter>::New();
    contour->SetInputData(tissue);
    contour->SetInputArrayToProcess(
      0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, magnesium_field());
    contour->SetValue(0, threshold);
    contour->Update();
    return contour->GetOutput();
  }

  std::vector<IsoLevel>
  iso_levels(vtkUnstructuredGrid *tissue, const std::vector<double> &thresholds)
  {
    std::vector<IsoLevel> levels;
    for (const double threshold : thresholds)
      {
        // The clip keeps c >= threshold, cutting cells along the linear
        // interpolant of their tetrahedra.
        auto clip = vtkSmartPointer<vtkTableBasedClipDataSet>::New();
        clip->SetInputData(tissue);
        clip->SetInputArrayToProcess(
          0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, magnesium_field());
        clip->SetValue(threshold);
        clip->Update();
        levels.push_back({threshold,
                          measure(clip->GetOutput(), "Volume"),
                          measure(iso_surface(tissue, threshold), "Area")});
      }
    return levels;
  }
} // namespace mgsim_post
