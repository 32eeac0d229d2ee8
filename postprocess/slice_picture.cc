#include "slice_picture.h"

#include "base/input_error.h"
#include "display.h"
#include "run_files.h"

#include <vtkActor.h>
#include <vtkAppendPolyData.h>
#include <vtkCamera.h>
#include <vtkCleanPolyData.h>
#include <vtkColorTransferFunction.h>
#include <vtkContourFilter.h>
#include <vtkCutter.h>
#include <vtkDataArray.h>
#include <vtkDoubleArray.h>
#include <vtkFeatureEdges.h>
#include <vtkLookupTable.h>
#include <vtkPlane.h>
#include <vtkPointData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkStripper.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkThreshold.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>

namespace mgsim_post
{
  namespace
  {
    vtkSmartPointer<vtkPolyData>
    cut(vtkDataSet *grid, const SlicePlane &plane)
    {
      if (plane.cut)
        return plane.cut(grid);
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

    /**
     * The outline of the cut polygons @p slice: their boundary edges once
     * the points they share are merged (deal.II writes every cell with its
     * own vertices; points closer than @p tolerance [m] are one).
     */
    vtkSmartPointer<vtkPolyData>
    outline(vtkPolyData *slice, const double tolerance)
    {
      auto merged = vtkSmartPointer<vtkCleanPolyData>::New();
      merged->SetInputData(slice);
      merged->ToleranceIsAbsoluteOn();
      merged->SetAbsoluteTolerance(tolerance);
      auto edges = vtkSmartPointer<vtkFeatureEdges>::New();
      edges->SetInputConnection(merged->GetOutputPort());
      edges->BoundaryEdgesOn();
      edges->FeatureEdgesOff();
      edges->NonManifoldEdgesOff();
      edges->ManifoldEdgesOff();
      edges->ColoringOff();
      edges->Update();
      return edges->GetOutput();
    }

    /** The cells of @p grid in region @p id (field "region id", constant
     * on each cell). */
    vtkSmartPointer<vtkUnstructuredGrid>
    region_cells(vtkDataSet *grid, const int id)
    {
      auto region = vtkSmartPointer<vtkThreshold>::New();
      region->SetInputData(grid);
      region->SetInputArrayToProcess(
        0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, "region id");
      region->SetLowerThreshold(id - 0.5);
      region->SetUpperThreshold(id + 0.5);
      region->SetThresholdFunction(vtkThreshold::THRESHOLD_BETWEEN);
      region->AllScalarsOn();
      region->Update();
      return region->GetOutput();
    }

    /** The region ids present in @p grid. */
    std::vector<int>
    region_ids(vtkDataSet *grid)
    {
      std::vector<int> ids;
      vtkDataArray    *field = grid->GetPointData()->GetArray("region id");
      if (field)
        {
          double range[2];
          field->GetRange(range);
          for (int id = int(range[0]); id <= int(range[1]); ++id)
            ids.push_back(id);
        }
      return ids;
    }

    /** The outlines of each region on the slice of @p grid: where tissues
     * meet, the tumour's edge. */
    vtkSmartPointer<vtkPolyData>
    region_outlines(vtkUnstructuredGrid *grid,
                    const SlicePlane    &plane,
                    const double         tolerance)
    {
      auto all = vtkSmartPointer<vtkAppendPolyData>::New();
      for (const int id : region_ids(grid))
        {
          const auto region = region_cells(grid, id);
          if (region->GetNumberOfCells() > 0)
            all->AddInputData(outline(cut(region, plane), tolerance));
        }
      if (all->GetNumberOfInputConnections(0) == 0)
        return vtkSmartPointer<vtkPolyData>::New();
      all->Update();
      return all->GetOutput();
    }

    /** @p text at the world point @p where, centred on it, on a pale
     * background so that it reads over the field. */
    vtkSmartPointer<vtkTextActor>
    world_label(const std::string &text,
                const double       where[3],
                const int          font_size,
                const double       opacity)
    {
      auto label = vtkSmartPointer<vtkTextActor>::New();
      label->SetInput(text.c_str());
      vtkTextProperty *style = label->GetTextProperty();
      style->SetFontSize(font_size);
      style->SetColor(0, 0, 0);
      style->SetBackgroundColor(1, 1, 1);
      style->SetBackgroundOpacity(opacity);
      style->SetJustificationToCentered();
      style->SetVerticalJustificationToCentered();
      label->GetPositionCoordinate()->SetCoordinateSystemToWorld();
      label->GetPositionCoordinate()->SetValue(where[0], where[1], where[2]);
      return label;
    }

    /**
     * The names of the tissue regions of @p tissue on the slice, each at
     * the cut cell of its region nearest to a point between the region's
     * centre and its top (direction @p up) within the view @p view (x0,
     * x1, y0, y1, z0, z1): always inside the region, also for a layer
     * around another.
     */
    std::vector<vtkSmartPointer<vtkTextActor>>
    region_labels(vtkUnstructuredGrid              *tissue,
                  const SlicePlane                 &plane,
                  const std::map<int, std::string> &names,
                  const std::array<double, 6>      &view,
                  const unsigned int                up)
    {
      std::vector<vtkSmartPointer<vtkTextActor>> labels;
      for (const int id : region_ids(tissue))
        {
          const auto name = names.find(id);
          if (name == names.end())
            continue;
          const auto slice = cut(region_cells(tissue, id), plane);
          std::vector<std::array<double, 3>> centres;
          for (vtkIdType c = 0; c < slice->GetNumberOfCells(); ++c)
            {
              double box[6];
              slice->GetCellBounds(c, box);
              const std::array<double, 3> centre = {{0.5 * (box[0] + box[1]),
                                                     0.5 * (box[2] + box[3]),
                                                     0.5 * (box[4] + box[5])}};
              bool                        inside = true;
              for (unsigned int d = 0; d < 3; ++d)
                inside = inside && centre[d] >= view[2 * d] &&
                         centre[d] <= view[2 * d + 1];
              if (inside)
                centres.push_back(centre);
            }
          if (centres.empty())
            continue;
          // Aim halfway from the region's centre to its top: a label in
          // the middle would cover the implant when it sits there.
          std::array<double, 3> mean = {{0, 0, 0}};
          double                top  = -std::numeric_limits<double>::max();
          for (const auto &c : centres)
            {
              for (unsigned int d = 0; d < 3; ++d)
                mean[d] += c[d] / centres.size();
              top = std::max(top, c[up]);
            }
          mean[up] += 0.5 * (top - mean[up]);
          const auto distance = [&](const std::array<double, 3> &c) {
            return std::pow(c[0] - mean[0], 2) + std::pow(c[1] - mean[1], 2) +
                   std::pow(c[2] - mean[2], 2);
          };
          const auto where =
            *std::min_element(centres.begin(),
                              centres.end(),
                              [&](const auto &a, const auto &b) {
                                return distance(a) < distance(b);
                              });
          labels.push_back(world_label(name->second, where.data(), 17, 0.75));
        }
      return labels;
    }

    std::string
    label(const double value)
    {
      std::ostringstream s;
      s << std::setprecision(3) << value;
      return s.str();
    }

    /**
     * Viridis (van der Walt & Smith, matplotlib), sampled: perceptually
     * uniform, read by colour-blind readers, monotonic in greyscale.
     */
    vtkSmartPointer<vtkLookupTable>
    viridis(const double low, const double high, const bool log_scale)
    {
      static const double samples[][3] = {{0.267, 0.005, 0.329},
                                          {0.283, 0.141, 0.458},
                                          {0.254, 0.265, 0.530},
                                          {0.207, 0.372, 0.553},
                                          {0.164, 0.471, 0.558},
                                          {0.128, 0.567, 0.551},
                                          {0.135, 0.659, 0.518},
                                          {0.267, 0.749, 0.441},
                                          {0.478, 0.821, 0.318},
                                          {0.741, 0.873, 0.150},
                                          {0.993, 0.906, 0.144}};
      auto colour = vtkSmartPointer<vtkColorTransferFunction>::New();
      for (unsigned int k = 0; k < 11; ++k)
        colour->AddRGBPoint(k / 10.0,
                            samples[k][0],
                            samples[k][1],
                            samples[k][2]);
      auto table = vtkSmartPointer<vtkLookupTable>::New();
      table->SetNumberOfTableValues(256);
      for (int k = 0; k < 256; ++k)
        {
          double rgb[3];
          colour->GetColor(k / 255.0, rgb);
          table->SetTableValue(k, rgb[0], rgb[1], rgb[2]);
        }
      if (log_scale)
        table->SetScaleToLog10();
      table->SetRange(low, high);
      return table;
    }

    /** The lines @p data drawn in grey level @p grey, @p width pixels. */
    vtkSmartPointer<vtkActor>
    line_actor(vtkPolyData *data, const double grey, const double width)
    {
      auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
      mapper->SetInputData(data);
      mapper->ScalarVisibilityOff();
      auto actor = vtkSmartPointer<vtkActor>::New();
      actor->SetMapper(mapper);
      actor->GetProperty()->SetColor(grey, grey, grey);
      actor->GetProperty()->SetLineWidth(width);
      return actor;
    }
  } // namespace

  void
  render_slice(vtkUnstructuredGrid *grid,
               const SlicePlane    &plane_given,
               const SliceOptions  &options,
               const std::string   &file)
  {
    // A plane through the axis usually runs along cell faces: the cells on
    // both sides then give coplanar polygons that fight over each pixel (a
    // ragged fringe along the metal). Moved by a hair, it cuts one layer.
    SlicePlane plane = plane_given;
    double     extent[6];
    grid->GetBounds(extent);
    plane.origin[plane.normal] +=
      1e-7 * (extent[2 * plane.normal + 1] - extent[2 * plane.normal]);

    const auto    tissue_grid = tissue_cells(grid);
    const auto    tissue      = cut(tissue_grid, plane);
    const auto    metal       = cut(implant_cells(grid), plane);
    const char   *field       = options.field.c_str();
    vtkDataArray *c           = tissue->GetPointData()->GetArray(field);
    if (!c || tissue->GetNumberOfPoints() == 0)
      throw mgsim::InputError("the " + plane.title + " misses the tissue");
    tissue->GetPointData()->SetActiveScalars(field);

    // Log scale: Mg2+ spans 0.1 mM (background ~0.85) to tens of mM.
    double range[2];
    c->GetRange(range);
    const double low =
      options.log_scale ? std::max(range[0], options.floor) : range[0];
    const double high =
      std::max(range[1], options.log_scale ? 1.01 * low : low + 0.01);
    const auto colours = viridis(low, high, options.log_scale);

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
    metal_actor->GetProperty()->SetColor(0.82, 0.82, 0.84);
    // The metal's edge drawn as one clean line over the field's last row
    // of pixels.
    const double tolerance  = 1e-7 * std::max({extent[1] - extent[0],
                                               extent[3] - extent[2],
                                               extent[5] - extent[4]});
    const auto   metal_edge = line_actor(outline(metal, tolerance), 0, 2.5);
    // Tissue boundaries (tumour edge, layers) in dark grey, thin.
    const auto regions =
      line_actor(region_outlines(grid, plane, tolerance), 0.3, 1.5);

    // Threshold contours, labelled with their level.
    auto contour = vtkSmartPointer<vtkContourFilter>::New();
    contour->SetInputData(tissue);
    contour->SetInputArrayToProcess(
      0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, field);
    for (unsigned int k = 0; k < options.contours.size(); ++k)
      contour->SetValue(k, options.contours[k]);
    auto lines = vtkSmartPointer<vtkStripper>::New();
    lines->SetInputConnection(contour->GetOutputPort());
    lines->Update();
    const auto contour_actor = line_actor(lines->GetOutput(), 0, 2.0);
    // Each level's longest line carries its value at its middle (VTK 9.1's
    // vtkLabeledContourMapper crashes on some polylines, so labels are
    // placed here).
    std::vector<vtkSmartPointer<vtkTextActor>> contour_labels;
    {
      vtkPolyData  *strips = lines->GetOutput();
      vtkDataArray *level  = strips->GetPointData()->GetScalars();
      std::map<double, std::pair<vtkIdType, vtkIdType>> longest; // cell, n
      for (vtkIdType cell = 0; level && cell < strips->GetNumberOfCells();
           ++cell)
        {
          vtkIdType        n      = 0;
          const vtkIdType *points = nullptr;
          strips->GetCellPoints(cell, n, points);
          if (n < 2)
            continue;
          const double value = level->GetTuple1(points[0]);
          auto        &best  = longest[value];
          if (n > best.second)
            best = {cell, n};
        }
      for (const auto &[value, best] : longest)
        {
          vtkIdType        n      = 0;
          const vtkIdType *points = nullptr;
          strips->GetCellPoints(best.first, n, points);
          double where[3];
          strips->GetPoint(points[n / 2], where);
          contour_labels.push_back(
            world_label(options.unit.empty() ?
                          options.quantity + " " + label(value) :
                          label(value) + " " + options.unit,
                        where,
                        16,
                        0.8));
        }
    }

    // Layout: the field, the colour bar in its own strip to the right (it
    // never covers the field), the title in a strip above.
    const double bar_strip   = std::max(150.0, 0.13 * options.width);
    const double title_strip = 56;
    const double right       = 1 - bar_strip / options.width;
    const double top         = 1 - title_strip / options.height;

    auto bar = vtkSmartPointer<vtkScalarBarActor>::New();
    bar->SetLookupTable(colours);
    bar->SetTitle(options.unit.empty() ?
                    options.quantity.c_str() :
                    (options.quantity + " [" + options.unit + "]").c_str());
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
    bar->SetPosition(0.12, 0.04);
    bar->SetWidth(0.8);
    bar->SetHeight(0.86);
    bar->SetBarRatio(0.3);
    bar->UnconstrainedFontSizeOn();
    bar->GetTitleTextProperty()->SetFontSize(20);
    bar->GetLabelTextProperty()->SetFontSize(17);
    for (vtkTextProperty *text :
         {bar->GetTitleTextProperty(), bar->GetLabelTextProperty()})
      {
        text->SetColor(0, 0, 0);
        text->ItalicOff();
        text->ShadowOff();
        text->BoldOff();
      }

    double bounds[6];
    tissue->GetBounds(bounds);
    const unsigned int up = 3 - plane.normal - plane.axis;
    const double aspect   = (right * options.width) / (top * options.height);
    const double whole =
      std::max(0.5 * (bounds[2 * up + 1] - bounds[2 * up]),
               0.5 * (bounds[2 * plane.axis + 1] - bounds[2 * plane.axis]) /
                 aspect);
    const double half_height      = options.half_width > 0 ?
                                      options.half_width / aspect :
                                      std::min(whole, plane.length / aspect);
    const double half_width_shown = half_height * aspect;

    std::ostringstream title;
    title << options.quantity << " at " << label(options.time_h) << " h, "
          << plane.title << "; contours at ";
    const bool prefix = options.unit.empty(); // "pH 7.6"
    for (unsigned int k = 0; k < options.contours.size(); ++k)
      title << (k ? ", " : "") << (prefix ? options.quantity + " " : "")
            << label(options.contours[k]);
    title << (prefix ? "" : " " + options.unit) << "; view "
          << label(2 * half_width_shown * 1e3) << " mm wide";
    auto caption = vtkSmartPointer<vtkTextActor>::New();
    caption->SetInput(title.str().c_str());
    caption->GetTextProperty()->SetFontSize(20);
    caption->GetTextProperty()->SetColor(0, 0, 0);
    caption->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    caption->GetPositionCoordinate()->SetValue(0.012, 0.45);
    auto legend = vtkSmartPointer<vtkTextActor>::New();
    legend->SetInput("metal: light grey, black edge; tissue boundaries: grey "
                     "lines; contours: black, labelled");
    legend->GetTextProperty()->SetFontSize(15);
    legend->GetTextProperty()->SetColor(0.25, 0.25, 0.25);
    legend->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    legend->GetPositionCoordinate()->SetValue(0.012, 0.08);

    auto field_view = vtkSmartPointer<vtkRenderer>::New();
    field_view->SetViewport(0, 0, right, top);
    field_view->SetBackground(1, 1, 1);
    for (vtkProp *prop : std::initializer_list<vtkProp *>{
           tissue_actor, metal_actor, regions, metal_edge, contour_actor})
      field_view->AddViewProp(prop);
    // The view's box in world coordinates: labels only where they show.
    std::array<double, 6> view;
    view[2 * plane.axis]       = plane.origin[plane.axis] - half_width_shown;
    view[2 * plane.axis + 1]   = plane.origin[plane.axis] + half_width_shown;
    view[2 * up]               = plane.origin[up] - half_height;
    view[2 * up + 1]           = plane.origin[up] + half_height;
    view[2 * plane.normal]     = -std::numeric_limits<double>::max();
    view[2 * plane.normal + 1] = std::numeric_limits<double>::max();
    for (const auto &text :
         region_labels(tissue_grid, plane, options.region_names, view, up))
      field_view->AddViewProp(text);
    for (const auto &text : contour_labels)
      field_view->AddViewProp(text);
    auto bar_view = vtkSmartPointer<vtkRenderer>::New();
    bar_view->SetViewport(right, 0, 1, top);
    bar_view->SetBackground(1, 1, 1);
    bar_view->AddViewProp(bar);
    auto title_view = vtkSmartPointer<vtkRenderer>::New();
    title_view->SetViewport(0, top, 1, 1);
    title_view->SetBackground(1, 1, 1);
    title_view->AddViewProp(caption);
    title_view->AddViewProp(legend);

    // Look along the normal with the implant axis horizontal.
    vtkCamera *camera     = field_view->GetActiveCamera();
    double     focus[3]   = {plane.origin[0], plane.origin[1], plane.origin[2]};
    double     eye[3]     = {focus[0], focus[1], focus[2]};
    double     view_up[3] = {0, 0, 0};
    eye[plane.normal] += 1;
    view_up[up] = 1;
    camera->SetFocalPoint(focus);
    camera->SetPosition(eye);
    camera->SetViewUp(view_up);
    camera->ParallelProjectionOn();
    camera->SetParallelScale(half_height);
    field_view->ResetCameraClippingRange();

    auto window = vtkSmartPointer<vtkRenderWindow>::New();
    window->SetOffScreenRendering(1);
    window->SetSize(options.width, options.height);
    window->AddRenderer(field_view);
    window->AddRenderer(bar_view);
    window->AddRenderer(title_view);
    save_png(window, file);
  }
} // namespace mgsim_post
