#include "run_files.h"

#include "base/input_error.h"
#include "base/text_file.h"

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkPointData.h>
#include <vtkThreshold.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLDataParser.h>
#include <vtkXMLPUnstructuredGridReader.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <regex>
#include <set>

namespace mgsim_post
{
  using mgsim::InputError;

  std::vector<Snapshot>
  read_collection(const std::string &run_directory)
  {
    const std::string path = run_directory + "/solution.pvd";
    if (!std::filesystem::exists(path))
      throw InputError(path + ": not found (is this an mgsim output directory "
                              "written with [output] vtu = true?)");
    auto parser = vtkSmartPointer<vtkXMLDataParser>::New();
    parser->SetFileName(path.c_str());
    if (!parser->Parse())
      throw InputError(path + ": not a readable ParaView collection");
    vtkXMLDataElement *root = parser->GetRootElement();
    vtkXMLDataElement *collection =
      root ? root->FindNestedElementWithName("Collection") : nullptr;
    if (!collection)
      throw InputError(path + ": no <Collection> element");
    std::vector<Snapshot> snapshots;
    for (int i = 0; i < collection->GetNumberOfNestedElements(); ++i)
      {
        vtkXMLDataElement *data = collection->GetNestedElement(i);
        const char        *file = data->GetAttribute("file");
        double             time = 0;
        if (!file || !data->GetScalarAttribute("timestep", time))
          throw InputError(path + ": <DataSet> " + std::to_string(i) +
                           " needs file and timestep attributes");
        const std::string piece = run_directory + "/" + file;
        if (!std::filesystem::exists(piece))
          throw InputError(path + ": lists " + file + ", which is missing");
        snapshots.push_back({time, piece});
      }
    if (snapshots.empty())
      throw InputError(path + ": lists no output times");
    return snapshots;
  }

  nlohmann::json
  read_json_object(const std::string &path)
  {
    auto value =
      nlohmann::json::parse(mgsim::read_text_file(path), nullptr, false);
    if (value.is_discarded() || !value.is_object())
      throw InputError(path + ": not a JSON object (damaged?)");
    return value;
  }

  RunLayout
  read_run_layout(const std::string &run_directory)
  {
    RunLayout         layout;
    const std::string path = run_directory + "/parameters.json";
    if (!std::filesystem::exists(path))
      return layout;
    const auto all = read_json_object(path);
    for (const auto &region : all.value("regions", nlohmann::json::array()))
      layout.region_names[region.value("id", -1)] = region.value("name", "");
    for (const auto &p : all.value("parameters", nlohmann::json::array()))
      if (p.value("section", "") == "output" &&
          p.value("key", "") == "vessel_axis")
        {
          const std::string axis = p.value("value", "none");
          layout.vessel_axis     = axis == "none" ? -1 : axis[0] - 'x';
        }
    return layout;
  }

  vtkSmartPointer<vtkUnstructuredGrid>
  read_snapshot(const Snapshot &snapshot)
  {
    auto reader = vtkSmartPointer<vtkXMLPUnstructuredGridReader>::New();
    reader->SetFileName(snapshot.file.c_str());
    reader->Update();
    vtkSmartPointer<vtkUnstructuredGrid> grid = reader->GetOutput();
    if (!grid || grid->GetNumberOfCells() == 0)
      throw InputError(snapshot.file + ": no cells could be read");
    // deal.II writes cell fields as point fields, constant on each cell.
    for (const char *field : {magnesium_field(), metal_field()})
      if (!grid->GetPointData()->GetArray(field))
        throw InputError(snapshot.file + ": no field '" + field + "'");
    return grid;
  }

  namespace
  {
    /**
     * The columns of @p names that match @p pattern (groups: region, band,
     * below, from-to, from), labelled "<prefix><band><suffix>".
     */
    std::vector<BandColumn>
    parse_band_columns(const std::vector<std::string> &names,
                       const std::regex               &pattern,
                       const std::string              &prefix,
                       const std::string              &suffix)
    {
      std::vector<BandColumn> columns;
      for (const auto &name : names)
        {
          std::smatch match;
          if (!std::regex_match(name, match, pattern))
            continue;
          BandColumn band;
          band.region = match[1];
          band.column = name;
          if (match[3].matched)
            {
              band.upper = std::stod(match[3]);
              band.label = prefix + "below " + match[3].str() + suffix;
            }
          else if (match[4].matched)
            {
              band.lower = std::stod(match[4]);
              band.upper = std::stod(match[5]);
              band.label =
                prefix + match[4].str() + "-" + match[5].str() + suffix;
            }
          else
            {
              band.lower = std::stod(match[6]);
              band.upper = std::numeric_limits<double>::infinity();
              band.label = prefix + ">= " + match[6].str() + suffix;
            }
          columns.push_back(band);
        }
      return columns;
    }
  } // namespace

  std::vector<BandColumn>
  band_columns(const std::vector<std::string> &names, const std::string &file)
  {
    // <region>_below_<a>_mM_mm3, <region>_<a>_to_<b>_mM_mm3,
    // <region>_from_<a>_mM_mm3 (analysis/run_recorder.cc).
    static const std::regex pattern(
      "(.+)_(below_([^_]+)|([^_]+)_to_([^_]+)|from_([^_]+))_mM_mm3");
    const auto columns = parse_band_columns(names, pattern, "", " mM");
    if (columns.empty())
      throw InputError(file +
                       ": no band volume columns (<region>_<band>_mM_mm3)");
    return columns;
  }

  std::vector<BandColumn>
  ph_band_columns(const std::vector<std::string> &names)
  {
    static const std::regex pattern(
      "(.+)_pH_(below_([^_]+)|([^_]+)_to_([^_]+)|from_([^_]+))_mm3");
    return parse_band_columns(names, pattern, "pH ", "");
  }

  std::vector<double>
  band_edges(const std::vector<BandColumn> &columns)
  {
    std::set<double> edges;
    for (const auto &band : columns)
      for (const double e : {band.lower, band.upper})
        if (e > 0 && std::isfinite(e))
          edges.insert(e);
    return {edges.begin(), edges.end()};
  }

  namespace
  {
    vtkSmartPointer<vtkUnstructuredGrid>
    cells_with_metal(vtkUnstructuredGrid *grid, const bool metal)
    {
      auto threshold = vtkSmartPointer<vtkThreshold>::New();
      threshold->SetInputData(grid);
      threshold->SetInputArrayToProcess(
        0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, metal_field());
      // VTK 9.1: THRESHOLD_UPPER keeps values >= the upper threshold,
      // THRESHOLD_LOWER values <= the lower one.
      if (metal)
        {
          threshold->SetUpperThreshold(1e-12);
          threshold->SetThresholdFunction(vtkThreshold::THRESHOLD_UPPER);
        }
      else
        {
          threshold->SetLowerThreshold(0);
          threshold->SetThresholdFunction(vtkThreshold::THRESHOLD_LOWER);
        }
      threshold->Update();
      return threshold->GetOutput();
    }
  } // namespace

  vtkSmartPointer<vtkUnstructuredGrid>
  tissue_cells(vtkUnstructuredGrid *grid)
  {
    return cells_with_metal(grid, false);
  }

  vtkSmartPointer<vtkUnstructuredGrid>
  implant_cells(vtkUnstructuredGrid *grid)
  {
    return cells_with_metal(grid, true);
  }
} // namespace mgsim_post
