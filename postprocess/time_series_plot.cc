#include "time_series_plot.h"

#include "base/input_error.h"
#include "chart_grid.h"
#include "run_files.h"

#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkDoubleArray.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace mgsim_post
{
  namespace
  {
    const std::vector<double> &
    column(const mgsim::CsvTable &table,
           const std::string     &name,
           const std::string     &file)
    {
      const auto it = table.columns.find(name);
      if (it == table.columns.end())
        throw mgsim::InputError(file + ": no column " + name);
      return it->second;
    }

    std::vector<double>
    scaled(const std::vector<double> &values, const double factor)
    {
      std::vector<double> result;
      for (const double v : values)
        result.push_back(v * factor);
      return result;
    }

    /**
     * One panel per region (in file order) with the volumes of its bands
     * of @p columns from @p lowest up that hold any volume, titled
     * @p title + region.
     */
    void
    append_band_panels(std::vector<Panel>            &panels,
                       const std::vector<BandColumn> &columns,
                       const double                   lowest,
                       const std::string             &title,
                       const mgsim::CsvTable         &bands,
                       const std::string             &bands_file,
                       const std::vector<double>     &days)
    {
      std::map<std::string, Panel> per_region;
      std::vector<std::string>     order;
      for (const auto &band : columns)
        {
          const auto &values = column(bands, band.column, bands_file);
          if (band.lower < lowest ||
              *std::max_element(values.begin(), values.end()) <= 0)
            continue;
          if (!per_region.count(band.region))
            {
              order.push_back(band.region);
              per_region[band.region] = {title + band.region,
                                         "volume [mm3]",
                                         days,
                                         {}};
            }
          per_region[band.region].curves.push_back({band.label, values});
        }
      for (const auto &region : order)
        panels.push_back(per_region[region]);
    }

    void
    draw(vtkChartXY *chart, const Panel &panel)
    {
      auto table = vtkSmartPointer<vtkTable>::New();
      auto time  = vtkSmartPointer<vtkDoubleArray>::New();
      time->SetName("time [d]");
      for (const double t : panel.time_d)
        time->InsertNextValue(t);
      table->AddColumn(time);
      for (const auto &curve : panel.curves)
        {
          auto values = vtkSmartPointer<vtkDoubleArray>::New();
          values->SetName(curve.label.c_str());
          for (const double v : curve.values)
            values->InsertNextValue(v);
          table->AddColumn(values);
        }
      for (unsigned int k = 0; k < panel.curves.size(); ++k)
        {
          vtkPlot *plot = chart->AddPlot(vtkChart::LINE);
          plot->SetInputData(table, 0, k + 1);
          style_line(plot, k);
        }
      chart->SetTitle(panel.title);
      chart->GetTitleProperties()->SetFontSize(16);
      chart->GetAxis(vtkAxis::BOTTOM)->SetTitle("time [d]");
      chart->GetAxis(vtkAxis::LEFT)->SetTitle(panel.y_title);
      chart->SetShowLegend(panel.curves.size() > 1);
    }
  } // namespace

  std::vector<Panel>
  implant_panels(const mgsim::CsvTable &stats)
  {
    const std::string  stats_file = "stats.csv";
    std::vector<Panel> panels;
    const auto days = scaled(column(stats, "time_h", stats_file), 1 / 24.0);
    panels.push_back(
      {"Implant metal left",
       "metal [mg]",
       days,
       {{"metal [mg]",
         scaled(column(stats, "implant_mass_g", stats_file), 1e3)}}});
    panels.push_back({"Highest Mg2+ anywhere",
                      "Mg2+ [mM]",
                      days,
                      {{"Mg2+ [mM]", column(stats, "max_c_mM", stats_file)}}});
    panels.push_back({"Highest dissolved H2 anywhere",
                      "H2 [mM]",
                      days,
                      {{"H2 [mM]", column(stats, "max_h2_mM", stats_file)}}});
    const auto gas = stats.columns.find("h2_gas_volume_mm3");
    if (gas != stats.columns.end() &&
        *std::max_element(gas->second.begin(), gas->second.end()) > 0)
      panels.push_back(
        {"H2 gas", "gas volume [mm3]", days, {{"gas [mm3]", gas->second}}});
    // With the chemistry: the pH extremes.
    const auto high = stats.columns.find("max_pH");
    const auto low  = stats.columns.find("min_pH");
    if (high != stats.columns.end() && low != stats.columns.end())
      panels.push_back(
        {"pH extremes",
         "pH",
         days,
         {{"highest pH", high->second}, {"lowest pH", low->second}}});
    return panels;
  }

  std::vector<Panel>
  band_panels(const mgsim::CsvTable &bands, const std::string &bands_file)
  {
    std::vector<Panel> panels;
    // Per region, the bands above the normal range (the two lowest bands
    // fill most of the tissue and would flatten the others).
    const auto   columns = band_columns(bands.names, bands_file);
    const auto   days   = scaled(column(bands, "time_h", bands_file), 1 / 24.0);
    const auto   edges  = band_edges(columns);
    const double raised = edges.size() > 1 ? edges[1] : 0.0;
    append_band_panels(
      panels, columns, raised, "Raised Mg2+ in ", bands, bands_file, days);
    // With the chemistry: per region the alkaline pH bands (from 7.6,
    // doc/model.md §7.4) that hold any volume.
    append_band_panels(panels,
                       ph_band_columns(bands.names),
                       7.6,
                       "Alkaline pH in ",
                       bands,
                       bands_file,
                       days);
    return panels;
  }

  std::vector<Panel>
  balance_panels(const mgsim::CsvTable &stats)
  {
    const std::string  stats_file = "stats.csv";
    std::vector<Panel> panels;
    const auto days = scaled(column(stats, "time_h", stats_file), 1 / 24.0);
    for (const auto &[species, prefix] :
         std::vector<std::pair<std::string, std::string>>{{"Mg", "mg"},
                                                          {"H2", "h2"}})
      {
        const auto ledger = [&](const std::string &what) {
          return scaled(column(stats, prefix + "_" + what + "_mol", stats_file),
                        1e6);
        };
        Panel panel{species + " ledger",
                    species + " [umol]",
                    days,
                    {{"released", ledger("released")},
                     {prefix == "mg" ? "in tissue" : "dissolved",
                      ledger(prefix == "mg" ? "tissue" : "dissolved")},
                     {"cleared by perfusion", ledger("cleared")},
                     {"through the boundary", ledger("boundary")}}};
        if (prefix == "h2")
          panel.curves.push_back({"gas", ledger("gas")});
        panels.push_back(panel);
      }
    panels.push_back(
      {"Relative mass-balance error",
       "error / released",
       days,
       {{"Mg", column(stats, "mass_balance_rel_error", stats_file)},
        {"H2", column(stats, "h2_balance_rel_error", stats_file)}}});
    return panels;
  }

  void
  save_panels(const std::vector<Panel> &panels,
              const unsigned int        width,
              const unsigned int        height,
              const std::string        &file)
  {
    save_chart_grid(
      panels.size(),
      [&](unsigned int k, vtkChartXY *chart) { draw(chart, panels[k]); },
      width,
      height,
      file);
  }

  void
  plot_time_series(const mgsim::CsvTable &stats,
                   const mgsim::CsvTable &bands,
                   const std::string     &bands_file,
                   const unsigned int     width,
                   const unsigned int     height,
                   const std::string     &file)
  {
    auto panels = implant_panels(stats);
    for (auto &panel : band_panels(bands, bands_file))
      panels.push_back(panel);
    save_panels(panels, width, height, file);
  }
} // namespace mgsim_post
