#include "study/study.h"

#include "base/input_error.h"
#include "base/text_file.h"
#include "input/case_parameters.h"
#include "input/ini_file.h"
#include "input/section_reader.h"
#include "study/run_pool.h"
#include "study/samplers.h"
#include "study/statistics.h"
#include "study/study_report.h"

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
        header.push_back(trim(n));
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

    /** @p x to outcome_digits significant digits. */
    double
    significant_digits(const double x)
    {
      std::ostringstream s;
      s << std::setprecision(outcome_digits) << x;
      return std::stod(s.str());
    }

    std::string
    run_name(const std::size_t i)
    {
      std::ostringstream s;
      s << std::setw(4) << std::setfill('0') << i;
      return s.str();
    }

    /**
     * A SLURM job array with one task per run in @p pending: each task runs
     * its case through the cluster template (cases/cluster/mgsim.slurm),
     * which continues it in follow-up jobs until it is complete.
     */
    void
    write_slurm_array(const StudyParameters          &study,
                      const StudyOptions             &options,
                      const std::vector<std::size_t> &pending,
                      const fs::path                 &run_root,
                      std::ostream                   &out)
    {
      const fs::path script = run_root.parent_path() / "study_array.slurm";
      std::ofstream  s(script);
      s << "#!/bin/bash\n"
        << "# The runs of " << study.study_file
        << " not done yet, one array task each,\n"
        << "# written by `mgsim study --slurm`. Each task runs its case through\n"
        << "# " << options.cluster_template << ",\n"
        << "# which resubmits it until it is complete. Submit with\n"
        << "#   sbatch [--time=...] [--array=0-"
        << (pending.empty() ? 0 : pending.size() - 1) << "%LIMIT] "
        << script.string() << "\n"
        << "# and gather the results with\n"
        << "#   mgsim study " << study.study_file << " --collect --output "
        << run_root.parent_path().string() << "\n"
        << "#SBATCH --job-name=mgsim-study\n"
        << "#SBATCH --array=0-" << (pending.empty() ? 0 : pending.size() - 1)
        << "\n"
        << "#SBATCH --ntasks=" << options.ranks_per_run << "\n"
        << "#SBATCH --time=02:00:00\n"
        << "#SBATCH --requeue\n"
        << "#SBATCH --output=" << (run_root / "slurm-%A_%a.out").string()
        << "\n"
        << "set -euo pipefail\n"
        << "runs=(";
      for (const auto i : pending)
        s << " " << run_name(i);
      s << " )\n"
        << "run=${runs[$SLURM_ARRAY_TASK_ID]}\n"
        << "args=()\n"
        << "while IFS= read -r item; do args+=(--set \"$item\"); done < "
        << "\"" << run_root.string() << "/$run.overrides\"\n"
        << "export MGSIM=${MGSIM:-" << this_executable() << "}\n"
        << "exec bash " << options.cluster_template << " " << study.case_file
        << " \"" << run_root.string() << "/$run\" \"${args[@]}\"\n";
      s.close();
      fs::permissions(script, fs::perms::owner_exec, fs::perm_options::add);
      out << ", " << pending.size() << " to run\nwritten: " << script.string()
          << " (a SLURM job array of " << pending.size() << " tasks, "
          << options.ranks_per_run << " rank"
          << (options.ranks_per_run > 1 ? "s" : "")
          << " each)\nsubmit:  sbatch " << script.string()
          << "\nthen:    mgsim study " << study.study_file
          << " --collect --output " << run_root.parent_path().string() << "\n";
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

    if (options.mode == StudyMode::plan)
      {
        out << study.study_file << ": " << runs.size() << " runs of "
            << study.case_file << ", each case checked\n";
        for (std::size_t i = 0; i < runs.size(); ++i)
          out << run_name(i) << "  " << join(runs[i].overrides, " ") << "\n";
        return 0;
      }
    const bool collect = options.mode == StudyMode::collect;
    if (collect && !fs::is_directory(run_root))
      throw InputError("mgsim study --collect: " + root.string() +
                       " holds no runs of a study (see --slurm)");
    // A study refused after its first run leaves no directory it made.
    const bool fresh = !fs::exists(root);
    fs::create_directories(run_root);
    // A run is done if its directory holds a summary.json written for the
    // same overrides (a changed study file plans other runs).
    const auto done = [&](const std::size_t i) {
      const fs::path dir = directory_of(i);
      return read_text_file(dir.string() + ".overrides") ==
               join(runs[i].overrides, "\n") + "\n" &&
             json::accept(read_text_file(dir / "summary.json"));
    };
    std::vector<PoolTask>    tasks;
    std::vector<std::size_t> task_run;
    for (std::size_t i = 0; i < runs.size(); ++i)
      {
        if (done(i))
          continue;
        const fs::path dir = directory_of(i);
        task_run.push_back(i);
        if (collect)
          continue;
        // Left by another plan: start afresh. Same plan: the worker
        // continues from its checkpoint, if any.
        if (read_text_file(dir.string() + ".overrides") !=
            join(runs[i].overrides, "\n") + "\n")
          {
            fs::remove_all(dir);
            fs::remove(dir.string() + ".log");
            std::ofstream(dir.string() + ".overrides")
              << join(runs[i].overrides, "\n") << "\n";
          }
        tasks.push_back({dir.string(), dir.string() + ".log"});
      }
    out << "study: " << runs.size() << " runs of " << study.case_file << ", "
        << runs.size() - task_run.size() << " done";
    if (options.mode == StudyMode::slurm)
      {
        write_slurm_array(study, options, task_run, run_root, out);
        return 0;
      }
    if (collect)
      out << ", " << task_run.size() << " not done\n";
    else
      out << " before, " << tasks.size() << " to run (" << options.jobs
          << " at a time, " << options.ranks_per_run << " rank"
          << (options.ranks_per_run > 1 ? "s" : "") << " each)\n";

    // The outcomes are checked on the first run that finishes: a path that
    // names no number stops the study then, not after hours.
    std::string bad_outcome;
    bool        outcomes_checked = false;
    const auto  check_outcomes   = [&](const std::size_t i) {
      const std::string text = read_text_file(directory_of(i) / "summary.json");
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

    // The pool's workers: each runs its runs one after the other in one
    // process (on its ranks), taking them from the pool as it finishes.
    std::vector<std::string> worker;
    if (options.ranks_per_run > 1)
      {
        worker = {"mpiexec", "-n", std::to_string(options.ranks_per_run)};
        if (geteuid() == 0)
          worker.push_back("--allow-run-as-root");
        worker.push_back("--oversubscribe");
      }
    for (const std::string &a :
         {this_executable(), std::string("study-worker"), study.case_file})
      worker.push_back(a);
    const auto   start  = std::chrono::steady_clock::now();
    unsigned int failed = collect ? 0 :
                                    run_pool(
                                      worker,
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

    // Collect. A finished run's checkpoints are of no further use (a study
    // of many runs would otherwise keep one per run, ~100 MB each for the
    // tumour).
    std::vector<std::vector<double>> outcome(runs.size());
    std::vector<bool>                ok(runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i)
      {
        ok[i] = done(i);
        if (ok[i] && !collect)
          for (const char *name :
               {"checkpoint", "checkpoint.old", "checkpoint.new"})
            fs::remove_all(directory_of(i) / name);
        const std::string text =
          read_text_file(directory_of(i) / "summary.json");
        for (const auto &o : study.outcomes)
          outcome[i].push_back(
            ok[i] ? significant_digits(outcome_value(text, o.path)) :
                    std::nan(""));
      }
    failed = std::count(ok.begin(), ok.end(), false);

    StudyResults results;
    results.values.resize(runs.size());
    results.ran   = tasks.size();
    results.hours = hours;
    for (std::size_t i = 0; i < runs.size(); ++i)
      {
        results.status.push_back(ok[i] ? "ok" : collect ? "missing" : "failed");
        results.values[i] = outcome[i];
      }
    for (const auto i : task_run)
      results.ran_ok += ok[i];
    write_study_report(study, runs, results, root);

    out << "written: " << (root / "samples.csv").string()
        << ", study.json, study.md\n";
    if (failed > 0)
      if (!collect)
        out << failed << " runs failed: see " << run_root.string()
            << "/NNNN.log\n";
    if (collect && failed > 0)
      out << failed << " runs not done yet: their logs are "
          << run_root.string() << "/slurm-*.out\n";
    return failed > 0 ? 1 : 0;
  }
} // namespace mgsim
