// Charts in a grid (two columns, filled from the top left) rendered to one
// PNG or SVG: the layout shared by the time-series and the comparison
// pictures, and their line style.
#pragma once

#include <vtkChartXY.h>
#include <vtkColor.h>
#include <vtkPlot.h>

#include <functional>
#include <string>

namespace mgsim_post
{
  /** The @p k-th series colour: Okabe & Ito (2008) without yellow (too
   * light on white), told apart by colour-blind readers. */
  vtkColor3ub
  series_colour(unsigned int k);

  /**
   * Gives the @p k-th curve of a chart its colour (Okabe-Ito: told apart
   * by colour-blind readers) and dash pattern (told apart in greyscale).
   */
  void
  style_line(vtkPlot *plot, unsigned int k);

  /** Draws @p count charts with @p draw(k, chart) and saves them to
   * @p file: PNG, or SVG (vector: text stays text) if it ends in .svg. */
  void
  save_chart_grid(unsigned int                                           count,
                  const std::function<void(unsigned int, vtkChartXY *)> &draw,
                  unsigned int                                           width,
                  unsigned int                                           height,
                  const std::string                                     &file);
} // namespace mgsim_post
