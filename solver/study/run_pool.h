// Runs of a study as concurrent child processes (`mgsim run ...`, through
// mpiexec when a run has several ranks), at most `jobs` at a time, with one
// progress line for the whole pool. The operating system schedules; this
// only keeps the pool full.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace mgsim
{
  /** @brief One child process: its arguments and where its output goes. */
  struct PoolTask
  {
    std::vector<std::string> arguments;
    std::string              log_file;
  };

  /**
   * Runs @p tasks, @p jobs at a time; calls @p finished(index, exit code)
   * as each ends (false: stop, terminating the running ones) and prints
   * "N/M runs done ..., time left" to @p progress. Returns the number of
   * tasks that exited with a code other than 0.
   */
  unsigned int
  run_pool(const std::vector<PoolTask>                 &tasks,
           unsigned int                                 jobs,
           const std::function<bool(std::size_t, int)> &finished,
           std::ostream                                &progress);

  /** The path of the running mgsim executable. */
  std::string
  this_executable();
} // namespace mgsim
