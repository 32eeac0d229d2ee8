// One picture comparing alloys (`mgsim compare` output): bar charts of the
// metal lost and the peak Mg2+, and per region the largest volume at or
// above the anti-tumour level, the covered fraction, the largest osteogenic
// volume and the normal-cell stress volume (from comparison.csv).
#pragma once

#include "base/csv_file.h"

#include <string>

namespace mgsim_post
{
  /**
   * Plots @p comparison (comparison.csv read with its alloy column, from
   * @p source) to the PNG @p file.
   */
  void
  plot_comparison(const mgsim::CsvTable &comparison,
                  const std::string     &source,
                  unsigned int           width,
                  unsigned int           height,
                  const std::string     &file);
} // namespace mgsim_post
