// The files of a finished mgsim run, as mgsim-post reads them: the
// solution.pvd collection (output times and their .pvtu records), the
// snapshots themselves, and the tissue part of a snapshot (cells without
// metal, the cells bands.csv integrates over).
#pragma once

#include <nlohmann/json.hpp>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>

#include <map>
#include <string>
#include <vector>

namespace mgsim_post
{
  /** @brief One output time of a run. */
  struct Snapshot
  {
    double time_h = 0;
    /** Path of the .pvtu record. */
    std::string file;
  };

  /**
   * The output times of the run in @p run_directory (its solution.pvd).
   * Throws mgsim::InputError naming the file if it is missing or broken.
   */
  std::vector<Snapshot>
  read_collection(const std::string &run_directory);

  /** The whole mesh of one output time (all pieces). */
  vtkSmartPointer<vtkUnstructuredGrid>
  read_snapshot(const Snapshot &snapshot);

  /** Cells that hold no metal ("metal fraction" = 0). */
  vtkSmartPointer<vtkUnstructuredGrid>
  tissue_cells(vtkUnstructuredGrid *grid);

  /** Cells that still hold metal. */
  vtkSmartPointer<vtkUnstructuredGrid>
  implant_cells(vtkUnstructuredGrid *grid);

  /** @brief What a run's parameters.json says about its pictures. */
  struct RunLayout
  {
    /** Region names by the "region id" of the written fields. */
    std::map<int, std::string> region_names;
    /** [output] vessel_axis: 0, 1, 2, or -1 (not a stent). */
    int vessel_axis = -1;
  };

  /** The JSON object in @p path; InputError naming it if it is damaged. */
  nlohmann::json
  read_json_object(const std::string &path);

  /**
   * The layout of the run in @p run_directory from its parameters.json
   * (empty if the run has none: written before mgsim 0.1 recorded it);
   * InputError if it is damaged.
   */
  RunLayout
  read_run_layout(const std::string &run_directory);

  /** @brief A volume column of bands.csv: region, band [mM] and name. */
  struct BandColumn
  {
    std::string region;
    /** Band edges [mM]; lower 0 for the first band, upper infinity for
     * the last. */
    double      lower = 0, upper = 0;
    std::string column;
    /** "5-10 mM", "below 0.75 mM", ">= 30 mM". */
    std::string label;
  };

  /**
   * The volume columns of @p names (bands.csv's header), in file order.
   * Throws InputError naming @p file if there are none.
   */
  std::vector<BandColumn>
  band_columns(const std::vector<std::string> &names, const std::string &file);

  /**
   * The pH band volume columns of @p names (<region>_pH_<band>_mm3, runs
   * with the chemistry), in file order; none without the chemistry. Edges
   * in pH units, labels "pH 7.6-8.5".
   */
  std::vector<BandColumn>
  ph_band_columns(const std::vector<std::string> &names);

  /** The band edges [mM] of @p columns, increasing. */
  std::vector<double>
  band_edges(const std::vector<BandColumn> &columns);

  /** The per-cell metal fraction written by mgsim. */
  inline const char *
  metal_field()
  {
    return "metal fraction";
  }

  /** The field written by mgsim for Mg2+ (a point field, mM). */
  inline const char *
  magnesium_field()
  {
    return "Mg2+ [mM]";
  }
} // namespace mgsim_post
