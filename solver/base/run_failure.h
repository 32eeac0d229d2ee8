// A run whose numerics failed: a value became NaN or infinite, a
// concentration fell clearly below zero, a linear solve did not converge,
// or the mass balance broke. The step that failed is undone and the state
// before it checkpointed; the command-line front end prints the one-line
// message (time, step, what) and exits with kRunFailureExitCode
// (doc/model.md §11).
#pragma once

#include <stdexcept>
#include <string>

namespace mgsim
{
  /** Exit code of mgsim when a run's numerics failed. */
  constexpr int kRunFailureExitCode = 3;

  /** @brief What failed, in one line. Thrown on every rank together. */
  class RunFailure : public std::runtime_error
  {
  public:
    explicit RunFailure(const std::string &message)
      : std::runtime_error(message)
    {
    }
  };
} // namespace mgsim
