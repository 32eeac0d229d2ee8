#include "slice_picture.h"

#include "base/input_error.h"
#include "display.h"
#include "run_files.h"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkColorTransferFunction.h>
#include <vtkContourFilter.h>
#include <vtkCutter.h>
#include <vtkDataArray.h>
#include <vtkDoubleArray.h>
#include <vtkLookupTable.h>
#include <vtkPlane.h>
#include <vtkPointData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace mgsim_post
{
  SlicePlane
  implant_plane(vtkUnstructuredGrid *grid)
  {
    const auto metal = implant_cells(grid);
    if (metal->GetNumberOfCells() == 0)
      throw mgsim::InputError(
        "the first output time holds no metal; cannot find the "
        "implant axis");
    double bounds[6];
    metal->GetBounds(bounds);
    SlicePlane plane;
    double     longest = -1;
    for (unsigned int d = 0; d < 3; ++d)
      {
        plane.origin[d] = 0.5 * (bounds[2 * d] + bounds[2 * d + 1]);
        if (bounds[2 * d + 1] - bounds[2 * d] > longest)
          {
            longest    = bounds[2 * d + 1] - bounds[2 * d];
            plane.axis = d;
          }
        plane.length = longest;
      }
    plane.normal = (plane.axis + 1) % 3;
    return plane;
  }

  namespace
  {
    vtkSmartPointer<vtkPolyData>
    cut(vtkUnstructuredGrid *grid, const SlicePlane &plane)
    {
      auto cutting = vtkSmartPointer<vtkPlane>::New();
      cutting->SetOrigin(plane.origin.data());
      double normal[3]     = {0, 0, 0};
      normal[plane.normal] = 1;
      cutting->SetNormal(normal);
      auto cutter = vtkSmartPointer<vtkCutter>::New();
      cutter->SetInputData(grid);
      cutter->SetCutFunction(cutting);
      cutter->Update();
      return cutter->GetOutput();
    }

    std::string
    label(const double value)
    {
      std::ostringstream s;
      s << std::setprecision(3) << value;
      return s.str();
    }
  } // namespace

  void
  render_slice(vtkUnstructuredGrid *grid,
               const SlicePlane    &plane,
               const SliceOptions  &options,
               const std::string   &file)
  {
    const auto    tissue = cut(tissue_cells(grid), plane);
    const auto    metal  = cut(implant_cells(grid), plane);
    const char   *field  = options.field.c_str();
    vtkDataArray *c      = tissue->GetPointData()->GetArray(field);
    if (!c || tissue->GetNumberOfPoints() == 0)
      throw mgsim::InputError("the slice through the implant "
                              "axis misses the tissue");
    tissue->GetPointData()->SetActiveScalars(field);

    // Log scale: Mg2+ spans 0.1 mM (background ~0.85) to tens of mM.
    double range[2];
    c->GetRange(range);
    const double low =
      options.log_scale ? std::max(range[0], options.floor) : range[0];
    const double high =
      std::max(range[1], options.log_scale ? 1.01 * low : low + 0.01);
    // Cool-to-warm (Moreland), sampled into a log-scaled table: the scalar
    // bar then places its labels on the same log scale.
    auto diverging = vtkSmartPointer<vtkColorTransferFunction>::New();
    diverging->SetColorSpaceToDiverging();
    diverging->AddRGBPoint(0, 0.230, 0.299, 0.754);
    diverging->AddRGBPoint(1, 0.706, 0.016, 0.150);
    auto colours = vtkSmartPointer<vtkLookupTable>::New();
    colours->SetNumberOfTableValues(256);
    for (int k = 0; k < 256; ++k)
      {
        double rgb[3];
        diverging->GetColor(k / 255.0, rgb);
        colours->SetTableValue(k, rgb[0], rgb[1], rgb[2]);
      }
    if (options.log_scale)
      colours->SetScaleToLog10();
    colours->SetRange(low, high);

    auto tissue_mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    tissue_mapper->SetInputData(tissue);
    tissue_mapper->SetLookupTable(colours);
    tissue_mapper->SetScalarRange(low, high);
    tissue_mapper->SetScalarModeToUsePointFieldData();
    tissue_mapper->SelectColorArray(field);
    tissue_mapper->UseLookupTableScalarRangeOn();
    auto tissue_actor = vtkSmartPointer<vtkActor>::New();
    tissue_actor->SetMapper(tissue_mapper);

    auto metal_mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    metal_mapper->SetInputData(metal);
    metal_mapper->ScalarVisibilityOff();
    auto metal_actor = vtkSmartPointer<vtkActor>::New();
    metal_actor->SetMapper(metal_mapper);
    metal_actor->GetProperty()->SetColor(0.55, 0.55, 0.58);

    auto contour = vtkSmartPointer<vtkContourFilter>::New();
    contour->SetInputData(tissue);
    contour->SetInputArrayToProcess(
      0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, field);
    for (unsigned int k = 0; k < options.contours.size(); ++k)
      contour->SetValue(k, options.contours[k]);
    auto contour_mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    contour_mapper->SetInputConnection(contour->GetOutputPort());
    contour_mapper->ScalarVisibilityOff();
    auto contour_actor = vtkSmartPointer<vtkActor>::New();
    contour_actor->SetMapper(contour_mapper);
    contour_actor->GetProperty()->SetColor(0, 0, 0);
    contour_actor->GetProperty()->SetLineWidth(2.5);

    auto bar = vtkSmartPointer<vtkScalarBarActor>::New();
    bar->SetLookupTable(colours);
    bar->SetTitle(field);
    // Labels at the range ends and the contour levels, so each line can be
    // read off the bar.
    auto labels = vtkSmartPointer<vtkDoubleArray>::New();
    labels->InsertNextValue(low);
    // Not on top of the range ends' labels.
    const auto clear = [&](const double level) {
      const double apart = 0.05 * (high - low);
      return options.log_scale ? level > 1.1 * low && level < high / 1.1 :
                                 level > low + apart && level < high - apart;
    };
    for (const double level : options.contours)
      if (clear(level))
        labels->InsertNextValue(level);
    labels->InsertNextValue(high);
    bar->SetCustomLabels(labels);
    bar->UseCustomLabelsOn();
    bar->SetLabelFormat("%.3g");
    bar->DrawAnnotationsOff();
    bar->SetWidth(0.12);
    bar->SetHeight(0.8);
    bar->SetPosition(0.85, 0.08);
    bar->UnconstrainedFontSizeOn();
    bar->GetTitleTextProperty()->SetFontSize(22);
    bar->GetLabelTextProperty()->SetFontSize(18);
    bar->GetAnnotationTextProperty()->SetFontSize(18);
    for (vtkTextProperty *text : {bar->GetTitleTextProperty(),
                                  bar->GetLabelTextProperty(),
                                  bar->GetAnnotationTextProperty()})
      {
        text->SetColor(0, 0, 0);
        text->ItalicOff();
        text->ShadowOff();
      }

    double bounds[6];
    tissue->GetBounds(bounds);
    const unsigned int up     = 3 - plane.normal - plane.axis;
    const double       aspect = double(options.width) / options.height;
    const double       whole =
      std::max(0.5 * (bounds[2 * up + 1] - bounds[2 * up]),
               0.5 * (bounds[2 * plane.axis + 1] - bounds[2 * plane.axis]) /
                 aspect);
    const double half_height      = options.half_width > 0 ?
                                      options.half_width / aspect :
                                      std::min(whole, plane.length / aspect);
    const double half_width_shown = half_height * aspect;

    const char         axes[] = "xyz";
    std::ostringstream title;
    title << options.quantity << " at " << label(options.time_h) << " h, slice "
          << axes[plane.normal] << " = "
          << label(plane.origin[plane.normal] * 1e3)
          << " mm through the implant axis; contours at ";
    const bool prefix = options.unit.empty(); // "pH 7.6"
    for (unsigned int k = 0; k < options.contours.size(); ++k)
      title << (k ? ", " : "") << (prefix ? options.quantity + " " : "")
            << label(options.contours[k]);
    title << (prefix ? "" : " " + options.unit) << "; metal grey; view "
          << label(2 * half_width_shown * 1e3) << " mm wide";
    auto caption = vtkSmartPointer<vtkTextActor>::New();
    caption->SetInput(title.str().c_str());
    caption->GetTextProperty()->SetFontSize(20);
    caption->GetTextProperty()->SetColor(0, 0, 0);
    caption->SetDisplayPosition(20, options.height - 40);

    auto renderer = vtkSmartPointer<vtkRenderer>::New();
    renderer->SetBackground(1, 1, 1);
    for (vtkProp *prop : std::initializer_list<vtkProp *>{
           tissue_actor, metal_actor, contour_actor, bar, caption})
      renderer->AddViewProp(prop);

    // Look along the normal with the implant axis horizontal.
    vtkCamera *camera     = renderer->GetActiveCamera();
    double     focus[3]   = {plane.origin[0], plane.origin[1], plane.origin[2]};
    double     eye[3]     = {focus[0], focus[1], focus[2]};
    double     view_up[3] = {0, 0, 0};
    eye[plane.normal] += 1;
    view_up[up] = 1;
    // Screen right is (focus - eye) x up = up x normal; aim 7 % of the
    // width to the right so the implant sits left of the colour bar.
    double normal[3]     = {0, 0, 0};
    normal[plane.normal] = 1;
    for (unsigned int d = 0; d < 3; ++d)
      {
        const unsigned int e = (d + 1) % 3, f = (d + 2) % 3;
        const double shift = (view_up[e] * normal[f] - view_up[f] * normal[e]) *
                             0.07 * 2 * half_width_shown;
        focus[d] += shift;
        eye[d] += shift;
      }
    camera->SetFocalPoint(focus);
    camera->SetPosition(eye);
    camera->SetViewUp(view_up);
    camera->ParallelProjectionOn();
    camera->SetParallelScale(half_height);
    renderer->ResetCameraClippingRange();

    auto window = vtkSmartPointer<vtkRenderWindow>::New();
    window->SetOffScreenRendering(1);
    window->SetSize(options.width, options.height);
    window->AddRenderer(renderer);
    save_png(window, file);
  }
} // namespace mgsim_post
