#include "study/study_report.h"

#include "input/section_reader.h"
#include "study/statistics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>

namespace mgsim
{
  namespace fs = std::filesystem;
  using nlohmann::json;

  namespace
  {
    json
    estimate_json(const Estimate &e)
    {
      return {{"value", e.value}, {"lower_95", e.lower}, {"upper_95", e.upper}};
    }

    json
    quantiles_json(const std::vector<double> &x)
    {
      return {{"n", x.size()},
              {"q05", quantile(x, 0.05)},
              {"q25", quantile(x, 0.25)},
              {"median", quantile(x, 0.5)},
              {"q75", quantile(x, 0.75)},
              {"q95", quantile(x, 0.95)}};
    }

    std::string
    number_text(const double x, const int digits = 4)
    {
      std::ostringstream s;
      s << std::setprecision(digits) << x;
      return s.str();
    }
  } // namespace

  void
  write_study_report(const StudyParameters       &study,
                     const std::vector<StudyRun> &runs,
                     const StudyResults          &results,
                     const fs::path              &root)
  {
    const auto ok = [&](const std::size_t i) {
      return results.status[i] == "ok";
    };
    const unsigned int failed =
      std::count_if(results.status.begin(), results.status.end(), [](auto &x) {
        return x != "ok";
      });
    std::vector<const StudyParameter *> all;
    for (const auto &p : study.parameters)
      all.push_back(&p);
    for (const auto &p : study.design)
      all.push_back(&p);

    // samples.csv
    {
      std::ofstream csv(root / "samples.csv");
      csv << std::setprecision(17) << "run,design_point";
      if (study.sampler == "sobol")
        csv << ",role";
      for (const auto *p : all)
        csv << "," << p->name;
      for (const auto &o : study.outcomes)
        csv << "," << o.name;
      csv << ",status\n";
      for (std::size_t i = 0; i < runs.size(); ++i)
        {
          csv << i << "," << runs[i].design_point;
          if (study.sampler == "sobol")
            csv << "," << runs[i].role;
          for (const double v : runs[i].values)
            csv << "," << v;
          csv << std::setprecision(outcome_digits);
          for (const double v : results.values[i])
            csv << "," << v;
          csv << std::setprecision(17);
          csv << "," << (results.status[i]) << "\n";
        }
    }

    // Per design point (one point without a design): quantiles, targets.
    const unsigned int n_points =
      runs.empty() ? 0 : runs.back().design_point + 1;
    json result;
    result["study"]   = study.study_file;
    result["case"]    = study.case_file;
    result["sampler"] = study.sampler;
    result["seed"]    = study.seed;
    result["runs"]    = runs.size();
    result["failed"]  = failed;
    if (results.ran > 0)
      result["runs_per_hour"] = results.ran_ok / std::max(results.hours, 1e-9);
    for (std::size_t k = 0; k < all.size(); ++k)
      {
        const StudyParameter *p = all[k];
        json                  j = {{"name", p->name},
                                   {"key", p->key},
                                   {"distribution", p->distribution},
                                   {"source", p->source}};
        if (p->distribution == "discrete")
          j["values"] = p->values;
        else
          {
            j["lower"] = p->lower;
            j["upper"] = p->upper;
          }
        if (p->distribution == "normal" || p->distribution == "log_normal")
          {
            j[p->distribution == "normal" ? "mean" : "median"] = p->mean;
            j[p->distribution == "normal" ? "sd" : "sd_ln"]    = p->sd;
          }
        j["role"] = k < study.parameters.size() ? "uncertain" : "design";
        result["parameters"].push_back(j);
      }

    const auto column = [&](const unsigned int point, const std::size_t o) {
      std::vector<double> x;
      for (std::size_t i = 0; i < runs.size(); ++i)
        if (ok(i) && runs[i].design_point == point &&
            std::isfinite(results.values[i][o]))
          x.push_back(results.values[i][o]);
      return x;
    };
    std::vector<json> points(n_points);
    for (unsigned int point = 0; point < n_points; ++point)
      {
        for (std::size_t o = 0; o < study.outcomes.size(); ++o)
          points[point]["outcomes"][study.outcomes[o].name] =
            quantiles_json(column(point, o));
        for (const auto &t : study.targets)
          {
            const std::size_t o =
              std::find_if(study.outcomes.begin(),
                           study.outcomes.end(),
                           [&](auto &x) { return x.name == t.outcome; }) -
              study.outcomes.begin();
            const auto x    = column(point, o);
            const auto hits = std::count_if(x.begin(), x.end(), [&](double v) {
              return t.met_by(v);
            });
            points[point]["targets"][t.name] =
              estimate_json(probability(hits, x.size()));
          }
        for (std::size_t j = 0; j < study.design.size(); ++j)
          for (std::size_t i = 0; i < runs.size(); ++i)
            if (runs[i].design_point == point)
              {
                points[point]["design"][study.design[j].name] =
                  runs[i].values[study.parameters.size() + j];
                break;
              }
      }
    // Where each outcome comes from (its unit is in the path's last name).
    for (const auto &o : study.outcomes)
      result["outcome_paths"][o.name] = o.path;
    for (const auto &t : study.targets)
      result["target_definitions"][t.name] = {{"outcome", t.outcome},
                                              {"comparison", t.comparison},
                                              {"value", t.value}};
    if (study.design.empty())
      {
        result["outcomes"] = points[0]["outcomes"];
        if (!study.targets.empty())
          for (const auto &t : study.targets)
            {
              json j                    = points[0]["targets"][t.name];
              j["target"]               = t.text();
              result["targets"][t.name] = j;
            }
      }
    else
      result["design_points"] = points;

    // Sensitivities of every outcome to every uncertain parameter: rank
    // correlation over all runs (within the design points they are pooled
    // as the same uncertain sample repeated; reported without a design).
    if (study.design.empty())
      for (std::size_t j = 0; j < study.parameters.size(); ++j)
        for (std::size_t o = 0; o < study.outcomes.size(); ++o)
          {
            std::vector<double> x, y;
            for (std::size_t i = 0; i < runs.size(); ++i)
              if (ok(i) && std::isfinite(results.values[i][o]) &&
                  (runs[i].role.empty() || runs[i].role == "A" ||
                   runs[i].role == "B"))
                {
                  x.push_back(runs[i].values[j]);
                  y.push_back(results.values[i][o]);
                }
            if (x.size() < 3)
              continue;
            const Estimate r = spearman_bootstrap(
              x, y, study.bootstrap, study.seed + 7919 * (j + 1) + o);
            json e         = estimate_json(r);
            e["parameter"] = study.parameters[j].name;
            e["outcome"]   = study.outcomes[o].name;
            result["spearman"].push_back(e);
          }

    if (study.sampler == "sobol" && failed == 0)
      {
        const std::size_t n = study.samples;
        for (std::size_t o = 0; o < study.outcomes.size(); ++o)
          {
            std::vector<double>              f_a, f_b;
            std::vector<std::vector<double>> f_ab(study.parameters.size());
            for (std::size_t r = 0; r < n; ++r)
              {
                f_a.push_back(results.values[r][o]);
                f_b.push_back(results.values[n + r][o]);
                for (std::size_t j = 0; j < study.parameters.size(); ++j)
                  f_ab[j].push_back(results.values[(2 + j) * n + r][o]);
              }
            const auto s = sobol_indices(
              f_a, f_b, f_ab, study.bootstrap, study.seed + 104729 * (o + 1));
            for (std::size_t j = 0; j < s.size(); ++j)
              result["sobol"].push_back(
                {{"parameter", study.parameters[j].name},
                 {"outcome", study.outcomes[o].name},
                 {"first_order", estimate_json(s[j].first)},
                 {"total", estimate_json(s[j].total)}});
          }
      }

    // The design rule: the smallest value of the (first) design parameter
    // whose P(target) reaches the requested probability, for each value of
    // the second (if any).
    if (!study.design.empty())
      {
        const StudyParameter                       &first = study.design[0];
        std::map<double, std::vector<unsigned int>> by_second;
        for (unsigned int point = 0; point < n_points; ++point)
          by_second[study.design.size() > 1 ?
                      points[point]["design"][study.design[1].name]
                        .get<double>() :
                      0.0]
            .push_back(point);
        for (const auto &[second, list] : by_second)
          {
            json rule;
            if (study.design.size() > 1)
              rule[study.design[1].name] = second;
            rule["target"]      = study.design_target;
            rule["probability"] = study.design_probability;
            std::vector<std::pair<double, unsigned int>> sorted;
            for (const auto point : list)
              sorted.emplace_back(
                points[point]["design"][first.name].get<double>(), point);
            std::sort(sorted.begin(), sorted.end());
            rule["smallest_" + first.name] = nullptr;
            for (const auto &[value, point] : sorted)
              if (points[point]["targets"][study.design_target]["value"]
                    .get<double>() >= study.design_probability)
                {
                  rule["smallest_" + first.name] = value;
                  break;
                }
            result["design_rule"].push_back(rule);
          }
      }
    std::ofstream(root / "study.json") << std::setw(1) << result << "\n";

    // study.md
    std::ofstream md(root / "study.md");
    md
      << "# Study " << fs::path(study.study_file).filename().string() << "\n\n"
      << "Case `" << study.case_file << "`, sampler " << study.sampler
      << " (seed " << study.seed << "), " << runs.size() << " runs, " << failed
      << " failed.\n\n"
      << "| parameter | key | distribution | range | source |\n|---|---|---|---|---|\n";
    for (const auto *p : all)
      {
        std::string range =
          p->distribution == "discrete" ?
            "" :
            number_text(p->lower) + " to " + number_text(p->upper);
        if (p->distribution == "discrete")
          for (const double v : p->values)
            range += (range.empty() ? "" : ", ") + number_text(v);
        if (p->distribution == "normal" || p->distribution == "log_normal")
          range +=
            std::string(p->distribution == "normal" ? ", mean " : ", median ") +
            number_text(p->mean) + ", sd " + number_text(p->sd);
        md << "| " << p->name << " | `" << p->key << "` | " << p->distribution
           << " | " << range << " | " << p->source << " |\n";
      }
    const auto quantile_row = [&](const json &q) {
      return number_text(q["q05"].get<double>()) + " | " +
             number_text(q["median"].get<double>()) + " | " +
             number_text(q["q95"].get<double>());
    };
    if (study.design.empty())
      {
        md
          << "\n## Outcomes\n\n| outcome | summary.json | 5 % | median | 95 % |\n|---|---|---|---|---|\n";
        for (const auto &o : study.outcomes)
          md << "| " << o.name << " | `" << o.path << "` | "
             << quantile_row(result["outcomes"][o.name]) << " |\n";
        if (!study.targets.empty())
          {
            md
              << "\n## Targets\n\n| target | probability | 95 % interval |\n|---|---|---|\n";
            for (const auto &t : study.targets)
              {
                const json &e = result["targets"][t.name];
                md << "| " << t.name << ": " << t.text() << " | "
                   << number_text(e["value"].get<double>(), 3) << " | "
                   << number_text(e["lower_95"].get<double>(), 3) << " to "
                   << number_text(e["upper_95"].get<double>(), 3) << " |\n";
              }
          }
        if (result.contains("spearman"))
          {
            md
              << "\n## Sensitivity (Spearman rank correlation, 95 % bootstrap interval)\n\n"
              << "| parameter | outcome | rho | interval |\n|---|---|---|---|\n";
            for (const auto &e : result["spearman"])
              md << "| " << e["parameter"].get<std::string>() << " | "
                 << e["outcome"].get<std::string>() << " | "
                 << number_text(e["value"].get<double>(), 3) << " | "
                 << number_text(e["lower_95"].get<double>(), 3) << " to "
                 << number_text(e["upper_95"].get<double>(), 3) << " |\n";
          }
        if (result.contains("sobol"))
          {
            md
              << "\n## Sobol indices (95 % bootstrap interval)\n\n"
              << "| parameter | outcome | first order | total |\n|---|---|---|---|\n";
            for (const auto &e : result["sobol"])
              {
                const auto text = [&](const json &x) {
                  return number_text(x["value"].get<double>(), 3) + " (" +
                         number_text(x["lower_95"].get<double>(), 3) + " to " +
                         number_text(x["upper_95"].get<double>(), 3) + ")";
                };
                md << "| " << e["parameter"].get<std::string>() << " | "
                   << e["outcome"].get<std::string>() << " | "
                   << text(e["first_order"]) << " | " << text(e["total"])
                   << " |\n";
              }
          }
      }
    else
      {
        md << "\n## Design points\n\n|";
        for (const auto &p : study.design)
          md << " " << p.name << " |";
        for (const auto &o : study.outcomes)
          md << " " << o.name << " 5 % / median / 95 % |";
        for (const auto &t : study.targets)
          md << " P(" << t.name << ") |";
        md << "\n|";
        for (std::size_t k = 0;
             k <
             study.design.size() + study.outcomes.size() + study.targets.size();
             ++k)
          md << "---|";
        md << "\n";
        for (const auto &p : points)
          {
            md << "|";
            for (const auto &d : study.design)
              md << " " << number_text(p["design"][d.name].get<double>())
                 << " |";
            for (const auto &o : study.outcomes)
              {
                std::string row = quantile_row(p["outcomes"][o.name]);
                std::replace(row.begin(), row.end(), '|', '/');
                md << " " << row << " |";
              }
            for (const auto &t : study.targets)
              md << " "
                 << number_text(p["targets"][t.name]["value"].get<double>(), 3)
                 << " ("
                 << number_text(p["targets"][t.name]["lower_95"].get<double>(),
                                3)
                 << " to "
                 << number_text(p["targets"][t.name]["upper_95"].get<double>(),
                                3)
                 << ") |";
            md << "\n";
          }
        md << "\n## Design rule\n\n";
        for (const auto &rule : result["design_rule"])
          {
            const json &v = rule["smallest_" + study.design[0].name];
            md << "- ";
            if (study.design.size() > 1)
              md << study.design[1].name << " = "
                 << number_text(rule[study.design[1].name].get<double>())
                 << ": ";
            md << "P(" << study.design_target
               << ") >= " << study.design_probability << " from "
               << study.design[0].name << " = "
               << (v.is_null() ? std::string("none of the grid") :
                                 number_text(v.get<double>()))
               << "\n";
          }
      }
    if (results.ran > 0)
      md << "\n"
         << results.ran_ok << " runs in " << number_text(results.hours * 60, 3)
         << " min: " << number_text(result["runs_per_hour"].get<double>(), 3)
         << " runs/hour.\n";
  }
} // namespace mgsim
