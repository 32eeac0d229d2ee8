#include "commands/provenance.h"

#include "base/output_file.h"
#include "simulation/run_summary.h"

#include <deal.II/base/config.h>
#include <deal.II/base/mpi.h>

#include <petscversion.h>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <fstream>
#include <iterator>

namespace mgsim
{
  namespace
  {
    /** "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
    std::string
    utc_text(const std::time_t when)
    {
      char text[32];
      std::strftime(text, sizeof(text), "%FT%TZ", std::gmtime(&when));
      return text;
    }

    /** The process's command line, arguments with spaces quoted. */
    std::string
    command_line()
    {
      std::ifstream     in("/proc/self/cmdline", std::ios::binary);
      const std::string raw((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
      std::string       line, argument;
      for (const char c : raw)
        if (c != '\0')
          argument += c;
        else
          {
            if (!line.empty())
              line += ' ';
            line += argument.find(' ') == std::string::npos ?
                      argument :
                      "'" + argument + "'";
            argument.clear();
          }
      return line;
    }
  } // namespace

  Provenance::Provenance(MPI_Comm comm)
    : root(dealii::Utilities::MPI::this_mpi_process(comm) == 0)
    , ranks(dealii::Utilities::MPI::n_mpi_processes(comm))
    , started(std::time(nullptr))
    , started_wall(MPI_Wtime())
    , command(command_line())
  {
  }

  void
  Provenance::write(const std::string &directory,
                    const RunSummary  *run,
                    const std::string &resumed_from) const
  {
    if (!root)
      return;
    char host[256] = {};
    gethostname(host, sizeof(host) - 1);
    nlohmann::json p = {{"mgsim_version", MGSIM_VERSION},
                        {"deal_ii_version", DEAL_II_PACKAGE_VERSION},
                        {"petsc_version",
                         std::to_string(PETSC_VERSION_MAJOR) + "." +
                           std::to_string(PETSC_VERSION_MINOR) + "." +
                           std::to_string(PETSC_VERSION_SUBMINOR)},
                        {"git_commit", git_commit()},
                        {"command", command},
                        {"host", host},
                        {"mpi_ranks", ranks},
                        {"started_utc", utc_text(started)},
                        {"finished_utc", utc_text(std::time(nullptr))},
                        {"wall_time_s", MPI_Wtime() - started_wall}};
    if (!resumed_from.empty())
      p["resumed_from"] = resumed_from;
    if (run)
      {
        p["steps"]                  = run->steps;
        p["max_balance_error"]      = run->max_balance_error;
        p["peak_memory_mb"]         = run->peak_memory_mb;
        p["stopped_before_the_end"] = run->stopped;
      }
    write_file_replacing(directory + "/provenance.json",
                         [&](std::ostream &out) { out << p.dump(1) << "\n"; });
  }
} // namespace mgsim
