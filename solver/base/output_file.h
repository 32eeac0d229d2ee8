// Checked writes. A file mgsim cannot write (disk full, I/O error, no
// permission, a directory in its place) ends the run with one line naming
// the file and the system's reason and exit code 74 (EX_IOERR), never a
// "done" over cut files. Files are written by one rank (CSV, summaries) or
// by all (VTU, checkpoints), so a failure is recorded where it happens and
// raised on every rank at once by raise_output_failures(), called between
// collective operations: no rank waits for one that stopped. After a
// failure this process writes nothing more, so every file keeps its last
// complete state (doc/model.md §11).
//
// Tests inject failures with MGSIM_TEST_FAIL_WRITE (base/test_faults.h).
#pragma once

#include <mpi.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>

namespace mgsim
{
  /** Exit code of mgsim when it cannot write its output (EX_IOERR). */
  constexpr int kOutputErrorExitCode = 74;

  /** @brief A write that failed: "PATH: cannot write (reason)". */
  class OutputError : public std::runtime_error
  {
  public:
    explicit OutputError(const std::string &message)
      : std::runtime_error(message)
    {
    }
  };

  /**
   * Records that writing @p path failed for @p reason (the first failure is
   * kept: later ones are its consequences).
   */
  void
  record_output_failure(const std::string &path, const std::string &reason);

  /** True once a write of this process failed. */
  bool
  output_failed();

  /** Forgets a recorded failure (a run's writes begin: a study worker's
   * next run). */
  void
  clear_output_failure();

  /**
   * Collective: throws OutputError on every rank if a write failed on any
   * (the lowest such rank's message).
   */
  void
  raise_output_failures(MPI_Comm comm);

  /** Throws OutputError if a write of this process failed (tools that
   * run without MPI: mgsim-post). */
  void
  raise_local_output_failure();

  /**
   * Flushes @p out, which writes @p path, and records a failure if it (or
   * anything written before) failed, or if a test injects one. Returns
   * true if the file is written.
   */
  bool
  check_written(std::ostream &out, const std::string &path);

  /**
   * Writes @p path whole through PATH.tmp and a rename, so that it is
   * either the complete new file or the previous one. Records a failure;
   * returns true if written.
   */
  bool
  write_file_replacing(const std::string                         &path,
                       const std::function<void(std::ostream &)> &write);

  /**
   * Records a failure unless the file system where @p path (a file or
   * directory) is to be written has room for about @p bytes, or if a test
   * injects one. For writers that cannot fail cleanly (p4est aborts on a
   * full disk, MPI-IO leaves ranks apart). Returns true if there is room.
   */
  bool
  check_free_space(const std::string &path, std::uintmax_t bytes);
} // namespace mgsim
