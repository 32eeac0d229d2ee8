#include "report/run_report.h"

#include "base/csv_file.h"
#include "base/input_error.h"
#include "base/output_file.h"
#include "base/text_file.h"
#include "report/html_page.h"
#include "report/report_parts.h"
#include "time_series_plot.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>

namespace mgsim_post
{
  using nlohmann::json;
  namespace fs = std::filesystem;

  namespace
  {
    const std::vector<std::string> required_files = {"summary.json",
                                                     "parameters.json",
                                                     "provenance.json",
                                                     "case.resolved.cfg",
                                                     "stats.csv",
                                                     "bands.csv"};

    /** @brief parameters.json: every value with unit and source. */
    class Parameters
    {
    public:
      explicit Parameters(const std::string &path)
      {
        const json all = read_json_object(path);
        for (const auto &p : json_member(all, "parameters", path))
          entries.push_back({p.value("section", ""),
                             p.value("key", ""),
                             p.value("value", ""),
                             p.value("unit", ""),
                             p.value("source", "")});
      }

      struct Entry
      {
        std::string section, key, value, unit, source;
      };

      /** The value of [section] key, "" if not recorded. */
      std::string
      value(const std::string &section, const std::string &key) const
      {
        for (const auto &e : entries)
          if (e.section == section && e.key == key)
            return e.value;
        return "";
      }

      /** Sections whose name starts with @p prefix, in file order. */
      std::vector<std::string>
      sections(const std::string &prefix) const
      {
        std::vector<std::string> names;
        for (const auto &e : entries)
          if (e.section.rfind(prefix, 0) == 0 &&
              (names.empty() || names.back() != e.section))
            names.push_back(e.section);
        return names;
      }

      std::vector<Entry> entries;
    };

    std::string
    unit_text(const std::string &unit)
    {
      return unit == "-" ? "" : unit;
    }

    /** Rows key | value | unit | source for the keys of @p section. */
    std::vector<json>
    parameter_rows(const Parameters               &parameters,
                   const std::string              &section,
                   const std::vector<std::string> &keys  = {},
                   const std::string              &first = "")
    {
      std::vector<json> rows;
      for (const auto &e : parameters.entries)
        if (e.section == section &&
            (keys.empty() ||
             std::find(keys.begin(), keys.end(), e.key) != keys.end()))
          {
            std::vector<json> row;
            if (!first.empty())
              row.push_back(block::cell(first));
            row.push_back(block::cell(e.key));
            row.push_back(block::cell(e.value, "num"));
            row.push_back(block::cell(unit_text(e.unit)));
            row.push_back(block::cell(e.source, "source"));
            rows.push_back(row);
          }
      return rows;
    }

    std::string
    pointer(const unsigned int region, const std::string &key)
    {
      return "/regions/" + std::to_string(region) + "/" + key;
    }

    /** The answer sentence of region @p r of summary.json. */
    json
    region_answer(const json &summary, const unsigned int r)
    {
      const json       &region     = summary["regions"][r];
      const json       &thresholds = summary["thresholds"];
      const std::string name       = region["name"];
      const std::string role       = region["role"];
      const double      peak       = region["peak_mg_mM"];
      const double      anti       = thresholds["anti_tumour_mM"];
      const double      stress     = thresholds["normal_stress_mM"];
      const double      min_hours  = thresholds["tumour_min_hours"];
      std::vector<json> parts;
      const auto        text = [&](const std::string &t) {
        parts.push_back(block::part(t));
      };
      const auto number = [&](const std::string &key, const std::string &unit) {
        parts.push_back(
          block::part(format_number(region[key].get<double>()) + unit,
                      pointer(r, key)));
      };
      const auto peak_clause = [&] {
        text("peak ");
        number("peak_mg_mM", " mM");
        text(" at ");
        number("peak_mg_time_h", " h");
      };
      const std::string tissue = region["tissue"];
      text("The " + name + (tissue == name ? "" : " (" + tissue + ")") + " ");
      const auto stress_clause = [&] {
        if (region["stress_volume_ever_mm3"].get<double>() > 0)
          {
            text("; ");
            number("stress_volume_ever_mm3", " mm³");
            text(" of it reach the normal-cell stress level of " +
                 format_number(stress) + " mM");
          }
        else
          text("; none of it reaches the normal-cell stress level of " +
               format_number(stress) + " mM");
      };
      if (role == "tumour")
        {
          const double covered = region["covered_volume_mm3"];
          if (covered > 0)
            {
              text("is held at ≥ " + format_number(anti) + " mM for ≥ " +
                   format_number(min_hours) + " h in ");
              number("covered_volume_mm3", " mm³");
              text(" (");
              parts.push_back(block::part(
                format_number(100 * region["covered_fraction"].get<double>()) +
                  " %",
                ""));
              text(" of it); ");
              peak_clause();
            }
          else if (peak >= anti)
            {
              text("reaches " + format_number(anti) + " mM (");
              peak_clause();
              text(") but holds it at most ");
              number("longest_at_or_above_anti_tumour_h", " h");
              text(", less than the " + format_number(min_hours) +
                   " h that count: none of it is covered");
            }
          else
            {
              text("never reaches the anti-tumour level of " +
                   format_number(anti) + " mM: ");
              peak_clause();
            }
        }
      else if (role == "bone")
        {
          const auto &window  = thresholds["osteogenic_window_mM"];
          const auto &volumes = region["osteogenic_volume_mm3"];
          text("has ");
          parts.push_back(
            block::part(format_number(volumes.back().get<double>()) + " mm³",
                        pointer(r,
                                "osteogenic_volume_mm3/" +
                                  std::to_string(volumes.size() - 1))));
          text(" in the osteogenic window " +
               format_number(window[0].get<double>()) + "–" +
               format_number(window[1].get<double>()) + " mM at the end; ");
          peak_clause();
          stress_clause();
        }
      else
        {
          text("peaks at ");
          number("peak_mg_mM", " mM");
          text(" (at ");
          number("peak_mg_time_h", " h)");
          stress_clause();
        }
      text(".");
      return {{"region", name}, {"parts", parts}};
    }

    /** A region that is worth a sentence and a table row. */
    bool
    shown(const json &region)
    {
      return region["volume_mm3"].get<double>() > 0;
    }

    json
    what_was_simulated(const json       &summary,
                       const Parameters &parameters,
                       const json       &provenance)
    {
      json       s = report_section("simulated", "What was simulated");
      const auto p = [&](const std::string &sec, const std::string &k) {
        return parameters.value(sec, k);
      };
      const double days = summary["end_time_h"].get<double>() / 24;
      s["paragraphs"]   = json::array(
        {block::paragraph(
           "An implant of " + summary["alloy"].get<std::string>() +
           " (region '" + p("implant", "region") + "', " +
           format_number(summary["implant"]["mass_initial_g"].get<double>() *
                         1e3) +
           " mg of metal) in the mesh " + p("mesh", "file") +
           ", corroding for " + format_number(days) + " days (" +
           std::to_string(summary["steps"].get<int>()) + " time steps), " +
           p("implant", "environment") + ". Case file " +
           summary["case"].get<std::string>() + ", run on " +
           std::to_string(provenance.value("mpi_ranks", 1)) + " MPI rank(s)."),
           block::paragraph(
           "The corrosion rate follows CR(t) = f_env f_medium [CR_ss + (CR_0 − "
             "CR_ss) exp(−t/τ)] with CR_0 = " +
           p("implant", "rate_initial_mm_per_y") +
           " mm/y, CR_ss = " + p("implant", "rate_steady_mm_per_y") +
           " mm/y, τ = " + p("implant", "rate_decay_days") +
           " d and f_env = " + p("implant", "environment_factor") +
           "; the metal recedes cell by cell and releases Mg2+ and H2 "
             "(1 mol each per mol of Mg). Chemistry (pH, buffers, Mg(OH)2): " +
           (p("chemistry", "enabled") == "true" ? "on" : "off") + ".")});
      const std::vector<std::string> header = {"key",
                                               "value",
                                               "unit",
                                               "source"};
      s["tables"] =
        json::array({block::table("Implant, alloy and rate law ([implant])",
                                  header,
                                  parameter_rows(parameters, "implant"))});
      std::vector<json> tissue_rows;
      for (const auto &name : parameters.sections("region."))
        for (auto &row : parameter_rows(parameters,
                                        name,
                                        {"tissue",
                                         "role",
                                         "mg_volume_fraction",
                                         "mg_diffusivity_m2_per_s",
                                         "mg_clearance_per_s",
                                         "mg_background_mM",
                                         "h2_clearance_per_s",
                                         "h2_solubility_mM",
                                         "medium"},
                                        name.substr(7)))
          tissue_rows.push_back(row);
      s["tables"].push_back(block::table(
        "Regions and tissues (Mg2+ transport; every value in Provenance)",
        {"region", "key", "value", "unit", "source"},
        tissue_rows));
      std::vector<json> boundary_rows;
      for (const auto &name : parameters.sections("boundary."))
        for (auto &row : parameter_rows(parameters, name, {}, name.substr(9)))
          boundary_rows.push_back(row);
      if (!boundary_rows.empty())
        s["tables"].push_back(
          block::table("Boundaries",
                       {"boundary", "key", "value", "unit", "source"},
                       boundary_rows));
      s["tables"].push_back(
        block::table("Thresholds ([thresholds])",
                     header,
                     parameter_rows(parameters, "thresholds")));
      return s;
    }

    json
    answers(const json &summary)
    {
      json s       = report_section("answer", "The answer, region by region");
      s["answers"] = json::array();
      for (unsigned int r = 0; r < summary["regions"].size(); ++r)
        if (shown(summary["regions"][r]))
          s["answers"].push_back(region_answer(summary, r));
      return s;
    }

    json
    level_tables(const json &summary)
    {
      json s =
        report_section("levels", "Peaks, dose and time above thresholds");
      const auto       &rs = summary["regions"];
      const auto       &t  = summary["thresholds"];
      std::vector<json> peaks, anti, stress, osteogenic, ph;
      for (unsigned int r = 0; r < rs.size(); ++r)
        {
          const json &g = rs[r];
          if (!shown(g))
            continue;
          const auto n = [&](const std::string &key) {
            return block::number_cell(g[key].get<double>(), pointer(r, key));
          };
          const json name = block::cell(g["name"].get<std::string>());
          peaks.push_back({name,
                           block::cell(g["tissue"].get<std::string>()),
                           n("volume_mm3"),
                           n("peak_mg_mM"),
                           n("peak_mg_time_h"),
                           n("mean_mg_end_mM"),
                           n("peak_h2_mM"),
                           n("max_dose_mM_h")});
          anti.push_back({name,
                          block::cell(g["role"].get<std::string>()),
                          n("longest_at_or_above_anti_tumour_h"),
                          n("covered_volume_mm3"),
                          n("covered_fraction")});
          if (g["role"] == "normal" || g["role"] == "bone")
            stress.push_back({name,
                              n("stress_volume_ever_mm3"),
                              n("stress_volume_max_mm3"),
                              n("stress_volume_max_time_h")});
          if (g["role"] == "bone")
            {
              std::vector<json> row     = {name};
              const auto       &volumes = g["osteogenic_volume_mm3"];
              row.push_back(block::number_cell(
                volumes.back().get<double>(),
                pointer(r,
                        "osteogenic_volume_mm3/" +
                          std::to_string(volumes.size() - 1))));
              double most = 0;
              for (const auto &v : volumes)
                most = std::max(most, v.get<double>());
              row.push_back(block::number_cell(most));
              osteogenic.push_back(row);
            }
          if (g.contains("peak_pH"))
            ph.push_back(
              {name, n("peak_pH"), n("peak_pH_time_h"), n("lowest_pH")});
        }
      const std::string anti_mM = format_number(t["anti_tumour_mM"]);
      s["tables"] =
        json::array({block::table("Peak levels",
                                  {"region",
                                   "tissue",
                                   "volume [mm³]",
                                   "peak Mg2+ [mM]",
                                   "at [h]",
                                   "mean Mg2+ at the end [mM]",
                                   "peak H2 [mM]",
                                   "max dose [mM·h]"},
                                  peaks,
                                  "peaks"),
                     block::table("Anti-tumour level (≥ " + anti_mM +
                                    " mM): covered = held for at least " +
                                    format_number(t["tumour_min_hours"]) + " h",
                                  {"region",
                                   "role",
                                   "longest at ≥ " + anti_mM + " mM [h]",
                                   "covered [mm³]",
                                   "covered fraction"},
                                  anti,
                                  "anti_tumour")});
      if (!stress.empty())
        s["tables"].push_back(
          block::table("Normal-cell stress (≥ " +
                         format_number(t["normal_stress_mM"]) +
                         " mM), normal and bone tissue",
                       {"region",
                        "ever reached [mm³]",
                        "largest at one time [mm³]",
                        "at [h]"},
                       stress,
                       "stress"));
      if (!osteogenic.empty())
        s["tables"].push_back(block::table(
          "Osteogenic window (" + format_number(t["osteogenic_window_mM"][0]) +
            "–" + format_number(t["osteogenic_window_mM"][1]) + " mM), bone",
          {"region", "at the end [mm³]", "largest [mm³]"},
          osteogenic,
          "osteogenic"));
      if (!ph.empty())
        s["tables"].push_back(
          block::table("pH (buffered chemistry)",
                       {"region", "peak pH", "at [h]", "lowest pH"},
                       ph,
                       "ph"));
      return s;
    }

    /** The panels as an SVG in @p directory, embedded as a figure. */
    json
    chart(const std::vector<Panel> &panels,
          const std::string        &directory,
          const std::string        &name,
          const std::string        &caption)
    {
      const unsigned int rows = (panels.size() + 1) / 2;
      const std::string  file = directory + "/" + name + ".svg";
      save_panels(panels, 1200, 60 + 320 * rows, file);
      return block::figure(file, caption, caption);
    }

    json
    provenance_section(const std::string &run_directory,
                       const json        &provenance,
                       const Parameters  &parameters)
    {
      json              s = report_section("provenance", "Provenance");
      std::vector<json> databases;
      for (const auto &e : parameters.entries)
        if (e.source.find("database:") != std::string::npos)
          databases.push_back({block::cell(e.section),
                               block::cell(e.key),
                               block::cell(e.value, "num"),
                               block::cell(unit_text(e.unit)),
                               block::cell(e.source, "source")});
      s["tables"] = json::array(
        {provenance_table(provenance,
                          "How these results were made (provenance.json)"),
         block::table("Database entries used (parameters.json)",
                      {"section", "key", "value", "unit", "source"},
                      databases,
                      "databases")});
      s["texts"] = json::array(
        {{{"caption",
           "The resolved case (case.resolved.cfg): `mgsim run` on it "
           "repeats this run exactly."},
          {"text",
           mgsim::read_text_file(run_directory + "/case.resolved.cfg")}}});
      return s;
    }
  } // namespace

  void
  check_run_report_inputs(const std::string &run_directory)
  {
    if (!fs::is_directory(run_directory))
      throw mgsim::InputError(run_directory + ": not a directory");
    if (!fs::exists(run_directory + "/case.resolved.cfg"))
      throw mgsim::InputError(run_directory +
                              ": not an mgsim run, comparison or study "
                              "(no case.resolved.cfg)");
    for (const auto &name : required_files)
      if (!fs::exists(run_directory + "/" + name))
        throw mgsim::InputError(
          run_directory + "/" + name +
          ": missing (the report needs it; an unfinished run, or one "
          "written before mgsim 0.1 wrote it: run it again)");
    const std::string summary_file = run_directory + "/summary.json";
    const json        summary      = read_json_object(summary_file);
    for (const char *key : {"case",
                            "alloy",
                            "end_time_h",
                            "steps",
                            "thresholds",
                            "implant",
                            "gas",
                            "regions"})
      json_member(summary, key, summary_file);
    read_json_object(run_directory + "/parameters.json");
    read_json_object(run_directory + "/provenance.json");
  }

  void
  write_run_report(
    const std::string                                      &run_directory,
    const std::string                                      &picture_directory,
    const std::vector<std::pair<std::string, std::string>> &field_pictures,
    const std::string                                      &isosurface_table,
    const double                                            slice_time_h,
    const std::string                                      &file)
  {
    // check_run_report_inputs() has checked these files.
    const json summary = read_json_object(run_directory + "/summary.json");
    const Parameters parameters(run_directory + "/parameters.json");
    const json       provenance =
      read_json_object(run_directory + "/provenance.json");
    const auto stats = mgsim::read_csv_table(run_directory + "/stats.csv");
    const std::string bands_file = run_directory + "/bands.csv";
    const auto        bands      = mgsim::read_csv_table(bands_file);

    json sections = json::array();
    sections.push_back(what_was_simulated(summary, parameters, provenance));
    sections.push_back(answers(summary));

    json       band_section = report_section("bands", "Mg2+ bands over time");
    const auto band_charts  = band_panels(bands, bands_file);
    if (band_charts.empty())
      band_section["paragraphs"] = json::array({block::paragraph(
        "No region holds Mg2+ above the normal range at any output time.")});
    else
      band_section["figures"] = json::array(
        {chart(band_charts,
               picture_directory,
               "report_bands",
               "Tissue volume per Mg2+ band above the normal range, per region "
               "(bands.csv)")});
    sections.push_back(band_section);

    json slices = report_section("slices", "Threshold slices and iso-surfaces");
    if (field_pictures.empty())
      slices["paragraphs"] = json::array({block::paragraph(
        "The run wrote no fields ([output] vtu = false): no slices.", true)});
    else
      {
        slices["figures"] = json::array();
        for (const auto &[picture, what] : field_pictures)
          slices["figures"].push_back(
            block::figure(picture,
                          fs::path(picture).stem().string(),
                          what + " (" + fs::path(picture).filename().string() +
                            ")"));
      }
    if (!isosurface_table.empty())
      {
        const auto        iso = mgsim::read_csv_table(isosurface_table);
        std::vector<json> rows;
        const auto       &time = iso.columns.at("time_h");
        for (unsigned int k = 0; k < time.size(); ++k)
          if (std::abs(time[k] - slice_time_h) <=
              1e-9 * std::max(1.0, slice_time_h))
            rows.push_back(
              {block::number_cell(iso.columns.at("threshold_mM")[k]),
               block::number_cell(iso.columns.at("enclosed_volume_mm3")[k]),
               block::number_cell(iso.columns.at("bands_csv_volume_mm3")[k]),
               block::number_cell(iso.columns.at("relative_difference")[k]),
               block::number_cell(iso.columns.at("iso_area_mm2")[k])});
        slices["tables"] = json::array({block::table(
          "Iso-surfaces at t = " + format_number(slice_time_h) +
            " h: tissue volume at or above each threshold from the written "
            "field, against bands.csv (isosurfaces.csv)",
          {"threshold [mM]",
           "enclosed volume [mm³]",
           "bands.csv volume [mm³]",
           "relative difference",
           "iso-surface area [mm²]"},
          rows,
          "isosurfaces")});
      }
    sections.push_back(slices);
    sections.push_back(level_tables(summary));

    json implant = report_section("implant", "Implant and gas");
    implant["figures"] =
      json::array({chart(implant_panels(stats),
                         picture_directory,
                         "report_implant",
                         "Metal left, highest Mg2+ and H2 anywhere, gas "
                         "(stats.csv)")});
    implant["tables"] = json::array({block::table(
      "Implant and gas (summary.json)",
      {"quantity", "value"},
      {{block::cell("metal at the start [g]"),
        block::number_cell(summary["implant"]["mass_initial_g"],
                           "/implant/mass_initial_g")},
       {block::cell("metal left [g]"),
        block::number_cell(summary["implant"]["mass_left_g"],
                           "/implant/mass_left_g")},
       {block::cell("fraction left"),
        block::number_cell(summary["implant"]["mass_left_fraction"],
                           "/implant/mass_left_fraction")},
       {block::cell("cells corroded away"),
        block::number_cell(summary["cells_corroded_away"],
                           "/cells_corroded_away")},
       {block::cell("H2 gas at the end [mm³]"),
        block::number_cell(summary["gas"]["volume_end_mm3"],
                           "/gas/volume_end_mm3")},
       {block::cell("H2 gas at most [mm³]"),
        block::number_cell(summary["gas"]["volume_peak_mm3"],
                           "/gas/volume_peak_mm3")}},
      "implant_table")});
    sections.push_back(implant);

    json balance          = report_section("balance", "Mass balance");
    balance["paragraphs"] = json::array({block::paragraph(
      "Every mole released by the implant is in the tissue, cleared by "
      "perfusion, or gone through the outer boundary; the error is what "
      "the ledger misses, relative to what was released. Largest over the "
      "run: " +
      format_number(provenance.value("max_balance_error", 0.0)) + ".")});
    balance["figures"]    = json::array(
      {chart(balance_panels(stats),
             picture_directory,
             "report_balance",
             "Mg and H2 ledgers [µmol] and the relative balance error "
                "(stats.csv)")});
    sections.push_back(balance);
    sections.push_back(
      provenance_section(run_directory, provenance, parameters));

    const std::string case_name =
      fs::path(summary["case"].get<std::string>()).stem().string();
    write_report_page(file,
                      "mgsim report: " + case_name,
                      summary["alloy"].get<std::string>() + " implant, " +
                        format_number(summary["end_time_h"].get<double>() /
                                      24) +
                        " days; " + run_directory,
                      run_directory,
                      provenance.value("mgsim_version", ""),
                      sections);
  }
} // namespace mgsim_post
