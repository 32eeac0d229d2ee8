#include "commands/output_directory.h"

#include "base/input_error.h"
#include "base/output_file.h"
#include "base/text_file.h"
#include "input/case_parameters.h"
#include "simulation/checkpoint.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <vector>

namespace mgsim
{
  namespace fs = std::filesystem;

  namespace
  {
    const std::string lock_name     = ".mgsim.lock";
    const std::string resolved_name = "case.resolved.cfg";

    /** "pid N on HOST since YYYY-MM-DD HH:MM:SS: CASE" */
    std::string
    owner_text(const std::string &case_file)
    {
      char host[256] = {};
      gethostname(host, sizeof(host) - 1);
      const std::time_t now = std::time(nullptr);
      char              when[32];
      std::strftime(when, sizeof(when), "%F %T", std::localtime(&now));
      return "pid " + std::to_string(getpid()) + " on " + host + " since " +
             when + ": " + case_file;
    }

    /** The text of the open file @p fd (its first line). */
    std::string
    read_owner(const int fd)
    {
      char          text[1024] = {};
      const ssize_t n          = pread(fd, text, sizeof(text) - 1, 0);
      std::string   owner(text, n > 0 ? n : 0);
      return owner.substr(0, owner.find('\n'));
    }

    /**
     * Locks @p directory's lock file; returns its descriptor. A lock left
     * by a process that ended without releasing it goes to @p stale.
     */
    int
    take_lock(const fs::path    &directory,
              const std::string &case_file,
              std::string       &stale)
    {
      const fs::path path = directory / lock_name;
      const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0)
        throw InputError(path.string() + ": cannot create the run's lock (" +
                         std::strerror(errno) + ")");
      if (flock(fd, LOCK_EX | LOCK_NB) != 0)
        {
          const std::string owner = read_owner(fd);
          close(fd);
          throw InputError(directory.string() + " is in use by " +
                           (owner.empty() ? "another run" : owner) +
                           ": wait for it to end, or choose another --output");
        }
      // Released cleanly, the lock is empty; else its owner was killed.
      stale                   = read_owner(fd);
      const std::string owner = owner_text(case_file) + "\n";
      if (ftruncate(fd, 0) != 0 ||
          pwrite(fd, owner.data(), owner.size(), 0) != ssize_t(owner.size()))
        {
          close(fd);
          throw InputError(path.string() + ": cannot write the run's lock (" +
                           std::strerror(errno) + ")");
        }
      return fd;
    }

    /**
     * The "[section] key = value" lines of a case.resolved.cfg text that
     * must agree between runs of one case (checkpoint::may_change).
     */
    std::vector<std::string>
    case_lines(const std::string &text)
    {
      std::vector<std::string> lines;
      std::istringstream       in(text);
      std::string              section;
      for (std::string line; std::getline(in, line);)
        {
          line = trim(line);
          if (line.empty() || line[0] == '#')
            continue;
          if (line.front() == '[' && line.back() == ']')
            {
              section = line.substr(1, line.size() - 2);
              continue;
            }
          const std::string key = trim(line.substr(0, line.find('=')));
          if (!checkpoint::may_change(section, key))
            lines.push_back("[" + section + "] " + line);
        }
      return lines;
    }

    /** The first line in which @p was and @p is differ ("" if none). */
    std::string
    first_difference(const std::vector<std::string> &was,
                     const std::vector<std::string> &is)
    {
      for (std::size_t i = 0; i < std::max(was.size(), is.size()); ++i)
        {
          const std::string a = i < was.size() ? was[i] : "(none)";
          const std::string b = i < is.size() ? is[i] : "(none)";
          if (a != b)
            return "was '" + a + "', is '" + b + "'";
        }
      return "";
    }

    /**
     * Checks the results in @p directory against @p existing and clears
     * them for --overwrite (rank 0, holding the lock).
     */
    void
    check_existing(const fs::path       &directory,
                   const CaseParameters &prm,
                   const ExistingResults existing,
                   const std::string    &resolved)
    {
      std::error_code code;
      bool            others = false;
      for (const auto &entry : fs::directory_iterator(directory, code))
        others = others || entry.path().filename() != lock_name;
      const fs::path previous = directory / resolved_name;
      if (!fs::exists(previous, code))
        {
          if (others)
            throw InputError(directory.string() +
                             " is not empty and holds no mgsim results: "
                             "choose a new or empty output directory");
          return;
        }
      if (existing == ExistingResults::overwrite)
        {
          for (const auto &entry : fs::directory_iterator(directory, code))
            if (entry.path().filename() != lock_name)
              fs::remove_all(entry.path(), code);
          if (code)
            throw InputError(directory.string() + ": cannot clear it (" +
                             code.message() + ")");
          return;
        }
      const std::string difference =
        first_difference(case_lines(read_text_file(previous)),
                         case_lines(resolved));
      if (!difference.empty())
        throw InputError(directory.string() +
                         " holds results of another case (" + difference +
                         "): choose another --output, or --overwrite to "
                         "replace them");
      if (existing == ExistingResults::refuse)
        throw InputError(directory.string() + " already holds results of " +
                         prm.case_file +
                         ": continue them with --resume, or start again "
                         "with --overwrite");
    }
  } // namespace

  OutputDirectory::OutputDirectory(const CaseParameters &prm,
                                   const ExistingResults existing,
                                   MPI_Comm              comm)
  {
    // A run's writes start here: a failure of an earlier run in this
    // process (a study worker's) is no longer this one's.
    clear_output_failure();
    std::string error;
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      try
        {
          const fs::path  directory = prm.output.directory;
          std::error_code code;
          fs::create_directories(directory, code);
          if (code)
            throw InputError(prm.case_file + ": [output] directory = '" +
                             prm.output.directory + "': cannot create it (" +
                             code.message() + ")");
          std::string stale;
          lock.fd = take_lock(directory, prm.case_file, stale);
          if (!stale.empty())
            std::cout << "took over the lock of " << directory.string()
                      << " from " << stale << " (no longer running)\n";
          std::ostringstream resolved;
          write_resolved_case(resolved, prm);
          check_existing(directory, prm, existing, resolved.str());
          write_file_replacing((directory / resolved_name).string(),
                               [&](std::ostream &out) {
                                 out << resolved.str();
                               });
        }
      catch (const InputError &e)
        {
          error = e.what();
        }
    // A refusal must stop every rank, not leave the others waiting.
    error = dealii::Utilities::MPI::broadcast(comm, error, 0);
    if (!error.empty())
      throw InputError(error);
    raise_output_failures(comm);
  }

  OutputDirectory::Lock::~Lock()
  {
    if (fd < 0)
      return;
    // Emptied, the lock says it was released (not left by a kill); closing
    // releases it whether or not that worked.
    [[maybe_unused]] const int emptied = ftruncate(fd, 0);
    close(fd);
  }
} // namespace mgsim
