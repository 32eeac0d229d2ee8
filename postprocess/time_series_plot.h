// The run over time as multi-panel charts (from stats.csv and bands.csv):
// the implant (metal left, peak Mg2+ and H2, gas, pH extremes), the band
// volumes per region, and the mass ledgers. mgsim-post's time_series.png
// shows the first two groups; the report shows each group on its own.
#pragma once

#include "base/csv_file.h"

#include <string>
#include <vector>

namespace mgsim_post
{
  /** @brief One curve: its label and values (one per time). */
  struct Curve
  {
    std::string         label;
    std::vector<double> values;
  };

  /** @brief One panel: a title, a y-axis title and curves over time. */
  struct Panel
  {
    std::string         title, y_title;
    std::vector<double> time_d;
    std::vector<Curve>  curves;
  };

  /** Metal left, highest Mg2+ and H2, gas volume (if any), pH extremes
   * (with the chemistry), from stats.csv. */
  std::vector<Panel>
  implant_panels(const mgsim::CsvTable &stats);

  /** Per region the volumes of the raised Mg2+ bands and the alkaline pH
   * bands that hold any volume, from bands.csv (@p bands_file). */
  std::vector<Panel>
  band_panels(const mgsim::CsvTable &bands, const std::string &bands_file);

  /** The Mg and H2 ledgers (released, in tissue, cleared, through the
   * boundary) and their relative balance errors, from stats.csv. */
  std::vector<Panel>
  balance_panels(const mgsim::CsvTable &stats);

  /** Saves @p panels in a grid: PNG or SVG by the extension of @p file. */
  void
  save_panels(const std::vector<Panel> &panels,
              unsigned int              width,
              unsigned int              height,
              const std::string        &file);

  /**
   * Plots the run's @p stats (stats.csv) and @p bands (bands.csv, read from
   * @p bands_file) to the picture @p file of @p width x @p height pixels:
   * implant_panels() then band_panels().
   */
  void
  plot_time_series(const mgsim::CsvTable &stats,
                   const mgsim::CsvTable &bands,
                   const std::string     &bands_file,
                   unsigned int           width,
                   unsigned int           height,
                   const std::string     &file);
} // namespace mgsim_post
