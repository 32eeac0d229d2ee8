// `mgsim study STUDY.cfg [--output DIR] [--jobs N] [--ranks-per-run R]
// [--plan | --slurm | --collect]`
// (doc/model.md §10).
#include "base/input_error.h"
#include "base/output_file.h"
#include "commands/command_line.h"
#include "commands/drivers.h"
#include "commands/provenance.h"
#include "input/case_parameters.h"
#include "study/study.h"

#include <deal.II/base/mpi.h>

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>
#include <thread>

namespace mgsim
{
  namespace po = boost::program_options;

  int
  study_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    if (dealii::Utilities::MPI::n_mpi_processes(comm) > 1)
      throw InputError("mgsim study: start it on one process; each run gets "
                       "its own ranks (--ranks-per-run R)");
    std::string  study_file;
    StudyOptions options;
    bool         help = false, slurm = false, collect = false, plan = false;
    po::options_description visible("Options");
    visible.add_options()("help,h", po::bool_switch(&help), "show this help")(
      "output,o",
      po::value<std::string>(&options.output),
      "output directory (default: results/STUDY, STUDY the file's stem)")(
      "jobs,j",
      po::value<unsigned int>(&options.jobs)->default_value(1),
      "runs at a time")(
      "ranks-per-run",
      po::value<unsigned int>(&options.ranks_per_run)->default_value(1),
      "MPI ranks of each run (through mpiexec)")(
      "plan",
      po::bool_switch(&plan),
      "check every run's case and list the runs; run nothing")(
      "slurm",
      po::bool_switch(&slurm),
      "write a SLURM job array of the runs not done (DIR/study_array.slurm) "
      "instead of running them")(
      "collect",
      po::bool_switch(&collect),
      "gather what the job array ran into the study's outputs");
    po::options_description all;
    all.add(visible).add_options()("study",
                                   po::value<std::string>(&study_file));
    po::positional_options_description positional;
    positional.add("study", 1);
    parse_arguments("study", args, all, positional);
    if (help)
      {
        std::cout << "Usage: mgsim study STUDY.cfg [options]\n\n"
                  << visible << "\n";
        return 0;
      }
    if (study_file.empty())
      throw InputError(
        "mgsim study: the study file is missing (mgsim study STUDY.cfg)");
    if (options.jobs < 1 || options.ranks_per_run < 1)
      throw InputError(
        "mgsim study: --jobs and --ranks-per-run: expected at least 1");
    if (slurm + collect + plan > 1)
      throw InputError("mgsim study: one of --plan, --slurm, --collect");
    options.mode                = plan    ? StudyMode::plan :
                                  slurm   ? StudyMode::slurm :
                                  collect ? StudyMode::collect :
                                            StudyMode::local;
    options.cluster_template    = MGSIM_CLUSTER_TEMPLATE;
    const StudyParameters study = read_study(study_file);
    if (options.output.empty())
      options.output =
        "results/" + std::filesystem::path(study_file).stem().string();
    const Provenance provenance(comm);
    const int        status = run_study(study, options, std::cout);
    if (options.mode == StudyMode::local || options.mode == StudyMode::collect)
      {
        provenance.write(options.output);
        raise_output_failures(comm);
        // [output] report of the study's case, as its first run reads it.
        if (status == 0)
          report_at_end(options.output,
                        read_case(study.case_file,
                                  plan_study(study).front().overrides)
                          .output.report,
                        comm);
      }
    return status;
  }
} // namespace mgsim
