// The subcommands of the mgsim executable. Each takes the arguments after
// its name, returns an exit code and throws InputError for bad input.
#pragma once

#include "commands/output_directory.h"

#include <mpi.h>

#include <exception>
#include <string>
#include <vector>

namespace mgsim
{
  struct CaseParameters;
  class MeshTemplate;

  /**
   * Runs the case @p prm into its output directory as `mgsim run` does,
   * doing with results there what @p existing says (for resume: from the
   * directory's latest checkpoint if there is one),
   * stopping with a checkpoint after @p stop_after_seconds of wall-clock
   * time; the mesh copied from @p mesh if given. Returns the exit code (0
   * done, 75 stopped before the end); throws InputError (refused) and
   * OutputError (a write failed) on every rank.
   */
  int
  run_case_in_directory(const CaseParameters &prm,
                        MPI_Comm              comm,
                        ExistingResults       existing,
                        double                stop_after_seconds,
                        MeshTemplate         *mesh = nullptr);

  /** `mgsim run CASE.cfg [--set section.key=value]... [--output DIR]` */
  int
  run_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim check CASE.cfg [--set ...]`: validate and print everything
   * resolved. */
  int
  check_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim compare CASE.cfg --alloys A,B,C [--set ...] [--output DIR]` */
  int
  compare_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** mgsim calibrate: the in-vitro rate that reproduces a measured level. */
  int
  calibrate_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim study STUDY.cfg [--output DIR] [--jobs N] [--ranks-per-run R]`:
   * many runs of a case over uncertain and design parameters. */
  int
  study_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim study-worker CASE.cfg` (started by `mgsim study`, not by
   * users): runs the study's runs whose directories arrive on standard
   * input, one per line, in one process sharing the mesh. */
  int
  study_worker_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim report DIR [--output FILE]` */
  int
  report_command(const std::vector<std::string> &args, MPI_Comm comm);

  /**
   * Writes the report of the run, comparison or study in @p directory to
   * @p file (DIR/report.html if empty) with mgsim-post (rank 0 runs it,
   * every rank returns its exit code: 0 written, 2 bad input, 74 a file
   * could not be written). Throws InputError if mgsim-post is missing.
   */
  int
  write_report(const std::string &directory,
               const std::string &file,
               MPI_Comm           comm);

  /**
   * At the end of run, compare and study: writes @p directory's report if
   * @p wanted ([output] report), unless the environment says
   * MGSIM_REPORT=off (batch jobs, the test suite) or no pictures can be
   * made (no display, no xvfb-run: said in one line). A report that fails
   * is said on standard error and does not fail the command.
   */
  void
  report_at_end(const std::string &directory, bool wanted, MPI_Comm comm);

  /** `mgsim alloys [--database FILE]` */
  int
  alloys_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim tissues [--database FILE]` */
  int
  tissues_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim media [--database FILE]` */
  int
  media_command(const std::vector<std::string> &args, MPI_Comm comm);

  /**
   * Prints the one-line message of @p e, which ended a command, to standard
   * error and returns mgsim's exit code for it: 2 bad input, 3 a run's
   * numerics failed, 74 output that could not be written (each raised on
   * every rank together: only @p root prints), 1 anything else (a bug:
   * every rank that has it prints it, without deal.II's stack trace).
   */
  int
  report_error(const std::exception &e, bool root);

  /** Top-level usage text. */
  std::string
  usage();

  /** "mgsim X.Y.Z (deal.II ..., PETSc ...)". */
  std::string
  version_text();
} // namespace mgsim
