#include "report/study_report.h"

#include "base/input_error.h"
#include "base/text_file.h"
#include "report/html_page.h"
#include "report/report_parts.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace mgsim_post
{
  using nlohmann::json;
  namespace fs = std::filesystem;

  namespace
  {
    /** "peak >= 20 mM"-like text of a target definition. */
    std::string
    target_text(const json &definition)
    {
      return definition.value("outcome", "") + " " +
             definition.value("comparison", "") + " " +
             format_number(definition.value("value", 0.0));
    }

    /** A quantile row of @p outcomes[name] with keys under @p pointer. */
    std::vector<json>
    quantile_row(const std::string &first,
                 const json        &quantiles,
                 const std::string &pointer)
    {
      std::vector<json> row = {block::cell(first)};
      for (const char *q : {"q05", "q25", "median", "q75", "q95"})
        row.push_back(
          block::number_cell(quantiles.value(q, 0.0), pointer + "/" + q));
      row.push_back(
        block::number_cell(quantiles.value("n", 0), pointer + "/n"));
      return row;
    }

    /** What each of mgsim-post's study pictures shows. */
    std::string
    picture_caption(const std::string &name)
    {
      if (name == "sensitivity.png")
        return "Spearman's rank correlation of every outcome with every "
               "uncertain parameter, with its 95 % interval";
      if (name == "scatter.png")
        return "The first target's outcome against each parameter, the "
               "target's value drawn across";
      if (name == "design_curve.png")
        return "P(target) with its 95 % interval and the outcome's median "
               "and 5–95 % band per design value";
      if (name == "probability_slice.png")
        return "Per point, the fraction of runs that held it at or above the "
               "anti-tumour level for the case's minimum time";
      return "Per point, the fraction of runs that held it at or above the "
             "threshold in the file name for the case's minimum time (" +
             name + ")";
    }
  } // namespace

  void
  check_study_report_inputs(const std::string &directory)
  {
    const std::string file  = directory + "/study.json";
    const json        study = read_json_object(file);
    for (const char *key : {"case", "study", "parameters", "runs", "failed"})
      json_member(study, key, file);
  }

  void
  write_study_report(const std::string &directory,
                     const std::string &picture_directory,
                     const std::string &file)
  {
    const json study    = read_json_object(directory + "/study.json");
    json       sections = json::array();

    json what          = report_section("studied", "What was studied");
    what["paragraphs"] = json::array({block::paragraph(
      "The case " + study.value("case", "") + " run " +
      std::to_string(study.value("runs", 0)) + " times (" +
      std::to_string(study.value("failed", 0)) +
      " failed), parameters drawn by " + study.value("sampler", "") +
      " (seed " + std::to_string(study.value("seed", 0)) + "); study file " +
      study.value("study", "") + ".")});
    std::vector<json> parameters;
    for (const auto &p : study["parameters"])
      parameters.push_back(
        {block::cell(p.value("name", "")),
         block::cell(p.value("key", "")),
         block::cell(p.value("role", "")),
         block::cell(p.value("distribution", "")),
         block::cell(p.contains("lower") ? format_number(p["lower"]) : "",
                     "num"),
         block::cell(p.contains("upper") ? format_number(p["upper"]) : "",
                     "num"),
         block::cell(p.value("source", ""), "source")});
    std::vector<json> outcomes;
    const json outcome_paths = study.value("outcome_paths", json::object());
    for (const auto &[name, path] : outcome_paths.items())
      outcomes.push_back(
        {block::cell(name), block::cell(path.get<std::string>())});
    what["tables"] = json::array(
      {block::table("Parameters varied",
                    {"name",
                     "case key",
                     "role",
                     "distribution",
                     "lower",
                     "upper",
                     "source"},
                    parameters,
                    "parameters"),
       block::table("Outcomes collected (from each run's summary.json)",
                    {"outcome", "summary.json path"},
                    outcomes)});
    sections.push_back(what);

    json answer = report_section("answer", "The answer, target by target");
    answer["answers"]      = json::array();
    const json definitions = study.value("target_definitions", json::object());
    const json targets     = study.value("targets", json::object());
    for (const auto &[name, target] : targets.items())
      {
        const std::string pointer = "/targets/" + name;
        answer["answers"].push_back(
          {{"region", name},
           {"parts",
            {block::part("P(" + target_text(definitions.value(name, json{})) +
                         ") = "),
             block::part(format_number(target["value"]), pointer + "/value"),
             block::part(", 95 % interval "),
             block::part(format_number(target["lower_95"]),
                         pointer + "/lower_95"),
             block::part("–"),
             block::part(format_number(target["upper_95"]),
                         pointer + "/upper_95"),
             block::part(", over " + std::to_string(study.value("runs", 0)) +
                         " runs.")}}});
      }
    for (const auto &rule : study.value("design_rule", json::array()))
      {
        std::vector<json> parts = {block::part(
          "Design rule for " + rule.value("target", "") + " with P ≥ " +
          format_number(rule.value("probability", 0.0)) + ": ")};
        for (const auto &[key, value] : rule.items())
          if (key != "target" && key != "probability")
            parts.push_back(block::part(key + " " +
                                        (value.is_number() ?
                                           format_number(value.get<double>()) :
                                           value.dump()) +
                                        " "));
        answer["answers"].push_back(
          {{"region", rule.value("target", "")}, {"parts", parts}});
      }
    sections.push_back(answer);

    json distributions =
      report_section("distributions", "Outcome distributions");
    std::vector<json> quantiles;
    const json outcome_quantiles = study.value("outcomes", json::object());
    for (const auto &[name, q] : outcome_quantiles.items())
      quantiles.push_back(quantile_row(name, q, "/outcomes/" + name));
    const json points = study.value("design_points", json::array());
    for (unsigned int i = 0; i < points.size(); ++i)
      for (const auto &[name, q] : points[i]["outcomes"].items())
        {
          std::string design;
          for (const auto &[key, value] : points[i]["design"].items())
            design += (design.empty() ? "" : ", ") + key + " = " +
                      format_number(value.get<double>());
          quantiles.push_back(quantile_row(name + " at " + design,
                                           q,
                                           "/design_points/" +
                                             std::to_string(i) + "/outcomes/" +
                                             name));
        }
    distributions["tables"] = json::array({block::table(
      "Quantiles over the runs",
      {"outcome", "5 %", "25 %", "median", "75 %", "95 %", "runs"},
      quantiles,
      "quantiles")});
    sections.push_back(distributions);

    const auto &rho = study.value("spearman", json::array());
    if (!rho.empty())
      {
        json sensitivity = report_section("sensitivity", "Sensitivities");
        std::vector<json> rows;
        for (unsigned int i = 0; i < rho.size(); ++i)
          {
            const std::string pointer = "/spearman/" + std::to_string(i);
            rows.push_back(
              {block::cell(rho[i].value("parameter", "")),
               block::cell(rho[i].value("outcome", "")),
               block::number_cell(rho[i]["value"], pointer + "/value"),
               block::number_cell(rho[i]["lower_95"], pointer + "/lower_95"),
               block::number_cell(rho[i]["upper_95"], pointer + "/upper_95")});
          }
        sensitivity["tables"] = json::array(
          {block::table("Spearman's rank correlation (1: the outcome rises "
                        "with the parameter)",
                        {"parameter", "outcome", "rho", "95 % from", "to"},
                        rows,
                        "spearman")});
        sections.push_back(sensitivity);
      }

    json pictures       = report_section("pictures", "Pictures");
    pictures["figures"] = json::array();
    std::vector<std::string> names;
    if (fs::is_directory(picture_directory))
      for (const auto &entry : fs::directory_iterator(picture_directory))
        if (entry.path().extension() == ".png" &&
            entry.path().filename() != "report_screenshot.png")
          names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto &name : names)
      pictures["figures"].push_back(block::figure(
        picture_directory + "/" + name, name, picture_caption(name)));
    if (names.empty())
      pictures["paragraphs"] = json::array({block::paragraph(
        "No pictures: the study's runs share no mesh or wrote no fields.",
        true)});
    sections.push_back(pictures);

    json       provenance_section = report_section("provenance", "Provenance");
    const json provenance         = read_provenance(directory);
    provenance_section["tables"]  = json::array(
      {provenance_table(provenance,
                        "How the study was made (provenance.json)")});
    provenance_section["texts"] =
      json::array({{{"caption", "The study's own summary (study.md)"},
                    {"text", mgsim::read_text_file(directory + "/study.md")}}});
    sections.push_back(provenance_section);

    write_report_page(file,
                      "mgsim study: " +
                        fs::path(study.value("study", "")).stem().string(),
                      std::to_string(study.value("runs", 0)) + " runs of " +
                        fs::path(study.value("case", "")).stem().string() +
                        "; " + directory,
                      directory,
                      provenance.value("mgsim_version", ""),
                      sections);
  }
} // namespace mgsim_post
