// Runs of a study in a pool of worker processes (`mgsim study-worker`,
// through mpiexec when a run has several ranks), at most `jobs` at a time,
// with one progress line for the whole pool. Each worker takes run after
// run over a pipe, so the runs of one worker share its start-up and mesh; a
// worker that dies fails only its current run and is replaced. The
// operating system schedules; this only keeps the workers busy.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief One run: the line a worker is sent and where its output goes
   * (what the worker prints outside the run's own log, e.g. a crash). */
  struct PoolTask
  {
    std::string item;
    std::string log_file;
  };

  /**
   * Runs @p tasks on up to @p jobs workers started with @p worker (a
   * command line); calls @p finished(index, exit code) as each ends (false:
   * stop, terminating the workers) and prints "N/M runs done ..., time
   * left" to @p progress. Returns the number of tasks that ended with a code
   * other than 0. A worker ends when its standard input ends; the pool's
   * workers are sent SIGTERM if the pool's process dies.
   */
  unsigned int
  run_pool(const std::vector<std::string>              &worker,
           const std::vector<PoolTask>                 &tasks,
           unsigned int                                 jobs,
           const std::function<bool(std::size_t, int)> &finished,
           std::ostream                                &progress);

  /** The path of the running mgsim executable. */
  std::string
  this_executable();
} // namespace mgsim
