// One exception type for everything a user can get wrong (case file, database,
// mesh, command line). It carries a single, complete line: which file, which
// key, what was expected. The command-line front end prints it once and exits
// with kInputErrorExitCode; internal errors use deal.II's exceptions instead.
#pragma once

#include <stdexcept>
#include <string>

namespace mgsim
{
  /** Exit code of mgsim for bad input (case file, mesh, database, CLI). */
  constexpr int kInputErrorExitCode = 2;

  /** @brief A user input error with a one-line, self-contained message. */
  class InputError : public std::runtime_error
  {
  public:
    explicit InputError(const std::string &message)
      : std::runtime_error(message)
    {
    }
  };
} // namespace mgsim
