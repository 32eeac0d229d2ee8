// mgsim: Mg2+ and H2 around degrading magnesium implants.
// This file only dispatches subcommands and turns errors into exit codes
// (report_error: 2 bad input, 3 a run whose numerics failed, 74 output that
// cannot be written, 1 internal errors).
#include "base/input_error.h"
#include "commands/drivers.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <functional>
#include <iostream>
#include <map>

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                           comm = MPI_COMM_WORLD;
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;

  const std::map<std::string,
                 std::function<int(const std::vector<std::string> &, MPI_Comm)>>
    commands = {{"run", mgsim::run_command},
                {"check", mgsim::check_command},
                {"compare", mgsim::compare_command},
                {"calibrate", mgsim::calibrate_command},
                {"study", mgsim::study_command},
                {"study-worker", mgsim::study_worker_command},
                {"report", mgsim::report_command},
                {"alloys", mgsim::alloys_command},
                {"tissues", mgsim::tissues_command},
                {"media", mgsim::media_command}};

  const std::string command = argc > 1 ? argv[1] : "";
  try
    {
      if (command == "--version")
        {
          if (root)
            std::cout << mgsim::version_text() << "\n";
          return 0;
        }
      if (command.empty() || command == "--help" || command == "-h")
        {
          if (root)
            std::cout << mgsim::usage();
          return command.empty() ? mgsim::kInputErrorExitCode : 0;
        }
      const auto it = commands.find(command);
      if (it == commands.end())
        throw mgsim::InputError(
          "unknown command '" + command +
          "' (expected run, check, compare, calibrate, study, report, alloys, tissues, media; see mgsim --help)");
      return it->second(std::vector<std::string>(argv + 2, argv + argc), comm);
    }
  catch (const std::exception &e)
    {
      return mgsim::report_error(e, root);
    }
}
