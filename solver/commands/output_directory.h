// The output directory of a run, claimed before anything is written into it
// (doc/model.md §11):
//  - a lock, OUTPUT/.mgsim.lock, held with flock() for the run's life and
//    naming its owner (pid, host, start, case): a second run into the
//    directory is refused while the first lives. The kernel releases the
//    lock of a process that dies, so a killed run's lock is taken over (and
//    said so) without anyone deleting it;
//  - results already there: another case's are refused unless --overwrite,
//    which clears the directory first; this case's need --resume (continue)
//    or --overwrite (start again). A directory that is not empty and holds
//    no mgsim results is never written into.
#pragma once

#include <mpi.h>

#include <memory>
#include <string>

namespace mgsim
{
  struct CaseParameters;

  /** @brief What a run may do with results already in its directory. */
  enum class ExistingResults
  {
    /** refuse them (a new run) */
    refuse,
    /** continue them (--resume) */
    resume,
    /** clear them first (--overwrite) */
    overwrite
  };

  /** @brief A claimed output directory; released when destroyed. */
  class OutputDirectory
  {
  public:
    /**
     * Creates and locks @p prm's output directory, checks the results in it
     * against @p existing and writes case.resolved.cfg (rank 0; collective:
     * InputError on every rank if refused). Prints a taken-over stale lock
     * to standard output.
     */
    OutputDirectory(const CaseParameters &prm,
                    ExistingResults       existing,
                    MPI_Comm              comm);

  private:
    /** @brief The lock file's descriptor (rank 0), released when destroyed
     * (also when the constructor throws). */
    struct Lock
    {
      int fd             = -1;
      Lock()             = default;
      Lock(const Lock &) = delete;
      Lock &
      operator=(const Lock &) = delete;
      ~Lock();
    };
    Lock lock;
  };
} // namespace mgsim
