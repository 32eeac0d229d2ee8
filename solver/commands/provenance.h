// What produced a run's results: mgsim, deal.II and PETSc versions, the
// source commit, the command line, host, MPI ranks, start, end and wall
// time. Written as provenance.json next to the results, for the report
// and for whoever has to say how a number was obtained.
#pragma once

#include <mpi.h>

#include <ctime>
#include <string>

namespace mgsim
{
  struct RunSummary;

  /** The commit of the source tree mgsim was built from ("unknown" if it
   * was not a git checkout; "-modified" with uncommitted changes). */
  const char *
  git_commit();

  /** @brief The provenance of one command's results, started when made. */
  class Provenance
  {
  public:
    /** Notes the start time, the command line and the ranks of @p comm. */
    explicit Provenance(MPI_Comm comm);

    /**
     * Writes @p directory/provenance.json (rank 0 of the communicator
     * given to the constructor; records a failed write like every output
     * file). @p run, if given, adds its steps, memory, balance error and
     * whether it stopped early; @p resumed_from the checkpoint continued.
     */
    void
    write(const std::string &directory,
          const RunSummary  *run          = nullptr,
          const std::string &resumed_from = "") const;

  private:
    bool         root;
    unsigned int ranks;
    std::time_t  started;
    double       started_wall;
    std::string  command;
  };
} // namespace mgsim
