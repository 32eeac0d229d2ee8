// The subcommands of the mgsim executable. Each takes the arguments after
// its name, returns an exit code and throws InputError for bad input.
#pragma once

#include <mpi.h>

#include <string>
#include <vector>

namespace mgsim
{
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

  /** `mgsim alloys [--database FILE]` */
  int
  alloys_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim tissues [--database FILE]` */
  int
  tissues_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** `mgsim media [--database FILE]` */
  int
  media_command(const std::vector<std::string> &args, MPI_Comm comm);

  /** Top-level usage text. */
  std::string
  usage();

  /** "mgsim X.Y.Z (deal.II ..., PETSc ...)". */
  std::string
  version_text();
} // namespace mgsim
