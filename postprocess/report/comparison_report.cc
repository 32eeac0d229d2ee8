#include "report/comparison_report.h"

#include "base/csv_file.h"
#include "base/input_error.h"
#include "comparison_plot.h"
#include "report/html_page.h"
#include "report/report_parts.h"
#include "time_series_plot.h"

#include <cmath>
#include <filesystem>

namespace mgsim_post
{
  using nlohmann::json;
  namespace fs = std::filesystem;

  namespace
  {
    /** comparison.csv's column @p name for alloy @p a (NaN if empty). */
    double
    value(const mgsim::CsvTable &table, const std::string &name, unsigned a)
    {
      return table.columns.at(name)[a];
    }

    /** "/alloy/column": the JSON pointer of a comparison.csv cell. */
    std::string
    key(const std::string &alloy, const std::string &column)
    {
      return "/" + alloy + "/" + column;
    }

    /** The unit of a comparison.csv column, from its name. */
    std::string
    label(const std::string &column)
    {
      for (const auto &[suffix, unit] :
           std::vector<std::pair<std::string, std::string>>{{"_mol", " [mol]"},
                                                            {"_percent",
                                                             " [%]"},
                                                            {"_d", " [d]"},
                                                            {"_mM", " [mM]"},
                                                            {"_mm3", " [mm³]"},
                                                            {"_h", " [h]"},
                                                            {"_fraction", ""}})
        if (column.size() > suffix.size() &&
            column.compare(column.size() - suffix.size(),
                           suffix.size(),
                           suffix) == 0)
          return column.substr(0, column.size() - suffix.size()) + unit;
      return column;
    }
  } // namespace

  void
  check_comparison_report_inputs(const std::string &directory)
  {
    const auto table =
      mgsim::read_csv_table(directory + "/comparison.csv", true);
    for (const auto &alloy : table.labels)
      for (const char *name : {"summary.json", "stats.csv", "parameters.json"})
        if (!fs::exists(directory + "/" + alloy + "/" + name))
          throw mgsim::InputError(directory + "/" + alloy + "/" + name +
                                  ": missing (the comparison's run of " +
                                  alloy + " is incomplete)");
    for (const char *name : {"peak_mg_mM", "mass_lost_percent"})
      if (!table.columns.count(name))
        throw mgsim::InputError(directory + "/comparison.csv: no column " +
                                name);
  }

  void
  write_comparison_report(const std::string &directory,
                          const std::string &picture_directory,
                          const std::string &file)
  {
    const std::string source = directory + "/comparison.csv";
    const auto        table  = mgsim::read_csv_table(source, true);
    const auto       &alloys = table.labels;
    const json        first =
      read_json_object(directory + "/" + alloys.front() + "/summary.json");
    const std::string case_file = first.value("case", "");
    json              sections  = json::array();

    json what          = report_section("compared", "What was compared");
    what["paragraphs"] = json::array({block::paragraph(
      "The case " + case_file + " run once per alloy (" +
      std::to_string(alloys.size()) +
      " runs, everything else equal), each in its own directory.")});
    std::vector<json> rows;
    for (const auto &alloy : alloys)
      {
        const json parameters =
          read_json_object(directory + "/" + alloy + "/parameters.json");
        for (const auto &p : parameters.value("parameters", json::array()))
          if (p.value("section", "") == "implant" &&
              p.value("source", "").find("database") != std::string::npos)
            rows.push_back(
              {block::cell(alloy),
               block::cell(p.value("key", "")),
               block::cell(p.value("value", ""), "num"),
               block::cell(p.value("unit", "") == "-" ? "" :
                                                        p.value("unit", "")),
               block::cell(p.value("source", ""), "source")});
      }
    what["tables"] =
      json::array({block::table("The alloys' database entries",
                                {"alloy", "key", "value", "unit", "source"},
                                rows)});
    sections.push_back(what);

    json answer       = report_section("answer", "The answer, alloy by alloy");
    answer["answers"] = json::array();
    for (unsigned int a = 0; a < alloys.size(); ++a)
      {
        const auto       &alloy = alloys[a];
        std::vector<json> parts = {
          block::part(alloy + ": Mg2+ peaks at "),
          block::part(format_number(value(table, "peak_mg_mM", a)) + " mM",
                      key(alloy, "peak_mg_mM")),
          block::part("; "),
          block::part(format_number(value(table, "mass_lost_percent", a)) +
                        " %",
                      key(alloy, "mass_lost_percent")),
          block::part(" of the metal is lost")};
        const double half = table.columns.count("time_50_percent_lost_d") ?
                              value(table, "time_50_percent_lost_d", a) :
                              NAN;
        if (std::isfinite(half))
          {
            parts.push_back(block::part(", half of it in "));
            parts.push_back(block::part(format_number(half) + " d",
                                        key(alloy, "time_50_percent_lost_d")));
          }
        parts.push_back(block::part("."));
        answer["answers"].push_back({{"region", alloy}, {"parts", parts}});
      }
    sections.push_back(answer);

    json              side = report_section("side_by_side", "Side by side");
    const std::string bars = picture_directory + "/report_comparison.svg";
    plot_comparison(table, source, 1200, 900, bars);
    // Each run's curves, one curve per alloy.
    std::vector<Panel> panels;
    for (unsigned int a = 0; a < alloys.size(); ++a)
      {
        const auto stats =
          mgsim::read_csv_table(directory + "/" + alloys[a] + "/stats.csv");
        const auto runs = implant_panels(stats);
        if (panels.empty())
          for (const auto &panel : runs)
            panels.push_back({panel.title, panel.y_title, panel.time_d, {}});
        for (unsigned int k = 0; k < panels.size() && k < runs.size(); ++k)
          if (runs[k].title == panels[k].title &&
              runs[k].time_d.size() == panels[k].time_d.size())
            panels[k].curves.push_back({alloys[a], runs[k].curves[0].values});
      }
    const std::string curves = picture_directory + "/report_curves.svg";
    save_panels(panels, 1200, 60 + 320 * ((panels.size() + 1) / 2), curves);
    side["figures"] = json::array(
      {block::figure(bars,
                     "comparison charts",
                     "The alloys side by side (comparison.csv)"),
       block::figure(curves,
                     "curves per alloy",
                     "Each alloy's run over time, one curve per alloy "
                     "(stats.csv of each run; the first curve of each "
                     "panel where a panel has several)")});
    sections.push_back(side);

    json all = report_section("table", "The comparison table");
    std::vector<std::string> header = {"quantity"};
    for (const auto &alloy : alloys)
      header.push_back(alloy);
    std::vector<json> table_rows;
    for (const auto &name : table.names)
      {
        if (!table.columns.count(name))
          continue;
        std::vector<json> row = {block::cell(label(name))};
        for (unsigned int a = 0; a < alloys.size(); ++a)
          {
            const double v = value(table, name, a);
            row.push_back(std::isfinite(v) ?
                            block::number_cell(v, key(alloys[a], name)) :
                            block::cell("–", "num"));
          }
        table_rows.push_back(row);
      }
    all["tables"] =
      json::array({block::table("comparison.csv (– : not reached in the run)",
                                header,
                                table_rows,
                                "comparison")});
    sections.push_back(all);

    json       provenance_section = report_section("provenance", "Provenance");
    const json provenance         = read_provenance(directory);
    provenance_section["tables"]  = json::array({provenance_table(
      provenance,
      "How the comparison was made (provenance.json; each run's own is in "
       "its directory)")});
    sections.push_back(provenance_section);

    std::string names;
    for (const auto &alloy : alloys)
      names += (names.empty() ? "" : ", ") + alloy;
    write_report_page(file,
                      "mgsim comparison: " +
                        fs::path(case_file).stem().string(),
                      names + "; " + directory,
                      directory,
                      provenance.value("mgsim_version", ""),
                      sections);
  }
} // namespace mgsim_post
