#include "study/run_pool.h"

#include "base/input_error.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

extern char **environ;

namespace mgsim
{
  namespace
  {
    /**
     * The environment without the MPI launcher's variables: the study
     * process may itself run under mpiexec (or as an MPI singleton), and a
     * child that inherits them tries to join that job instead of starting
     * its own.
     */
    std::vector<std::string>
    child_environment()
    {
      std::vector<std::string> kept;
      for (char **e = environ; *e; ++e)
        {
          const std::string v = *e;
          if (v.rfind("OMPI_", 0) == 0 || v.rfind("PMIX_", 0) == 0 ||
              v.rfind("PMI_", 0) == 0 || v.rfind("OPAL_", 0) == 0 ||
              v.rfind("HYDRA_", 0) == 0 || v.rfind("MPI_LOCALRANKID", 0) == 0)
            continue;
          kept.push_back(v);
        }
      return kept;
    }

    pid_t
    spawn(const PoolTask &task, const std::vector<std::string> &environment)
    {
      posix_spawn_file_actions_t actions;
      posix_spawn_file_actions_init(&actions);
      posix_spawn_file_actions_addopen(&actions,
                                       STDOUT_FILENO,
                                       task.log_file.c_str(),
                                       O_WRONLY | O_CREAT | O_APPEND,
                                       0644);
      posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
      posix_spawn_file_actions_addopen(
        &actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
      std::vector<char *> argv, envp;
      for (const auto &a : task.arguments)
        argv.push_back(const_cast<char *>(a.c_str()));
      argv.push_back(nullptr);
      for (const auto &e : environment)
        envp.push_back(const_cast<char *>(e.c_str()));
      envp.push_back(nullptr);
      pid_t     pid   = 0;
      const int error = posix_spawnp(
        &pid, argv[0], &actions, nullptr, argv.data(), envp.data());
      posix_spawn_file_actions_destroy(&actions);
      if (error != 0)
        throw std::runtime_error("cannot start " + task.arguments[0] + ": " +
                                 std::strerror(error));
      return pid;
    }

    std::string
    duration_text(const double seconds)
    {
      std::ostringstream s;
      if (seconds < 90)
        s << std::lround(seconds) << " s";
      else if (seconds < 5400)
        s << std::lround(seconds / 60) << " min";
      else
        s << std::fixed << std::setprecision(1) << seconds / 3600 << " h";
      return s.str();
    }
  } // namespace

  std::string
  this_executable()
  {
    return std::filesystem::read_symlink("/proc/self/exe").string();
  }

  unsigned int
  run_pool(const std::vector<PoolTask>                 &tasks,
           const unsigned int                           jobs,
           const std::function<bool(std::size_t, int)> &finished,
           std::ostream                                &progress)
  {
    using clock                              = std::chrono::steady_clock;
    const auto                   start       = clock::now();
    const auto                   environment = child_environment();
    std::map<pid_t, std::size_t> running;
    std::size_t                  next = 0, done = 0;
    unsigned int                 failed = 0;
    // On a terminal one line is redrawn; in a log, a line per finished run.
    const bool terminal = &progress == &std::cout && isatty(STDOUT_FILENO);
    const auto report   = [&]() {
      const double elapsed =
        std::chrono::duration<double>(clock::now() - start).count();
      progress << (terminal ? "\r" : "") << "study: " << done << "/"
               << tasks.size() << " runs done, " << running.size()
               << " running";
      if (failed > 0)
        progress << ", " << failed << " failed";
      progress << ", " << duration_text(elapsed);
      if (done > 0 && done < tasks.size())
        progress << ", about "
                 << duration_text(elapsed / done * (tasks.size() - done))
                 << " left";
      progress << (terminal ? "      " : "\n") << std::flush;
    };
    while (done < tasks.size())
      {
        while (running.size() < std::max(1u, jobs) && next < tasks.size())
          {
            running[spawn(tasks[next], environment)] = next;
            ++next;
          }
        // After the pool is refilled: how many run now.
        report();
        int         status = 0;
        const pid_t pid    = waitpid(-1, &status, 0);
        if (pid < 0)
          throw std::runtime_error(std::string("waitpid: ") +
                                   std::strerror(errno));
        const auto it = running.find(pid);
        if (it == running.end())
          continue;
        const int code =
          WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        failed += code != 0;
        ++done;
        const std::size_t index = it->second;
        running.erase(it);
        if (!finished(index, code))
          {
            for (const auto &[child, task] : running)
              kill(child, SIGTERM);
            for (const auto &[child, task] : running)
              waitpid(child, &status, 0);
            return failed;
          }
      }
    report();
    if (terminal)
      progress << "\n";
    return failed;
  }
} // namespace mgsim
