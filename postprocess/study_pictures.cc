#include "study_pictures.h"

#include "base/input_error.h"
#include "chart_grid.h"
#include "display.h"
#include "implant_views.h"
#include "run_files.h"
#include "slice_picture.h"

#include <nlohmann/json.hpp>
#include <vtkAxis.h>
#include <vtkChartXY.h>
#include <vtkDoubleArray.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkPlotBar.h>
#include <vtkPointData.h>
#include <vtkStringArray.h>
#include <vtkTable.h>
#include <vtkXMLUnstructuredGridWriter.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

namespace mgsim_post
{
  namespace fs = std::filesystem;
  using nlohmann::json;

  namespace
  {
    /** @brief samples.csv: its columns by name, as text. */
    struct Samples
    {
      std::vector<std::string>                        header;
      std::map<std::string, std::vector<std::string>> columns;
      std::size_t                                     rows = 0;

      std::vector<double>
      numbers(const std::string &name) const
      {
        std::vector<double> x;
        for (const auto &c : columns.at(name))
          x.push_back(std::stod(c));
        return x;
      }
    };

    Samples
    read_samples(const std::string &file)
    {
      std::ifstream in(file);
      if (!in)
        throw mgsim::InputError(file +
                                ": cannot be read (not a study directory?)");
      Samples     s;
      std::string line;
      std::getline(in, line);
      std::stringstream names(line);
      for (std::string n; std::getline(names, n, ',');)
        s.header.push_back(n);
      while (std::getline(in, line))
        {
          std::stringstream cells(line);
          std::size_t       k = 0;
          for (std::string c;
               std::getline(cells, c, ',') && k < s.header.size();
               ++k)
            s.columns[s.header[k]].push_back(c);
          if (k != s.header.size())
            throw mgsim::InputError(file + ": line " +
                                    std::to_string(s.rows + 2) + " has " +
                                    std::to_string(k) + " values, the header " +
                                    std::to_string(s.header.size()));
          ++s.rows;
        }
      return s;
    }

    json
    read_json(const std::string &file)
    {
      std::ifstream in(file);
      try
        {
          return json::parse(in);
        }
      catch (const json::exception &)
        {
          throw mgsim::InputError(
            file + ": not a study's JSON (mgsim study writes it)");
        }
    }

    /** A line through (@p x, @p y) on @p chart. */
    vtkPlot *
    add_line(vtkChartXY                *chart,
             const std::vector<double> &x,
             const std::vector<double> &y,
             const std::string         &label,
             const vtkColor3ub         &c,
             const int                  type = vtkChart::LINE)
    {
      auto table = vtkSmartPointer<vtkTable>::New();
      auto xs    = vtkSmartPointer<vtkDoubleArray>::New(),
           ys    = vtkSmartPointer<vtkDoubleArray>::New();
      xs->SetName("x");
      ys->SetName(label.c_str());
      for (std::size_t i = 0; i < x.size(); ++i)
        {
          xs->InsertNextValue(x[i]);
          ys->InsertNextValue(y[i]);
        }
      table->AddColumn(xs);
      table->AddColumn(ys);
      vtkPlot *plot = chart->AddPlot(type);
      plot->SetInputData(table, 0, 1);
      plot->SetColor(c.GetRed(), c.GetGreen(), c.GetBlue(), 255);
      plot->SetWidth(2);
      return plot;
    }

    /** "peak (regions.tumour.peak_mg_mM)": the name with its summary.json
     * path, which carries the unit. */
    std::string
    outcome_title(const json &study, const std::string &outcome)
    {
      if (study.contains("outcome_paths") &&
          study["outcome_paths"].contains(outcome))
        return outcome + " (" +
               study["outcome_paths"][outcome].get<std::string>() + ")";
      return outcome;
    }

    bool
    log_distribution(const json &p)
    {
      const std::string d = p["distribution"];
      return d == "log_uniform" || d == "log_normal";
    }

    /** sensitivity.png: per outcome, rho of each parameter, largest on top. */
    void
    plot_sensitivity(const json        &study,
                     unsigned int       width,
                     unsigned int       height,
                     const std::string &file)
    {
      std::map<std::string, std::vector<json>> by_outcome;
      std::vector<std::string>                 order;
      for (const auto &e : study["spearman"])
        {
          const std::string o = e["outcome"];
          if (!by_outcome.count(o))
            order.push_back(o);
          by_outcome[o].push_back(e);
        }
      save_chart_grid(
        order.size(),
        [&](const unsigned int k, vtkChartXY *chart) {
          auto entries = by_outcome[order[k]];
          std::sort(entries.begin(),
                    entries.end(),
                    [](const json &a, const json &b) {
                      return std::abs(a["value"].get<double>()) <
                             std::abs(b["value"].get<double>());
                    });
          auto table = vtkSmartPointer<vtkTable>::New();
          auto pos   = vtkSmartPointer<vtkDoubleArray>::New(),
               rho   = vtkSmartPointer<vtkDoubleArray>::New();
          pos->SetName("parameter");
          rho->SetName("rho");
          auto ticks = vtkSmartPointer<vtkDoubleArray>::New();
          auto names = vtkSmartPointer<vtkStringArray>::New();
          for (std::size_t i = 0; i < entries.size(); ++i)
            {
              pos->InsertNextValue(i + 1);
              rho->InsertNextValue(entries[i]["value"].get<double>());
              ticks->InsertNextValue(i + 1);
              names->InsertNextValue(
                entries[i]["parameter"].get<std::string>());
            }
          table->AddColumn(pos);
          table->AddColumn(rho);
          auto *bars = vtkPlotBar::SafeDownCast(chart->AddPlot(vtkChart::BAR));
          bars->SetOrientation(vtkPlotBar::HORIZONTAL);
          bars->SetInputData(table, 0, 1);
          const auto c = series_colour(0);
          bars->SetColor(c.GetRed(), c.GetGreen(), c.GetBlue(), 255);
          // The 95 % bootstrap interval of each rho as a black bar across.
          for (std::size_t i = 0; i < entries.size(); ++i)
            add_line(chart,
                     {entries[i]["lower_95"].get<double>(),
                      entries[i]["upper_95"].get<double>()},
                     {i + 1.0, i + 1.0},
                     "95 % interval",
                     vtkColor3ub(0, 0, 0));
          vtkAxis *left = chart->GetAxis(vtkAxis::LEFT);
          left->SetCustomTickPositions(ticks, names);
          left->SetRange(0.4, entries.size() + 0.6);
          left->SetBehavior(vtkAxis::FIXED);
          left->SetTitle("");
          vtkAxis *bottom = chart->GetAxis(vtkAxis::BOTTOM);
          bottom->SetRange(-1, 1);
          bottom->SetBehavior(vtkAxis::FIXED);
          bottom->SetTitle("Spearman rho with " + order[k] +
                           " (bars: 95 % interval)");
          chart->SetTitle("sensitivity of " + order[k]);
        },
        width,
        height,
        file);
    }

    /** The outcome and value of the first target; none: the first
     * outcome and NaN. */
    std::pair<std::string, double>
    first_target(const json &study)
    {
      if (!study.contains("target_definitions") ||
          study["target_definitions"].empty())
        return {study["outcomes"].begin().key(), std::nan("")};
      const json &t = study["target_definitions"].begin().value();
      return {t["outcome"], t["value"]};
    }

    /** scatter.png: @p outcome against each uncertain parameter. */
    void
    plot_scatter(const json        &study,
                 const Samples     &samples,
                 const std::string &outcome,
                 const double       target,
                 unsigned int       width,
                 unsigned int       height,
                 const std::string &file)
    {
      std::vector<json> parameters;
      for (const auto &p : study["parameters"])
        if (p["role"] == "uncertain")
          parameters.push_back(p);
      const auto y      = samples.numbers(outcome);
      const auto status = samples.columns.at("status");
      save_chart_grid(
        parameters.size(),
        [&](const unsigned int k, vtkChartXY *chart) {
          const std::string   name = parameters[k]["name"];
          const auto          x    = samples.numbers(name);
          std::vector<double> xs, ys;
          for (std::size_t i = 0; i < x.size(); ++i)
            if (status[i] == "ok" && std::isfinite(y[i]))
              {
                xs.push_back(x[i]);
                ys.push_back(y[i]);
              }
          vtkPlot *points = add_line(
            chart, xs, ys, outcome, series_colour(0), vtkChart::POINTS);
          points->SetWidth(1);
          if (std::isfinite(target) && !xs.empty())
            add_line(chart,
                     {*std::min_element(xs.begin(), xs.end()),
                      *std::max_element(xs.begin(), xs.end())},
                     {target, target},
                     "target",
                     series_colour(1))
              ->GetPen()
              ->SetLineType(vtkPen::DASH_LINE);
          vtkAxis *bottom = chart->GetAxis(vtkAxis::BOTTOM);
          bottom->SetTitle(name + " (" +
                           parameters[k]["key"].get<std::string>() + ")");
          bottom->SetLogScale(log_distribution(parameters[k]));
          chart->GetAxis(vtkAxis::LEFT)
            ->SetTitle(outcome_title(study, outcome));
          chart->SetTitle(outcome + " against " + name);
        },
        width,
        height,
        file);
    }

    /** design_curve.png: P(target) and the target's outcome per design. */
    void
    plot_design_curve(const json        &study,
                      unsigned int       width,
                      unsigned int       height,
                      const std::string &file)
    {
      std::vector<json> design;
      for (const auto &p : study["parameters"])
        if (p["role"] == "design")
          design.push_back(p);
      const std::string target = study["design_rule"][0]["target"];
      const std::string outcome =
        study["target_definitions"][target]["outcome"];
      const std::string                   first = design[0]["name"];
      std::map<double, std::vector<json>> groups;
      for (const auto &p : study["design_points"])
        groups[design.size() > 1 ?
                 p["design"][design[1]["name"].get<std::string>()]
                   .get<double>() :
                 0.0]
          .push_back(p);
      save_chart_grid(
        2,
        [&](const unsigned int k, vtkChartXY *chart) {
          unsigned int        g = 0;
          std::vector<double> plotted;
          for (auto &[second, points] : groups)
            {
              std::sort(points.begin(),
                        points.end(),
                        [&](const json &a, const json &b) {
                          return a["design"][first].get<double>() <
                                 b["design"][first].get<double>();
                        });
              std::vector<double> x, mid, low, high;
              for (const auto &p : points)
                {
                  x.push_back(p["design"][first].get<double>());
                  const json &v =
                    k == 0 ? p["targets"][target] : p["outcomes"][outcome];
                  mid.push_back(v[k == 0 ? "value" : "median"].get<double>());
                  low.push_back(v[k == 0 ? "lower_95" : "q05"].get<double>());
                  high.push_back(v[k == 0 ? "upper_95" : "q95"].get<double>());
                }
              const std::string label =
                design.size() > 1 ?
                  design[1]["name"].get<std::string>() + " = " +
                    [&] {
                      std::ostringstream s;
                      s << second;
                      return s.str();
                    }() :
                  std::string(k == 0 ? "P(" + target + ")" : "median");
              add_line(chart, x, mid, label, series_colour(g));
              for (const auto *values : {&mid, &low, &high})
                plotted.insert(plotted.end(), values->begin(), values->end());
              for (const auto *band : {&low, &high})
                add_line(chart,
                         x,
                         *band,
                         k == 0 ? "95 % interval" : "5 % / 95 %",
                         series_colour(g))
                  ->GetPen()
                  ->SetLineType(vtkPen::DASH_LINE);
              ++g;
            }
          if (k == 0)
            {
              const double level = study["design_rule"][0]["probability"];
              std::vector<double> all_x;
              for (const auto &p : study["design_points"])
                all_x.push_back(p["design"][first].get<double>());
              add_line(chart,
                       {*std::min_element(all_x.begin(), all_x.end()),
                        *std::max_element(all_x.begin(), all_x.end())},
                       {level, level},
                       "required",
                       vtkColor3ub(0, 0, 0))
                ->GetPen()
                ->SetLineType(vtkPen::DOT_LINE);
              chart->GetAxis(vtkAxis::LEFT)->SetRange(0, 1);
              chart->GetAxis(vtkAxis::LEFT)->SetBehavior(vtkAxis::FIXED);
            }
          else if (!plotted.empty() &&
                   *std::min_element(plotted.begin(), plotted.end()) ==
                     *std::max_element(plotted.begin(), plotted.end()))
            {
              // The same value everywhere (a fraction never reached, say):
              // an axis around it instead of VTK's +-1e-7.
              const double v = plotted.front();
              chart->GetAxis(vtkAxis::LEFT)
                ->SetRange(v == 0 ? 0 : std::min(0.5 * v, 1.5 * v),
                           v == 0 ? 1 : std::max(0.5 * v, 1.5 * v));
              chart->GetAxis(vtkAxis::LEFT)->SetBehavior(vtkAxis::FIXED);
            }
          chart->GetAxis(vtkAxis::BOTTOM)->SetTitle(first);
          chart->GetAxis(vtkAxis::BOTTOM)
            ->SetLogScale(log_distribution(design[0]));
          chart->GetAxis(vtkAxis::LEFT)
            ->SetTitle(k == 0 ? "P(" + target + ") (dashed: 95 % interval)" :
                                outcome_title(study, outcome) +
                                  ", dashed: 5 % and 95 %");
          chart->SetShowLegend(groups.size() > 1);
          chart->SetTitle(k == 0 ? "probability of " + target :
                                   outcome + " over the samples");
        },
        width,
        height,
        file);
    }

    /**
     * The maps from the last output of every run, if all runs wrote one on
     * the same mesh, written to probability_maps.vtu; nullptr if not
     * possible, and why in @p why. @p end_h: the time of those outputs.
     */
    vtkSmartPointer<vtkUnstructuredGrid>
    probability_maps(const std::string &directory,
                     const Samples     &samples,
                     const std::string &out,
                     std::string       &why,
                     double            &end_h)
    {
      std::vector<vtkSmartPointer<vtkUnstructuredGrid>> grids;
      for (std::size_t i = 0; i < samples.rows; ++i)
        {
          if (samples.columns.at("status")[i] != "ok")
            continue;
          std::ostringstream run;
          run << directory << "/runs/" << std::setw(4) << std::setfill('0')
              << samples.columns.at("run")[i];
          if (!fs::exists(run.str() + "/solution.pvd"))
            {
              why = run.str() + " wrote no .vtu output ([output] vtu = false)";
              return nullptr;
            }
          const Snapshot last = read_collection(run.str()).back();
          end_h               = last.time_h;
          grids.push_back(read_snapshot(last));
          vtkPoints *a = grids.front()->GetPoints();
          vtkPoints *b = grids.back()->GetPoints();
          if (a->GetNumberOfPoints() != b->GetNumberOfPoints())
            {
              why =
                "the runs' meshes differ (geometry parameters, adaptivity or ranks)";
              return nullptr;
            }
          for (const vtkIdType p : {vtkIdType(0),
                                    a->GetNumberOfPoints() / 2,
                                    a->GetNumberOfPoints() - 1})
            for (int d = 0; d < 3; ++d)
              if (a->GetPoint(p)[d] != b->GetPoint(p)[d])
                {
                  why =
                    "the runs' meshes differ (geometry parameters, adaptivity or ranks)";
                  return nullptr;
                }
        }
      if (grids.empty())
        {
          why = "no run finished";
          return nullptr;
        }
      std::ifstream summary(directory + "/runs/" + [&] {
        std::ostringstream s;
        s << std::setw(4) << std::setfill('0') << samples.columns.at("run")[0];
        return s.str();
      }() + "/summary.json");
      const double  min_hours =
        json::parse(summary)["thresholds"]["tumour_min_hours"];

      auto maps = vtkSmartPointer<vtkUnstructuredGrid>::New();
      maps->CopyStructure(grids.front());
      // The metal and regions of the first run's end, for the slice (mgsim
      // writes them as point fields of its discontinuous output).
      for (const char *name : {metal_field(), "region id"})
        if (auto *array = grids.front()->GetPointData()->GetArray(name))
          maps->GetPointData()->AddArray(array);
      const vtkIdType n          = maps->GetNumberOfPoints();
      const double    runs       = grids.size();
      auto           *first_data = grids.front()->GetPointData();
      for (int a = 0; a < first_data->GetNumberOfArrays(); ++a)
        {
          const std::string name = first_data->GetArrayName(a);
          const std::string head = "time at or above ", tail = " mM [h]";
          if (name.rfind(head, 0) != 0 ||
              name.size() <= head.size() + tail.size() ||
              name.compare(name.size() - tail.size(), tail.size(), tail) != 0)
            continue;
          const std::string threshold =
            name.substr(head.size(), name.size() - head.size() - tail.size());
          std::ostringstream label;
          label << "P(>= " << threshold << " mM for " << min_hours << " h)";
          auto p = vtkSmartPointer<vtkDoubleArray>::New();
          p->SetName(label.str().c_str());
          p->SetNumberOfValues(n);
          for (vtkIdType i = 0; i < n; ++i)
            {
              unsigned int held = 0;
              for (const auto &g : grids)
                held +=
                  g->GetPointData()->GetArray(name.c_str())->GetTuple1(i) >=
                  min_hours * (1 - 1e-9);
              p->SetValue(i, held / runs);
            }
          maps->GetPointData()->AddArray(p);
        }
      auto median = vtkSmartPointer<vtkDoubleArray>::New(),
           q90    = vtkSmartPointer<vtkDoubleArray>::New();
      median->SetName("Mg2+ peak median [mM]");
      q90->SetName("Mg2+ peak 90 % quantile [mM]");
      median->SetNumberOfValues(n);
      q90->SetNumberOfValues(n);
      std::vector<double> peaks(grids.size());
      for (vtkIdType i = 0; i < n; ++i)
        {
          for (std::size_t r = 0; r < grids.size(); ++r)
            peaks[r] = grids[r]
                         ->GetPointData()
                         ->GetArray("Mg2+ peak [mM]")
                         ->GetTuple1(i);
          std::sort(peaks.begin(), peaks.end());
          const auto at = [&](const double q) {
            const double      x = q * (peaks.size() - 1);
            const std::size_t k = std::min<std::size_t>(x, peaks.size() - 1);
            return k + 1 < peaks.size() ?
                     peaks[k] + (x - k) * (peaks[k + 1] - peaks[k]) :
                     peaks[k];
          };
          median->SetValue(i, at(0.5));
          q90->SetValue(i, at(0.9));
        }
      maps->GetPointData()->AddArray(median);
      maps->GetPointData()->AddArray(q90);
      const std::string file = out + "/probability_maps.vtu";
      auto writer = vtkSmartPointer<vtkXMLUnstructuredGridWriter>::New();
      writer->SetFileName(file.c_str());
      writer->SetInputData(maps);
      writer->Write();
      return maps;
    }
  } // namespace

  bool
  is_study_directory(const std::string &directory)
  {
    return fs::exists(directory + "/study.json") &&
           fs::exists(directory + "/samples.csv");
  }

  void
  post_study(const std::string &directory,
             const std::string &out,
             const unsigned int width,
             const unsigned int height,
             std::ostream      &log)
  {
    const json    study   = read_json(directory + "/study.json");
    const Samples samples = read_samples(directory + "/samples.csv");
    fs::create_directories(out);
    std::vector<std::string> written;
    if (study.contains("spearman"))
      {
        plot_sensitivity(study, width, height, out + "/sensitivity.png");
        written.push_back("sensitivity.png");
      }
    if (!study.contains("design_points"))
      {
        const auto [outcome, value] = first_target(study);
        plot_scatter(
          study, samples, outcome, value, width, height, out + "/scatter.png");
        written.push_back("scatter.png");
      }
    else
      {
        plot_design_curve(study, width, height, out + "/design_curve.png");
        written.push_back("design_curve.png");
      }
    std::string why;
    double      end_h = 0;
    const auto  grid  = probability_maps(directory, samples, out, why, end_h);
    if (grid)
      {
        written.push_back("probability_maps.vtu");
        // P(>= 20 mM) as probability_slice.png (else the first threshold's);
        // every other threshold reached somewhere as
        // probability_slice_XmM.png (the osteogenic 5 mM, say, where 20 mM
        // is reached nowhere).
        std::string first;
        for (int a = 0; a < grid->GetPointData()->GetNumberOfArrays(); ++a)
          {
            const std::string name = grid->GetPointData()->GetArrayName(a);
            if (name.rfind("P(>= ", 0) == 0 &&
                (first.empty() || name.rfind("P(>= 20 ", 0) == 0))
              first = name;
          }
        for (int a = 0; a < grid->GetPointData()->GetNumberOfArrays(); ++a)
          {
            const std::string field = grid->GetPointData()->GetArrayName(a);
            if (field.rfind("P(>= ", 0) != 0)
              continue;
            double range[2];
            grid->GetPointData()->GetArray(a)->GetRange(range);
            if (field != first && !(range[1] > 0))
              continue;
            const std::string threshold =
              field.substr(5, field.find(" mM") - 5);
            const std::string file =
              field == first ? "probability_slice.png" :
                               "probability_slice_" + threshold + "mM.png";
            SliceOptions slice;
            slice.width     = width;
            slice.height    = height;
            slice.field     = field;
            slice.quantity  = field;
            slice.unit      = "";
            slice.log_scale = false;
            slice.contours  = {0.5, 0.9};
            slice.time_h    = end_h;
            render_slice(grid,
                         implant_views(grid, grid, -1).front().plane,
                         slice,
                         out + "/" + file);
            written.push_back(file);
          }
      }
    log << "wrote into " << out << ":";
    for (const auto &w : written)
      log << " " << w;
    log << "\n";
    if (!grid)
      log << "no probability maps: " << why << "\n";
  }
} // namespace mgsim_post
