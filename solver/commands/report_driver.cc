// `mgsim report DIR [--output FILE]`: the page of a run, comparison or study
// is drawn by mgsim-post (VTK, next to this executable), which this command
// runs and waits for.
#include "base/input_error.h"
#include "commands/command_line.h"
#include "commands/drivers.h"

#include <deal.II/base/mpi.h>

#include <boost/program_options.hpp>

#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

extern char **environ;

namespace mgsim
{
  namespace po = boost::program_options;

  namespace
  {
    /** Runs mgsim-post (next to this executable) on @p directory with
     * --report (or --report-file @p file); returns its exit code. */
    int
    run_post(const std::string &directory, const std::string &file)
    {
      const std::filesystem::path post =
        std::filesystem::read_symlink("/proc/self/exe").parent_path() /
        "mgsim-post";
      if (!std::filesystem::exists(post))
        throw InputError(post.string() +
                         ": not found (mgsim-post draws the report; build "
                         "it with cmake --build build)");
      std::vector<std::string> words = {post.string(), directory};
      if (!file.empty())
        words.insert(words.end(), {"--report-file", file});
      else
        words.push_back("--report");
      std::vector<char *> argv;
      for (auto &word : words)
        argv.push_back(word.data());
      argv.push_back(nullptr);
      // posix_spawn, not fork: an MPI process should not copy itself.
      pid_t child  = 0;
      int   status = 0;
      if (posix_spawn(
            &child, post.c_str(), nullptr, nullptr, argv.data(), environ) !=
            0 ||
          waitpid(child, &status, 0) != child)
        throw InputError(post.string() + ": cannot be started");
      return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    }
  } // namespace

  int
  write_report(const std::string &directory,
               const std::string &file,
               MPI_Comm           comm)
  {
    // Rank 0 runs mgsim-post; a refusal must stop every rank, not leave
    // the others waiting for the status.
    int         status = 0;
    std::string error;
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      try
        {
          status = run_post(directory, file);
        }
      catch (const InputError &e)
        {
          error = e.what();
        }
    error = dealii::Utilities::MPI::broadcast(comm, error, 0);
    if (!error.empty())
      throw InputError(error);
    return dealii::Utilities::MPI::broadcast(comm, status, 0);
  }

  void
  report_at_end(const std::string &directory, const bool wanted, MPI_Comm comm)
  {
    const char *setting = std::getenv("MGSIM_REPORT");
    if (!wanted || (setting && std::string(setting) == "off"))
      return;
    const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    // Pictures need X: a display, or xvfb-run to make one.
    const char *display  = std::getenv("DISPLAY");
    bool        can_draw = display && *display;
    if (!can_draw && root)
      can_draw = std::system("command -v xvfb-run > /dev/null 2>&1") == 0;
    can_draw = dealii::Utilities::MPI::broadcast(comm, can_draw, 0);
    if (!can_draw)
      {
        if (root)
          std::cout << "no report: no display and no xvfb-run to draw its "
                       "pictures (apt-get install xvfb xauth; then mgsim "
                       "report "
                    << directory << ")\n";
        return;
      }
    int status = 0;
    try
      {
        status = write_report(directory, "", comm);
      }
    catch (const InputError &e)
      {
        status = kInputErrorExitCode;
        if (root)
          std::cerr << "mgsim: " << e.what() << "\n";
      }
    // The results are complete either way: a report that failed is said,
    // and does not fail the command.
    if (status != 0 && root)
      std::cerr << "mgsim: warning: the report was not written (mgsim-post "
                   "exit code "
                << status << "); the results are complete: mgsim report "
                << directory << "\n";
  }

  int
  report_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    std::string             directory, file;
    bool                    help = false;
    po::options_description visible("Options");
    visible.add_options()("help,h", po::bool_switch(&help), "show this help")(
      "output",
      po::value<std::string>(&file),
      "the report file (default DIR/report.html)");
    po::options_description all;
    all.add(visible).add_options()("directory",
                                   po::value<std::string>(&directory));
    po::positional_options_description positional;
    positional.add("directory", 1);
    parse_arguments("report", args, all, positional);
    if (help)
      {
        if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
          std::cout
            << "Usage: mgsim report DIR [options]\n"
            << "One self-contained HTML page of the run, comparison or study "
               "in DIR\n(pictures by mgsim-post; no network needed to read "
               "it).\n\n"
            << visible << "\n";
        return 0;
      }
    if (directory.empty())
      throw InputError("mgsim report: the directory is missing (mgsim report "
                       "DIR: an mgsim run, comparison or study)");
    return write_report(directory, file, comm);
  }
} // namespace mgsim
