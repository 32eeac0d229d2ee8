#include "comparison_plot.h"

#include "base/input_error.h"
#include "chart_grid.h"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkDoubleArray.h>
#include <vtkPlot.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>

namespace mgsim_post
{
  namespace
  {
    /** @brief A bar chart: one bar group per alloy, one bar per series. */
    struct BarPanel
    {
      std::string title, y_title;
      /** (label, column) per series. */
      std::vector<std::pair<std::string, std::string>> series;
    };

    void
    draw(vtkChartXY *chart, const BarPanel &panel, const mgsim::CsvTable &table)
    {
      auto data = vtkSmartPointer<vtkTable>::New();
      auto x    = vtkSmartPointer<vtkDoubleArray>::New();
      x->SetName("alloy");
      for (unsigned int a = 0; a < table.labels.size(); ++a)
        x->InsertNextValue(a + 1);
      data->AddColumn(x);
      for (const auto &[label, column] : panel.series)
        {
          auto values = vtkSmartPointer<vtkDoubleArray>::New();
          values->SetName(label.c_str());
          for (const double v : table.columns.at(column))
            values->InsertNextValue(std::isfinite(v) ? v : 0.0);
          data->AddColumn(values);
        }
      for (unsigned int k = 0; k < panel.series.size(); ++k)
        {
          vtkPlot *bars = chart->AddPlot(vtkChart::BAR);
          bars->SetInputData(data, 0, k + 1);
          const vtkColor3ub colour = series_colour(k);
          bars->SetColor(colour.GetRed(),
                         colour.GetGreen(),
                         colour.GetBlue(),
                         255);
        }
      auto positions = vtkSmartPointer<vtkDoubleArray>::New();
      auto names     = vtkSmartPointer<vtkStringArray>::New();
      for (unsigned int a = 0; a < table.labels.size(); ++a)
        {
          positions->InsertNextValue(a + 1);
          names->InsertNextValue(table.labels[a]);
        }
      vtkAxis *bottom = chart->GetAxis(vtkAxis::BOTTOM);
      bottom->SetCustomTickPositions(positions, names);
      bottom->SetRange(0.4, table.labels.size() + 0.6);
      bottom->SetBehavior(vtkAxis::FIXED);
      bottom->SetTitle("alloy");
      vtkAxis *left = chart->GetAxis(vtkAxis::LEFT);
      left->SetTitle(panel.y_title);
      double most = 0;
      for (const auto &series : panel.series)
        for (const double v : table.columns.at(series.second))
          most = std::max(most, std::isfinite(v) ? v : 0.0);
      if (most <= 0)
        {
          // All zero: a plain 0-1 axis instead of VTK's +-1e-7.
          left->SetRange(0, 1);
          left->SetBehavior(vtkAxis::FIXED);
        }
      chart->SetTitle(panel.title);
      chart->GetTitleProperties()->SetFontSize(16);
      chart->SetShowLegend(panel.series.size() > 1);
    }
  } // namespace

  void
  plot_comparison(const mgsim::CsvTable &table,
                  const std::string     &source,
                  const unsigned int     width,
                  const unsigned int     height,
                  const std::string     &file)
  {
    if (table.labels.empty())
      throw mgsim::InputError(source + ": no alloy rows");
    for (const std::string column : {"mass_lost_percent", "peak_mg_mM"})
      if (!table.columns.count(column))
        throw mgsim::InputError(source + ": no column " + column);
    std::vector<BarPanel> panels = {
      {"Metal lost", "lost [%]", {{"metal lost [%]", "mass_lost_percent"}}},
      {"Highest Mg2+", "Mg2+ [mM]", {{"peak Mg2+ [mM]", "peak_mg_mM"}}}};

    // Per-region figures: the regions are the prefixes of
    // "<region>_covered_fraction"; the anti-tumour level is in the name of
    // "<region>_at_or_above_<level>_mM_max_mm3".
    const auto ends_with = [](const std::string &name, const std::string &end) {
      return name.size() >= end.size() &&
             name.compare(name.size() - end.size(), end.size(), end) == 0;
    };
    const std::string        covered = "_covered_fraction";
    std::vector<std::string> regions;
    for (const auto &name : table.names)
      if (name.size() > covered.size() && ends_with(name, covered))
        regions.push_back(name.substr(0, name.size() - covered.size()));
    // One series per region: its column starting with region + start and
    // ending with end.
    const auto per_region = [&](const std::string &title,
                                const std::string &y_title,
                                const std::string &start,
                                const std::string &end) {
      BarPanel panel{title, y_title, {}};
      for (const auto &region : regions)
        for (const auto &name : table.names)
          if (name.rfind(region + start, 0) == 0 && ends_with(name, end))
            panel.series.push_back({region, name});
      // Regions without any volume for any alloy (e.g. `degraded` before
      // anything corroded away) would only add empty bars.
      std::vector<std::pair<std::string, std::string>> shown;
      for (const auto &series : panel.series)
        for (const double v : table.columns.at(series.second))
          if (v > 0)
            {
              shown.push_back(series);
              break;
            }
      if (!shown.empty())
        panel.series = shown;
      else if (panel.series.size() > 1)
        panel.series.resize(1);
      if (!panel.series.empty())
        panels.push_back(panel);
    };
    per_region("Anti-tumour volume (largest)",
               "volume [mm3]",
               "_at_or_above_",
               "_mM_max_mm3");
    per_region("Held at anti-tumour level long enough",
               "covered fraction [-]",
               "_covered_fraction",
               "_covered_fraction");
    per_region("Osteogenic window (largest)",
               "volume [mm3]",
               "_osteogenic_volume_max_mm3",
               "_osteogenic_volume_max_mm3");
    per_region("Normal-cell stress (ever)",
               "volume [mm3]",
               "_stress_volume_ever_mm3",
               "_stress_volume_ever_mm3");

    save_chart_grid(
      panels.size(),
      [&](unsigned int k, vtkChartXY *chart) { draw(chart, panels[k], table); },
      width,
      height,
      file);
  }
} // namespace mgsim_post
