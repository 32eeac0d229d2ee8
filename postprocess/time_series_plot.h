// The run over time in one multi-panel PNG: metal left, peak Mg2+ and H2,
// gas, and per region the volume in each raised band (from stats.csv and
// bands.csv).
#pragma once

#include "base/csv_file.h"

#include <string>

namespace mgsim_post
{
  /**
   * Plots the run's @p stats (stats.csv) and @p bands (bands.csv, read from
   * @p bands_file) to the PNG @p file of @p width x @p height pixels.
   */
  void
  plot_time_series(const mgsim::CsvTable &stats,
                   const mgsim::CsvTable &bands,
                   const std::string     &bands_file,
                   unsigned int           width,
                   unsigned int           height,
                   const std::string     &file);
} // namespace mgsim_post
