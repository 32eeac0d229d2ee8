#include "commands/drivers.h"

#include "base/input_error.h"
#include "base/message_line.h"
#include "base/output_file.h"
#include "base/run_failure.h"
#include "base/units.h"
#include "commands/alloy_comparison.h"
#include "commands/command_line.h"
#include "commands/output_directory.h"
#include "commands/provenance.h"
#include "commands/rate_calibration.h"
#include "input/alloy_database.h"
#include "input/case_parameters.h"
#include "input/ini_file.h"
#include "input/medium_database.h"
#include "input/tissue_database.h"
#include "physics/rate_law.h"
#include "simulation/problem.h"

#include <deal.II/base/config.h>
#include <deal.II/base/utilities.h>

#include <boost/program_options.hpp>

#include <petscversion.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>

namespace mgsim
{
  namespace po = boost::program_options;
  using namespace dealii;

  namespace
  {
    /** Command-line options of a subcommand that reads a case. */
    struct CaseArguments
    {
      std::string              case_file;
      std::vector<std::string> overrides;
      std::string              output;
      /** compare: comma-separated alloy names. */
      std::string alloys;
      /** calibrate: the alloy, the measured mean [mM], when [h] (< 0: the
       * case's end) and in which region ("" : the first tissue region). */
      std::string alloy;
      double      measured_mM = -1, at_hours = -1;
      std::string region;
      bool        help = false;
      /** run: continue from the output directory's checkpoint. */
      bool resume = false;
      /** run, compare, calibrate: replace results in the output directory. */
      bool overwrite = false;
      /** run: write a checkpoint and stop after this many minutes. */
      double stop_after_minutes = std::numeric_limits<double>::quiet_NaN();
    };

    CaseArguments
    parse_case_arguments(const std::string              &command,
                         const std::vector<std::string> &args,
                         bool                            with_output)
    {
      CaseArguments           a;
      po::options_description options("Options");
      options.add_options()("help,h",
                            po::bool_switch(&a.help),
                            "show this help")(
        "set",
        po::value<std::vector<std::string>>(&a.overrides)->composing(),
        "override a case value: --set section.key=value (repeatable)");
      if (command == "run")
        options.add_options()(
          "resume",
          po::bool_switch(&a.resume),
          "continue from the checkpoint in the output directory if there is "
          "one ([checkpoint] writes them), else start at t = 0")(
          "stop-after-minutes",
          po::value<double>(&a.stop_after_minutes),
          "after this much wall-clock time, write a checkpoint and stop with "
          "exit code 75 (continue with --resume; for batch time limits)");
      if (command == "compare")
        options.add_options()("alloys",
                              po::value<std::string>(&a.alloys),
                              "alloys to compare, e.g. pure_Mg,AZ91D,NZ30K");
      if (command == "calibrate")
        options.add_options()("alloy",
                              po::value<std::string>(&a.alloy),
                              "alloy whose in-vitro rate is calibrated")(
          "measured-mM",
          po::value<double>(&a.measured_mM),
          "measured mean Mg2+ of the region [mM]")(
          "at-hours",
          po::value<double>(&a.at_hours),
          "time of the measurement [h] (default: the case's end)")(
          "region",
          po::value<std::string>(&a.region),
          "region whose mean is measured (default: the first tissue region)");
      if (with_output)
        options.add_options()(
          "output,o",
          po::value<std::string>(&a.output),
          "output directory (overrides [output] directory)")(
          "overwrite",
          po::bool_switch(&a.overwrite),
          "replace the results already in the output directory (they are "
          "deleted first)");
      // The case file is positional; kept out of the help text.
      po::options_description all;
      all.add(options).add_options()("case",
                                     po::value<std::string>(&a.case_file));
      po::positional_options_description positional;
      positional.add("case", 1);
      const po::variables_map given =
        parse_arguments(command, args, all, positional);
      if (a.help)
        {
          std::cout << "Usage: mgsim " << command << " CASE.cfg [options]\n\n"
                    << options << "\n";
          return a;
        }
      if (a.case_file.empty())
        throw InputError("mgsim " + command +
                         ": missing case file (usage: mgsim " + command +
                         " CASE.cfg)");
      // Numbers and names given must be usable (their defaults mark "not
      // given" and are never checked).
      if (a.resume && a.overwrite)
        throw InputError("mgsim " + command +
                         ": --resume continues the results in the output "
                         "directory, --overwrite deletes them: give one");
      if (given.count("output") && trim(a.output).empty())
        throw InputError("mgsim " + command +
                         ": --output '': expected a directory name");
      const auto positive = [&](const std::string &option,
                                const double       value,
                                const std::string &expected) {
        if (given.count(option) && !(std::isfinite(value) && value > 0))
          throw InputError("mgsim " + command + ": --" + option + " " +
                           format_number(value) + ": expected " + expected);
      };
      positive("stop-after-minutes",
               a.stop_after_minutes,
               "a positive number of minutes");
      positive("at-hours", a.at_hours, "a positive time in hours");
      positive("measured-mM", a.measured_mM, "a positive concentration in mM");
      // compare puts each alloy's run below --output itself.
      if (!a.output.empty() && command == "run")
        a.overrides.push_back("output.directory=" + a.output);
      return a;
    }

    /** What a run does with results already in its directory. */
    ExistingResults
    existing_results(const CaseArguments &a)
    {
      return a.resume    ? ExistingResults::resume :
             a.overwrite ? ExistingResults::overwrite :
                           ExistingResults::refuse;
    }

    void
    print_release_summary(std::ostream         &out,
                          const CaseParameters &prm,
                          double                area)
    {
      const CorrosionRateLaw law(prm.implant);
      out << "release:\n"
          << "  corrosion rate at t=0   " << law.rate_mm_per_year(0)
          << " mm/y (environment factor " << prm.implant.environment_factor
          << ")\n"
          << "  Mg flux at t=0          " << law.mg_flux(0) << " mol/m^2/s\n"
          << "  Mg release at t=0       " << law.mg_flux(0) * area * units::day
          << " mol/day over " << area / (units::millimeter * units::millimeter)
          << " mm^2\n";
    }

    /** Mesh and release summaries (collective; rank 0 prints). */
    void
    print_setup(std::ostream         &out,
                const Problem        &problem,
                const CaseParameters &prm,
                MPI_Comm              comm)
    {
      problem.print_mesh_summary(out);
      if (Utilities::MPI::this_mpi_process(comm) == 0)
        print_release_summary(out, prm, problem.effective_implant_area());
    }

    /**
     * Lists a database; @p check, if given, is called with each entry and
     * the file (to refuse text values the database format cannot check).
     */
    int
    database_command(const std::string               &command,
                     const std::vector<std::string>  &args,
                     MPI_Comm                         comm,
                     const std::string               &default_file,
                     const std::vector<PropertySpec> &specs,
                     const std::vector<std::string>  &text_keys,
                     const std::function<void(const MaterialEntry &,
                                              const std::string &)> &check = {})
    {
      bool                    help = false;
      std::string             file = default_database_path(default_file);
      po::options_description options("Options");
      options.add_options()("help,h", po::bool_switch(&help), "show this help")(
        "database", po::value<std::string>(&file), "database file to list");
      parse_arguments(command, args, options, {});
      if (Utilities::MPI::this_mpi_process(comm) != 0)
        return 0;
      if (help)
        {
          std::cout << "Usage: mgsim " << command << " [--database FILE]\n"
                    << "Lists the " << command
                    << " database with units and sources.\n\n"
                    << options << "\n";
          return 0;
        }
      const auto database = MaterialDatabase::read(file, specs, text_keys);
      if (check)
        for (const MaterialEntry &entry : database.entries())
          check(entry, file);
      print_database(std::cout, database, specs, text_keys);
      return 0;
    }
  } // namespace

  std::string
  usage()
  {
    return "Usage: mgsim COMMAND [options]\n\n"
           "Commands:\n"
           "  run CASE.cfg      run a case (--set section.key=value, --output DIR)\n"
           "  check CASE.cfg    validate a case, print every resolved parameter\n"
           "  compare CASE.cfg --alloys A,B,C\n"
           "                    run the case once per alloy, compare them\n"
           "  calibrate CASE.cfg --alloy A --measured-mM X [--at-hours T]\n"
           "                    the alloy's in-vitro rate that reproduces X\n"
           "  study STUDY.cfg   many runs over uncertain and design parameters:\n"
           "                    quantiles, probabilities, sensitivities\n"
           "  report DIR        one self-contained HTML page of a run, comparison\n"
           "                    or study (--output FILE)\n"
           "  alloys            list the alloy database with sources\n"
           "  tissues           list the tissue database with sources\n"
           "  media             list the media database (buffers) with sources\n\n"
           "mgsim COMMAND --help shows a command's options; mgsim --version the version.\n";
  }

  int
  report_error(const std::exception &e, const bool root)
  {
    const int code =
      dynamic_cast<const InputError *>(&e)  ? kInputErrorExitCode :
      dynamic_cast<const RunFailure *>(&e)  ? kRunFailureExitCode :
      dynamic_cast<const OutputError *>(&e) ? kOutputErrorExitCode :
                                              1;
    if (code != 1)
      {
        if (root)
          std::cerr << "mgsim: error: " << one_line(e.what()) << std::endl;
        return code;
      }
    const std::string what = e.what();
    std::cerr << "mgsim: internal error: "
              << one_line(what.substr(0, what.find("Stacktrace:")), 1000)
              << std::endl;
    return code;
  }

  std::string
  version_text()
  {
    std::ostringstream s;
    s << "mgsim " << MGSIM_VERSION << " (deal.II " << DEAL_II_PACKAGE_VERSION
      << ", PETSc " << PETSC_VERSION_MAJOR << "." << PETSC_VERSION_MINOR << "."
      << PETSC_VERSION_SUBMINOR << ")";
    return s.str();
  }

  int
  check_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    const CaseArguments a = parse_case_arguments("check", args, false);
    if (a.help)
      return 0;
    const CaseParameters prm = read_case(a.case_file, a.overrides);
    Problem              problem(prm, comm);
    problem.setup();
    const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
    if (root)
      {
        std::cout << "case: " << a.case_file
                  << "\n\nparameters (value, unit, source):\n";
        print_resolved_parameters(std::cout, prm);
        std::cout << "\n";
      }
    print_setup(std::cout, problem, prm, comm);
    if (root)
      std::cout << "\ncase OK\n";
    return 0;
  }

  namespace
  {
    /**
     * Runs a set-up problem into its output directory, printing (and
     * logging to log.txt) the setup and the final summary.
     */
    RunSummary
    run_problem(
      Problem              &problem,
      const CaseParameters &prm,
      MPI_Comm              comm,
      const ExistingResults existing,
      const std::string    &resumed_from = "",
      const double stop_after = std::numeric_limits<double>::infinity())
    {
      const bool            root = Utilities::MPI::this_mpi_process(comm) == 0;
      const Provenance      provenance(comm);
      const OutputDirectory output(prm, existing, comm);
      std::ostringstream    header;
      if (root)
        header << version_text() << " on "
               << Utilities::MPI::n_mpi_processes(comm) << " MPI rank(s)\n"
               << "case: " << prm.case_file << " (alloy "
               << prm.implant.alloy.name << ")\n";
      print_setup(header, problem, prm, comm);
      header << "output: " << prm.output.directory << "\n";
      if (root)
        {
          // Every value with unit and source, and the mesh's region ids:
          // what the report shows and labels its pictures with.
          std::map<std::string, unsigned int> regions;
          for (const auto &[name, id] : problem.mesh_info().regions)
            regions[name] = id;
          write_file_replacing(
            prm.output.directory + "/parameters.json", [&](std::ostream &out) {
              write_resolved_parameters_json(out, prm, regions);
            });
        }
      if (!resumed_from.empty())
        header << "resumed from " << resumed_from << "\n";
      const std::string log_file = prm.output.directory + "/log.txt";
      std::ofstream     log;
      if (root)
        {
          // A resumed run adds to the log of the run it continues.
          log.open(log_file,
                   resumed_from.empty() ? std::ios::out : std::ios::app);
          std::cout << header.str() << std::flush;
          log << header.str();
          check_written(log, log_file);
        }
      raise_output_failures(comm);

      const RunSummary summary = problem.run(std::cout, stop_after);
      if (root && summary.stopped)
        {
          std::ostringstream stopped;
          stopped << "stopped after " << summary.wall_seconds
                  << " s of wall-clock time at t = "
                  << summary.end_time / units::hour
                  << " h, checkpoint written; continue with: mgsim run "
                  << prm.case_file << " --output " << prm.output.directory
                  << " --resume\n";
          std::cout << stopped.str();
          log << stopped.str();
          check_written(log, log_file);
        }
      else if (root)
        {
          std::ostringstream done;
          done << "done: " << summary.steps << " steps in "
               << summary.wall_seconds << " s; largest mass-balance error "
               << summary.max_balance_error << "; peak memory "
               << summary.peak_memory_mb << " MB; " << summary.checkpoints
               << " checkpoints written; results in " << prm.output.directory
               << "\n";
          std::cout << done.str();
          log << done.str();
          check_written(log, log_file);
        }
      provenance.write(prm.output.directory, &summary, resumed_from);
      raise_output_failures(comm);
      return summary;
    }

    /**
     * Sets up and runs the case @p prm from t = 0 (as `mgsim run` does) and
     * returns its exposure summary: one run of a comparison or calibration,
     * its mesh copied from @p mesh (loaded once for all of them).
     */
    ThresholdSummary
    run_case(const CaseParameters &prm,
             MPI_Comm              comm,
             MeshTemplate         &mesh,
             const ExistingResults existing)
    {
      Problem problem(prm, comm);
      problem.setup(&mesh);
      run_problem(problem, prm, comm, existing);
      return problem.exposure_summary();
    }
  } // namespace

  int
  run_case_in_directory(const CaseParameters &prm,
                        MPI_Comm              comm,
                        const ExistingResults existing,
                        const double          stop_after_seconds,
                        MeshTemplate         *mesh)
  {
    const bool resume = existing == ExistingResults::resume;
    Problem    problem(prm, comm);
    const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
    // Rank 0 looks (the output directory is on a shared file system); a
    // damaged checkpoint must stop every rank, not leave the others waiting.
    std::string skipped, from, error;
    if (resume && root)
      try
        {
          from = checkpoint::find_latest(prm.output.directory, &skipped);
        }
      catch (const InputError &e)
        {
          error = e.what();
        }
    from  = Utilities::MPI::broadcast(comm, from, 0);
    error = Utilities::MPI::broadcast(comm, error, 0);
    if (!error.empty())
      throw InputError(error);
    // A checkpoint cut short by a kill is passed over, and said so.
    if (root && !skipped.empty())
      std::cout << "incomplete checkpoints passed over (" << skipped << ")\n";
    // Everything that can fail because of the input fails here, before the
    // output directory exists (or is written into).
    if (from.empty())
      {
        if (resume && root)
          std::cout << "no complete checkpoint in " << prm.output.directory
                    << ": starting at t = 0\n";
        problem.setup(mesh);
      }
    else
      {
        const RunState &state = problem.resume(from);
        // At its end, a run is complete once its summary is written (a
        // full disk may have stopped it in between).
        const auto written = [&](const char *file) {
          return std::filesystem::exists(prm.output.directory + "/" + file);
        };
        if (state.clock.time >= prm.time.end_time * (1 - 1e-12) &&
            written("summary.json") && written("summary.md"))
          {
            if (Utilities::MPI::this_mpi_process(comm) == 0)
              std::cout << prm.output.directory
                        << " is complete (t = " << state.clock.time / units::day
                        << " days): nothing to do\n";
            return 0;
          }
      }
    const RunSummary summary =
      run_problem(problem, prm, comm, existing, from, stop_after_seconds);
    // EX_TEMPFAIL: not done yet, run again (with --resume) to continue.
    return summary.stopped ? 75 : 0;
  }

  int
  run_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    const CaseArguments a = parse_case_arguments("run", args, true);
    if (a.help)
      return 0;
    const double         stop_after = std::isnan(a.stop_after_minutes) ?
                                        std::numeric_limits<double>::infinity() :
                                        a.stop_after_minutes * 60;
    const CaseParameters prm        = read_case(a.case_file, a.overrides);
    const int            status =
      run_case_in_directory(prm, comm, existing_results(a), stop_after);
    if (status == 0)
      report_at_end(prm.output.directory, prm.output.report, comm);
    return status;
  }

  int
  compare_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    const CaseArguments a = parse_case_arguments("compare", args, true);
    if (a.help)
      return 0;
    if (a.alloys.empty())
      throw InputError("mgsim compare: --alloys is missing (e.g. --alloys "
                       "pure_Mg,AZ91D,NZ30K)");
    std::vector<std::string> alloys;
    std::stringstream        list(a.alloys);
    for (std::string name; std::getline(list, name, ',');)
      if (!trim(name).empty())
        alloys.push_back(trim(name));
    if (alloys.empty())
      throw InputError("mgsim compare: --alloys '" + a.alloys +
                       "': expected alloy names, e.g. pure_Mg,AZ91D,NZ30K");

    // Resolve every alloy's case first: a typo in the list stops the
    // comparison before anything runs or is written.
    const CaseParameters base = read_case(a.case_file, a.overrides);
    const std::string    root_directory =
      a.output.empty() ? base.output.directory + "-compare" : a.output;
    std::vector<std::unique_ptr<CaseParameters>> cases;
    for (const auto &alloy : alloys)
      {
        std::vector<std::string> overrides = a.overrides;
        overrides.push_back("implant.alloy=" + alloy);
        overrides.push_back("output.directory=" + root_directory + "/" + alloy);
        cases.push_back(
          std::make_unique<CaseParameters>(read_case(a.case_file, overrides)));
      }

    const Provenance          provenance(comm);
    std::vector<AlloyOutcome> outcomes;
    MeshTemplate              mesh(comm);
    for (std::size_t i = 0; i < alloys.size(); ++i)
      {
        // The mesh is read once; the operators are assembled again (they
        // do not depend on the alloy, but each run stays self-contained and
        // repeatable from its case.resolved.cfg).
        const ThresholdSummary summary =
          run_case(*cases[i], comm, mesh, existing_results(a));
        if (Utilities::MPI::this_mpi_process(comm) == 0)
          outcomes.push_back(summarize_run(
            alloys[i], cases[i]->output.directory + "/stats.csv", summary));
      }
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      write_comparison(root_directory, a.case_file, outcomes);
    provenance.write(root_directory);
    raise_output_failures(comm);
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      {
        std::ifstream table(root_directory + "/comparison.md");
        std::cout << "\n"
                  << table.rdbuf() << "\nwritten: " << root_directory
                  << "/comparison.csv, comparison.md\n"
                  << "plot: build/mgsim-post " << root_directory << "\n";
      }
    report_at_end(root_directory, base.output.report, comm);
    return 0;
  }

  int
  calibrate_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    CaseArguments a = parse_case_arguments("calibrate", args, true);
    if (a.help)
      return 0;
    if (a.alloy.empty())
      throw InputError(
        "mgsim calibrate: --alloy is missing (e.g. --alloy pure_Mg)");
    if (a.measured_mM < 0)
      throw InputError(
        "mgsim calibrate: --measured-mM is missing (the measured mean [mM])");
    std::vector<std::string> overrides = a.overrides;
    overrides.push_back("implant.alloy=" + a.alloy);
    overrides.push_back("output.vtu=false");
    if (a.at_hours > 0)
      {
        std::ostringstream days;
        days << std::setprecision(17) << a.at_hours / 24;
        overrides.push_back("time.end_days=" + days.str());
      }
    const CaseParameters base = read_case(a.case_file, overrides);
    const std::string    root_directory =
      a.output.empty() ? base.output.directory + "-calibrate" : a.output;
    // The region: named, or the first tissue region of the case.
    unsigned int region = 0;
    if (!a.region.empty())
      {
        const auto it =
          std::find_if(base.regions.begin(),
                       base.regions.end(),
                       [&](const auto &r) { return r.name == a.region; });
        if (it == base.regions.end())
          throw InputError("mgsim calibrate: --region " + a.region +
                           ": expected a [region.NAME] of " + a.case_file);
        region = it - base.regions.begin();
      }
    const double background =
      base.regions[region].tissue.species.at("mg").background;
    const double measured = a.measured_mM * units::mM;
    if (measured <= background)
      throw InputError("mgsim calibrate: --measured-mM: expected more than the "
                       "region's background level " +
                       std::to_string(background / units::mM) + " mM");

    const bool  root  = Utilities::MPI::this_mpi_process(comm) == 0;
    const auto &alloy = base.implant.alloy;
    const auto  rates = [&](double scale) {
      std::ostringstream initial, steady;
      initial << std::setprecision(17) << scale * alloy.rate_initial_mm_per_y;
      steady << std::setprecision(17) << scale * alloy.rate_steady_mm_per_y;
      return std::make_pair(initial.str(), steady.str());
    };
    unsigned int run = 0;
    MeshTemplate mesh(comm);
    const auto   mean_for = [&](double scale) {
      std::vector<std::string> o   = overrides;
      const auto [initial, steady] = rates(scale);
      o.push_back("implant.rate_initial_mm_per_y=" + initial);
      o.push_back("implant.rate_steady_mm_per_y=" + steady);
      o.push_back("output.directory=" + root_directory + "/run_" +
                  std::to_string(++run));
      return run_case(read_case(a.case_file, o),
                      comm,
                      mesh,
                      existing_results(a))
        .regions[region]
        .mean_mg_end;
    };
    const CalibrationResult result =
      calibrate_rate(mean_for, background, measured);

    if (root)
      {
        std::ostringstream csv;
        csv << "run,scale,rate_initial_mm_per_y,rate_steady_mm_per_y,mean_mM,"
               "mismatch_percent\n"
            << std::setprecision(10);
        std::ostringstream table;
        table << "\ncalibration of " << a.alloy << " on " << a.case_file
              << " (region " << base.regions[region].name << ", measured "
              << a.measured_mM << " mM):\n"
              << "run  CR_ss [mm/y]  mean [mM]  mismatch [%]\n";
        for (unsigned int k = 0; k < result.runs.size(); ++k)
          {
            const auto  &r        = result.runs[k];
            const double mismatch = 100 * (r.mean / measured - 1);
            csv << k + 1 << "," << r.scale << ","
                << r.scale * alloy.rate_initial_mm_per_y << ","
                << r.scale * alloy.rate_steady_mm_per_y << ","
                << r.mean / units::mM << "," << mismatch << "\n";
            table << std::setw(3) << k + 1 << std::setw(14)
                  << std::setprecision(6)
                  << r.scale * alloy.rate_steady_mm_per_y << std::setw(11)
                  << r.mean / units::mM << std::setw(14) << mismatch << "\n";
          }
        table << (result.converged ? "converged" : "NOT converged")
              << ": in-vitro rate of " << a.alloy
              << " CR_ss = " << result.scale * alloy.rate_steady_mm_per_y
              << " mm/y, CR_0 = " << result.scale * alloy.rate_initial_mm_per_y
              << " mm/y (x " << result.scale << " the database's) after "
              << result.runs.size() << " runs; mismatch "
              << 100 * result.mismatch << " %\n"
              << "written: " << root_directory << "/calibration.csv\n";
        write_file_replacing(root_directory + "/calibration.csv",
                             [&](std::ostream &out) { out << csv.str(); });
        std::cout << table.str();
      }
    raise_output_failures(comm);
    return result.converged ? 0 : 1;
  }

  int
  alloys_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    return database_command("alloys",
                            args,
                            comm,
                            "alloys.cfg",
                            alloy_property_specs(),
                            alloy_text_keys());
  }

  int
  tissues_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    // Each tissue's medium must be one of the media database's (read once,
    // when the first tissue is checked).
    std::optional<MaterialDatabase> media;
    return database_command(
      "tissues",
      args,
      comm,
      "tissues.cfg",
      tissue_property_specs(with_chemistry_keys(shipped_species_keys())),
      tissue_text_keys(),
      [&media](const MaterialEntry &entry, const std::string &file) {
        if (!media)
          media = MaterialDatabase::read(default_database_path("media.cfg"),
                                         medium_property_specs(),
                                         medium_text_keys());
        media->get(entry.texts.at("medium"),
                   file + ": [" + entry.name + "] medium");
      });
  }

  int
  media_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    return database_command("media",
                            args,
                            comm,
                            "media.cfg",
                            medium_property_specs(),
                            medium_text_keys(),
                            [](const MaterialEntry &entry,
                               const std::string   &file) {
                              make_medium(entry, file);
                            });
  }
} // namespace mgsim
