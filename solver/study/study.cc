#include "study/study.h"

#include "base/input_error.h"
#include "input/case_parameters.h"
#include "input/section_reader.h"
#include "study/run_pool.h"
#include "study/samplers.h"
#include "study/statistics.h"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
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
    const std::string geometry_prefix = "mesh.parameters.";

    std::string
    read_text(const fs::path &path)
    {
      std::ifstream     in(path);
      std::stringstream s;
      s << in.rdbuf();
      return s.str();
    }

    /** Rows of values from a CSV file with a column per parameter. */
    std::vector<std::vector<double>>
    read_list(const StudyParameters &study)
    {
      std::ifstream in(study.list_file);
      std::string   line;
      const auto    fail = [&](const std::string &what) {
        throw InputError(study.list_file + ": " + what);
      };
      if (!std::getline(in, line))
        fail("empty: expected a header line naming the parameters");
      std::vector<std::string> header;
      std::stringstream        names(line);
      for (std::string n; std::getline(names, n, ',');)
        header.push_back(
          n.substr(0, n.find_last_not_of(" \r\t") + 1)
            .substr(n.find_first_not_of(" \t") == std::string::npos ?
                      0 :
                      n.find_first_not_of(" \t")));
      std::vector<std::size_t> column;
      for (const auto &p : study.parameters)
        {
          const auto it = std::find(header.begin(), header.end(), p.name);
          if (it == header.end())
            fail("no column '" + p.name + "' (a column per [parameter.NAME])");
          column.push_back(it - header.begin());
        }
      std::vector<std::vector<double>> rows;
      for (unsigned int number = 2; std::getline(in, line); ++number)
        {
          if (line.find_first_not_of(" \r\t") == std::string::npos)
            continue;
          std::vector<double> cells;
          std::stringstream   items(line);
          for (std::string c; std::getline(items, c, ',');)
            {
              std::size_t used = 0;
              double      x    = std::nan("");
              try
                {
                  x = std::stod(c, &used);
                }
              catch (const std::exception &)
                {
                }
              if (!std::isfinite(x))
                fail("line " + std::to_string(number) + ": '" + c +
                     "' is not a finite number");
              cells.push_back(x);
            }
          if (cells.size() != header.size())
            fail("line " + std::to_string(number) + ": expected " +
                 std::to_string(header.size()) + " values");
          std::vector<double> row;
          for (const auto c : column)
            row.push_back(cells[c]);
          rows.push_back(row);
        }
      if (rows.empty())
        fail("no rows of values");
      return rows;
    }

    /** All index combinations of a grid with @p levels points each. */
    std::vector<std::vector<unsigned int>>
    grid_indices(const std::vector<unsigned int> &levels)
    {
      std::vector<std::vector<unsigned int>> rows = {{}};
      for (const unsigned int m : levels)
        {
          std::vector<std::vector<unsigned int>> longer;
          for (const auto &row : rows)
            for (unsigned int k = 0; k < m; ++k)
              {
                longer.push_back(row);
                longer.back().push_back(k);
              }
          rows = std::move(longer);
        }
      return rows;
    }

    /** The case overrides of one run: fixed ones, then each parameter's. */
    std::vector<std::string>
    overrides_of(const StudyParameters               &study,
                 const std::map<std::string, double> &base_geometry,
                 const std::vector<double>           &values)
    {
      std::vector<std::string>      overrides = study.fixed_overrides;
      std::map<std::string, double> geometry  = base_geometry;
      bool                          geometric = false;
      std::size_t                   i         = 0;
      for (const auto *list : {&study.parameters, &study.design})
        for (const auto &p : *list)
          {
            const double v = values[i++];
            if (p.key.rfind(geometry_prefix, 0) == 0)
              {
                geometry[p.key.substr(geometry_prefix.size())] = v;
                geometric                                      = true;
              }
            else
              {
                // Several keys, separated by ',', take the same value.
                std::stringstream keys(p.key);
                for (std::string key; std::getline(keys, key, ',');)
                  overrides.push_back(key.substr(key.find_first_not_of(' ')) +
                                      "=" + format_number(v));
              }
          }
      if (geometric)
        {
          std::string text;
          for (const auto &[name, v] : geometry)
            text += (text.empty() ? "" : ",") + name + "=" + format_number(v);
          overrides.push_back("mesh.parameters=" + text);
        }
      return overrides;
    }

    std::string
    run_name(const std::size_t i)
    {
      std::ostringstream s;
      s << std::setw(4) << std::setfill('0') << i;
      return s.str();
    }

    std::string
    joined(const std::vector<std::string> &items, const std::string &separator)
    {
      std::string text;
      for (const auto &item : items)
        text += (text.empty() ? "" : separator) + item;
      return text;
    }

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

  std::vector<StudyRun>
  plan_study(const StudyParameters &study)
  {
    const unsigned int               d = study.parameters.size();
    std::vector<std::vector<double>> rows;
    std::vector<std::string>         roles;
    const auto                       map_unit = [&](const UnitSamples &u) {
      for (const auto &row : u)
        {
          std::vector<double> values;
          for (unsigned int j = 0; j < d; ++j)
            values.push_back(study.parameters[j].value_at(row[j]));
          rows.push_back(values);
        }
    };
    if (study.sampler == "latin_hypercube")
      map_unit(latin_hypercube(study.samples, d, study.seed));
    else if (study.sampler == "sobol")
      {
        const SaltelliDesign design = saltelli(study.samples, d, study.seed);
        map_unit(design.rows());
        roles.assign(study.samples, "A");
        roles.insert(roles.end(), study.samples, "B");
        for (const auto &p : study.parameters)
          roles.insert(roles.end(), study.samples, "AB:" + p.name);
      }
    else if (study.sampler == "grid")
      {
        std::vector<unsigned int> levels;
        for (const auto &p : study.parameters)
          levels.push_back(p.points);
        for (const auto &k : grid_indices(levels))
          {
            std::vector<double> values;
            for (unsigned int j = 0; j < d; ++j)
              values.push_back(study.parameters[j].grid_value(k[j]));
            rows.push_back(values);
          }
      }
    else
      rows = read_list(study);
    roles.resize(rows.size());

    std::vector<unsigned int> design_levels;
    for (const auto &p : study.design)
      design_levels.push_back(p.points);
    const auto design_points = grid_indices(design_levels);

    // The base case's geometry numbers, which a geometric parameter
    // changes one at a time.
    const std::map<std::string, double> base_geometry =
      read_case(study.case_file, study.fixed_overrides).mesh.parameters;
    std::vector<StudyRun> runs;
    for (unsigned int point = 0; point < design_points.size(); ++point)
      for (std::size_t r = 0; r < rows.size(); ++r)
        {
          StudyRun run;
          run.values = rows[r];
          for (std::size_t j = 0; j < study.design.size(); ++j)
            run.values.push_back(
              study.design[j].grid_value(design_points[point][j]));
          run.design_point = point;
          run.role         = roles[r];
          run.overrides    = overrides_of(study, base_geometry, run.values);
          runs.push_back(run);
        }
    return runs;
  }

  int
  run_study(const StudyParameters &study,
            const StudyOptions    &options,
            std::ostream          &out)
  {
    const std::vector<StudyRun> runs = plan_study(study);
    const fs::path              root(options.output);
    const fs::path              run_root     = root / "runs";
    const auto                  directory_of = [&](const std::size_t i) {
      return run_root / run_name(i);
    };

    // Every run's case is checked before anything runs or is written.
    for (std::size_t i = 0; i < runs.size(); ++i)
      {
        auto overrides = runs[i].overrides;
        overrides.push_back("output.directory=" + directory_of(i).string());
        try
          {
            read_case(study.case_file, overrides);
          }
        catch (const InputError &e)
          {
            std::string values, message = e.what();
            for (std::size_t k = 0; k < runs[i].values.size(); ++k)
              values += (k ? ", " : "") +
                        (k < study.parameters.size() ?
                           study.parameters[k] :
                           study.design[k - study.parameters.size()])
                          .name +
                        " = " + format_number(runs[i].values[k]);
            if (message.rfind("--set: ", 0) == 0)
              message = message.substr(7);
            throw InputError(study.study_file + ": run " + run_name(i) + " (" +
                             values + "): " + message);
          }
      }

    // A study refused after its first run leaves no directory it made.
    const bool fresh = !fs::exists(root);
    fs::create_directories(run_root);
    // A run is done if its directory holds a summary.json written for the
    // same overrides (a changed study file plans other runs).
    const auto done = [&](const std::size_t i) {
      const fs::path dir = directory_of(i);
      return read_text(dir.string() + ".overrides") ==
               joined(runs[i].overrides, "\n") + "\n" &&
             json::accept(read_text(dir / "summary.json"));
    };
    std::vector<PoolTask>    tasks;
    std::vector<std::size_t> task_run;
    for (std::size_t i = 0; i < runs.size(); ++i)
      {
        if (done(i))
          continue;
        const fs::path dir = directory_of(i);
        // Left by another plan: start afresh. Same plan: --resume continues
        // from its checkpoint, if any.
        if (read_text(dir.string() + ".overrides") !=
            joined(runs[i].overrides, "\n") + "\n")
          {
            fs::remove_all(dir);
            fs::remove(dir.string() + ".log");
            std::ofstream(dir.string() + ".overrides")
              << joined(runs[i].overrides, "\n") << "\n";
          }
        PoolTask task;
        if (options.ranks_per_run > 1)
          {
            task.arguments = {"mpiexec",
                              "-n",
                              std::to_string(options.ranks_per_run)};
            if (geteuid() == 0)
              task.arguments.push_back("--allow-run-as-root");
            task.arguments.push_back("--oversubscribe");
          }
        for (const std::string &a :
             {this_executable(), std::string("run"), study.case_file})
          task.arguments.push_back(a);
        for (const auto &o : runs[i].overrides)
          {
            task.arguments.push_back("--set");
            task.arguments.push_back(o);
          }
        for (const std::string &a :
             {std::string("--output"), dir.string(), std::string("--resume")})
          task.arguments.push_back(a);
        task.log_file = dir.string() + ".log";
        tasks.push_back(task);
        task_run.push_back(i);
      }
    out << "study: " << runs.size() << " runs of " << study.case_file << ", "
        << runs.size() - tasks.size() << " done before, " << tasks.size()
        << " to run (" << options.jobs << " at a time, "
        << options.ranks_per_run << " rank"
        << (options.ranks_per_run > 1 ? "s" : "") << " each)\n";

    // The outcomes are checked on the first run that finishes: a path that
    // names no number stops the study then, not after hours.
    std::string bad_outcome;
    bool        outcomes_checked = false;
    const auto  check_outcomes   = [&](const std::size_t i) {
      const std::string text = read_text(directory_of(i) / "summary.json");
      for (const auto &o : study.outcomes)
        if (std::isnan(outcome_value(text, o.path)))
          bad_outcome = o.name + " = " + o.path + " names no number of " +
                        (directory_of(i) / "summary.json").string();
      outcomes_checked = true;
    };
    for (std::size_t i = 0; i < runs.size() && !outcomes_checked; ++i)
      if (done(i))
        check_outcomes(i);
    if (!bad_outcome.empty())
      throw InputError(study.study_file + ": [study] outcomes: " + bad_outcome);

    const auto   start  = std::chrono::steady_clock::now();
    unsigned int failed = run_pool(
      tasks,
      options.jobs,
      [&](const std::size_t t, const int code) {
        if (code == 0 && !outcomes_checked)
          check_outcomes(task_run[t]);
        return bad_outcome.empty();
      },
      out);
    if (!bad_outcome.empty())
      {
        if (fresh)
          fs::remove_all(root);
        throw InputError(study.study_file +
                         ": [study] outcomes: " + bad_outcome);
      }
    const double hours =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
        .count() /
      3600;

    // Collect.
    std::vector<std::vector<double>> outcome(runs.size());
    std::vector<bool>                ok(runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i)
      {
        ok[i]                  = done(i);
        const std::string text = read_text(directory_of(i) / "summary.json");
        for (const auto &o : study.outcomes)
          outcome[i].push_back(ok[i] ? outcome_value(text, o.path) :
                                       std::nan(""));
      }
    failed = std::count(ok.begin(), ok.end(), false);

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
          for (const double v : outcome[i])
            csv << "," << v;
          csv << "," << (ok[i] ? "ok" : "failed") << "\n";
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
    if (!tasks.empty())
      result["runs_per_hour"] = (tasks.size() - failed) / std::max(hours, 1e-9);
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
        if (ok[i] && runs[i].design_point == point &&
            std::isfinite(outcome[i][o]))
          x.push_back(outcome[i][o]);
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
              if (ok[i] && std::isfinite(outcome[i][o]) &&
                  (runs[i].role.empty() || runs[i].role == "A" ||
                   runs[i].role == "B"))
                {
                  x.push_back(runs[i].values[j]);
                  y.push_back(outcome[i][o]);
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
                f_a.push_back(outcome[r][o]);
                f_b.push_back(outcome[n + r][o]);
                for (std::size_t j = 0; j < study.parameters.size(); ++j)
                  f_ab[j].push_back(outcome[(2 + j) * n + r][o]);
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
    if (!tasks.empty())
      md << "\n"
         << tasks.size() - std::min<std::size_t>(failed, tasks.size())
         << " runs in " << number_text(hours * 60, 3)
         << " min: " << number_text(result["runs_per_hour"].get<double>(), 3)
         << " runs/hour.\n";

    out << "written: " << (root / "samples.csv").string()
        << ", study.json, study.md\n";
    if (failed > 0)
      out << failed << " runs failed: see " << run_root.string()
          << "/NNNN.log\n";
    return failed > 0 ? 1 : 0;
  }
} // namespace mgsim
