// Charts in a grid (two columns, filled from the top left) rendered to one
// PNG: the layout shared by the time-series and the comparison pictures.
#pragma once

#include <vtkChartXY.h>

#include <functional>
#include <string>

namespace mgsim_post
{
  /** Draws @p count charts with @p draw(k, chart) and saves the PNG. */
  void
  save_chart_grid(unsigned int                                           count,
                  const std::function<void(unsigned int, vtkChartXY *)> &draw,
                  unsigned int                                           width,
                  unsigned int                                           height,
                  const std::string                                     &file);
} // namespace mgsim_post
