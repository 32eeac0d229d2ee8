#include "implant_views.h"

#include "base/input_error.h"
#include "run_files.h"

#include <vtkCutter.h>
#include <vtkCylinder.h>
#include <vtkDataArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

namespace mgsim_post
{
  namespace
  {
    const char axes[] = "xyz";

    /** A coordinate [m] in mm to 0.01 mm ("0.00", never "-1.46e-08"). */
    std::string
    mm(const double value)
    {
      double rounded = std::round(value * 1e5) / 100;
      if (rounded == 0)
        rounded = 0; // no "-0.00"
      std::ostringstream s;
      s << std::fixed << std::setprecision(2) << rounded;
      return s.str();
    }

    std::array<double, 6>
    metal_bounds(vtkUnstructuredGrid *first)
    {
      const auto metal = implant_cells(first);
      if (metal->GetNumberOfCells() == 0)
        throw mgsim::InputError(
          "the first output time holds no metal; cannot find the implant");
      std::array<double, 6> bounds;
      metal->GetBounds(bounds.data());
      return bounds;
    }

    /** Along the metal's longest direction, through its centre. */
    ImplantView
    axial(vtkUnstructuredGrid *grid, const std::array<double, 6> &metal)
    {
      SlicePlane plane;
      double     longest = -1;
      for (unsigned int d = 0; d < 3; ++d)
        {
          plane.origin[d] = 0.5 * (metal[2 * d] + metal[2 * d + 1]);
          if (metal[2 * d + 1] - metal[2 * d] > longest)
            {
              longest    = metal[2 * d + 1] - metal[2 * d];
              plane.axis = d;
            }
        }
      plane.length = longest;
      plane.normal = (plane.axis + 1) % 3;
      plane.title  = std::string("slice ") + axes[plane.normal] + " = " +
                    mm(plane.origin[plane.normal]) +
                    " mm through the implant axis";
      return {"axial", grid, plane};
    }

    /** Across the implant's middle. */
    ImplantView
    transverse(vtkUnstructuredGrid *grid, const std::array<double, 6> &metal)
    {
      SlicePlane axis_plane    = axial(grid, metal).plane;
      SlicePlane plane         = axis_plane;
      plane.normal             = axis_plane.axis;
      plane.axis               = axis_plane.normal;
      const unsigned int other = 3 - plane.normal - plane.axis;
      // As wide as the axial view: the tissue around, not only the halo.
      plane.length =
        std::max(axis_plane.length,
                 5 * std::max(metal[2 * plane.axis + 1] - metal[2 * plane.axis],
                              metal[2 * other + 1] - metal[2 * other]));
      plane.title = std::string("slice ") + axes[plane.normal] + " = " +
                    mm(plane.origin[plane.normal]) +
                    " mm across the implant's middle";
      return {"transverse", grid, plane};
    }

    /** Normal to the vessel through the struts' centre: the whole wall. */
    ImplantView
    wall_section(vtkUnstructuredGrid         *grid,
                 const std::array<double, 6> &metal,
                 const int                    vessel_axis)
    {
      SlicePlane plane;
      for (unsigned int d = 0; d < 3; ++d)
        plane.origin[d] = 0.5 * (metal[2 * d] + metal[2 * d + 1]);
      plane.normal = vessel_axis;
      plane.axis   = (vessel_axis + 1) % 3;
      plane.length = std::numeric_limits<double>::max(); // the whole wall
      plane.title = std::string("cross-section ") + axes[plane.normal] + " = " +
                    mm(plane.origin[plane.normal]) +
                    " mm of the vessel wall through the struts";
      return {"wall", grid, plane};
    }

    /**
     * The wall of @p grid unrolled at mid-depth of its innermost tissue
     * layer: cut by that cylinder around @p vessel_axis and drawn flat
     * (position along the vessel horizontally, arc length vertically).
     */
    ImplantView
    unrolled(vtkUnstructuredGrid *grid, const int vessel_axis)
    {
      const unsigned int a = vessel_axis, b = (a + 1) % 3, c = (a + 2) % 3;
      // Radial extent per region of the tissue: the innermost layer is the
      // one that comes closest to the axis.
      const auto    tissue = tissue_cells(grid);
      vtkDataArray *ids    = tissue->GetPointData()->GetArray("region id");
      if (!ids || tissue->GetNumberOfPoints() == 0)
        throw mgsim::InputError("the written fields have no region id");
      std::map<int, std::pair<double, double>> radii;
      double theta_low  = std::numeric_limits<double>::max(),
             theta_high = -theta_low, along_low = theta_low,
             along_high = -theta_low;
      for (vtkIdType p = 0; p < tissue->GetNumberOfPoints(); ++p)
        {
          double x[3];
          tissue->GetPoint(p, x);
          const double r     = std::hypot(x[b], x[c]);
          const double theta = std::atan2(x[c], x[b]);
          auto [it, inserted] =
            radii.emplace(int(ids->GetTuple1(p)), std::make_pair(r, r));
          it->second.first  = std::min(it->second.first, r);
          it->second.second = std::max(it->second.second, r);
          theta_low         = std::min(theta_low, theta);
          theta_high        = std::max(theta_high, theta);
          along_low         = std::min(along_low, x[a]);
          along_high        = std::max(along_high, x[a]);
        }
      auto innermost = radii.begin();
      for (auto it = radii.begin(); it != radii.end(); ++it)
        if (it->second.first < innermost->second.first)
          innermost = it;
      const double radius =
        0.5 * (innermost->second.first + innermost->second.second);
      const double arc = radius * (theta_high - theta_low);

      SlicePlane plane;
      plane.origin = {{0.5 * (along_low + along_high), 0.5 * arc, 0}};
      plane.normal = 2;
      plane.axis   = 0;
      plane.length = std::numeric_limits<double>::max(); // the whole map
      std::ostringstream title;
      title << "wall unrolled at r = " << mm(radius) << " mm: " << axes[a]
            << " across, " << std::setprecision(3)
            << (theta_high - theta_low) * 180 / M_PI << " deg of arc ("
            << mm(arc) << " mm) up";
      plane.title = title.str();
      plane.cut   = [=](vtkDataSet *data) {
        auto   cylinder = vtkSmartPointer<vtkCylinder>::New();
        double axis[3]  = {0, 0, 0};
        axis[a]         = 1;
        cylinder->SetAxis(axis);
        cylinder->SetCenter(0, 0, 0);
        cylinder->SetRadius(radius);
        auto cutter = vtkSmartPointer<vtkCutter>::New();
        cutter->SetInputData(data);
        cutter->SetCutFunction(cylinder);
        cutter->Update();
        vtkSmartPointer<vtkPolyData> flat   = cutter->GetOutput();
        auto                         points = vtkSmartPointer<vtkPoints>::New();
        for (vtkIdType p = 0; p < flat->GetNumberOfPoints(); ++p)
          {
            double x[3];
            flat->GetPoint(p, x);
            points->InsertNextPoint(
              x[a], radius * (std::atan2(x[c], x[b]) - theta_low), 0);
          }
        flat->SetPoints(points);
        return flat;
      };
      return {"unrolled", grid, plane};
    }
  } // namespace

  std::vector<ImplantView>
  implant_views(vtkUnstructuredGrid *first,
                vtkUnstructuredGrid *grid,
                const int            vessel_axis)
  {
    const auto metal = metal_bounds(first);
    if (vessel_axis >= 0 && vessel_axis < 3)
      return {wall_section(grid, metal, vessel_axis),
              unrolled(grid, vessel_axis)};
    return {axial(grid, metal), transverse(grid, metal)};
  }
} // namespace mgsim_post
