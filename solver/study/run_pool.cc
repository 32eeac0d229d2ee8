#include "study/run_pool.h"

#include "base/input_error.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
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

    /** @brief A worker process and the pipes to it. */
    struct Worker
    {
      pid_t pid = -1;
      /** Its standard input (runs to do) and output (what it says). */
      int to = -1, from = -1;
      /** Output received after the last complete line. */
      std::string partial;
      /** The task it runs (-1: idle). */
      long task = -1;
    };

    Worker
    start_worker(const std::vector<std::string> &arguments,
                 const std::vector<std::string> &environment)
    {
      int input[2], output[2];
      if (pipe2(input, O_CLOEXEC) != 0 || pipe2(output, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
      std::vector<char *> argv, envp;
      for (const auto &a : arguments)
        argv.push_back(const_cast<char *>(a.c_str()));
      argv.push_back(nullptr);
      for (const auto &e : environment)
        envp.push_back(const_cast<char *>(e.c_str()));
      envp.push_back(nullptr);
      const pid_t parent = getpid();
      const pid_t pid    = fork();
      if (pid < 0)
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
      if (pid == 0)
        {
          // Only async-signal-safe calls until exec. A worker (or its
          // mpiexec) ends with the study: a study killed and started again
          // must not find the old runs still writing.
          prctl(PR_SET_PDEATHSIG, SIGTERM);
          if (getppid() != parent)
            _exit(127);
          dup2(input[0], STDIN_FILENO);
          dup2(output[1], STDOUT_FILENO);
          dup2(output[1], STDERR_FILENO);
          execvpe(argv[0], argv.data(), envp.data());
          _exit(127);
        }
      close(input[0]);
      close(output[1]);
      Worker w;
      w.pid  = pid;
      w.to   = input[1];
      w.from = output[0];
      return w;
    }

    /** Writes all of @p text (false if the worker has gone). */
    bool
    send(const int fd, const std::string &text)
    {
      for (std::size_t sent = 0; sent < text.size();)
        {
          const ssize_t n = write(fd, text.data() + sent, text.size() - sent);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            return false;
          sent += n;
        }
      return true;
    }

    int
    exit_code(const int status)
    {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
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
  run_pool(const std::vector<std::string>              &worker,
           const std::vector<PoolTask>                 &tasks,
           const unsigned int                           jobs,
           const std::function<bool(std::size_t, int)> &finished,
           std::ostream                                &progress)
  {
    using clock                   = std::chrono::steady_clock;
    const auto        start       = clock::now();
    const auto        environment = child_environment();
    const std::string done_prefix = "mgsim-worker: done ";
    // A worker that has gone must not take the study with it.
    signal(SIGPIPE, SIG_IGN);
    std::vector<Worker> workers(
      std::min<std::size_t>(std::max(1u, jobs), tasks.size()));
    std::size_t  next = 0, done = 0;
    unsigned int failed  = 0;
    bool         stopped = false;
    const auto   running = [&]() {
      return std::count_if(workers.begin(), workers.end(), [](const Worker &w) {
        return w.task >= 0;
      });
    };
    // On a terminal one line is redrawn; in a log, a line per finished run.
    const bool terminal = &progress == &std::cout && isatty(STDOUT_FILENO);
    // In a log, a line only when the counts change.
    std::array<std::size_t, 3> shown  = {{tasks.size() + 1, 0, 0}};
    const auto                 report = [&]() {
      const std::array<std::size_t, 3> now = {
        {done, static_cast<std::size_t>(running()), failed}};
      if (!terminal && now == shown)
        return;
      shown = now;
      const double elapsed =
        std::chrono::duration<double>(clock::now() - start).count();
      progress << (terminal ? "\r" : "") << "study: " << done << "/"
               << tasks.size() << " runs done, " << running() << " running";
      if (failed > 0)
        progress << ", " << failed << " failed";
      progress << ", " << duration_text(elapsed);
      if (done > 0 && done < tasks.size())
        progress << ", about "
                 << duration_text(elapsed / done * (tasks.size() - done))
                 << " left";
      progress << (terminal ? "      " : "\n") << std::flush;
    };
    const auto finish = [&](Worker &w, const int code) {
      const std::size_t index = w.task;
      w.task                  = -1;
      failed += code != 0;
      ++done;
      stopped = stopped || !finished(index, code);
    };
    // What a worker prints outside a run's own log (another rank's
    // message, a crash) goes to the log of the run it was on.
    const auto take_line = [&](Worker &w, const std::string &line) {
      if (line.rfind(done_prefix, 0) == 0)
        {
          if (w.task >= 0)
            finish(w, std::atoi(line.c_str() + done_prefix.size()));
        }
      else if (w.task >= 0)
        std::ofstream(tasks[w.task].log_file, std::ios::app) << line << "\n";
    };

    while (done < tasks.size() && !stopped)
      {
        for (Worker &w : workers)
          {
            if (w.pid < 0 && next < tasks.size())
              w = start_worker(worker, environment);
            if (w.pid < 0 || w.task >= 0 || w.to < 0)
              continue;
            // The next run, or the end of its input when none is left.
            if (next < tasks.size())
              {
                w.task = next++;
                send(w.to, tasks[w.task].item + "\n");
              }
            else
              {
                close(w.to);
                w.to = -1;
              }
          }
        report();
        std::vector<pollfd>   fds;
        std::vector<Worker *> polled;
        for (Worker &w : workers)
          if (w.from >= 0)
            {
              fds.push_back({w.from, POLLIN, 0});
              polled.push_back(&w);
            }
        if (poll(fds.data(), fds.size(), -1) < 0)
          {
            if (errno == EINTR)
              continue;
            throw std::runtime_error(std::string("poll: ") +
                                     std::strerror(errno));
          }
        for (std::size_t k = 0; k < fds.size(); ++k)
          {
            if (fds[k].revents == 0)
              continue;
            Worker       &w = *polled[k];
            char          buffer[4096];
            const ssize_t n = read(w.from, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR)
              continue;
            if (n > 0)
              {
                w.partial.append(buffer, n);
                for (std::size_t end;
                     (end = w.partial.find('\n')) != std::string::npos;)
                  {
                    take_line(w, w.partial.substr(0, end));
                    w.partial.erase(0, end + 1);
                  }
                continue;
              }
            // The worker has ended: its run, if it had one, failed.
            close(w.from);
            if (w.to >= 0)
              close(w.to);
            int status = 0;
            waitpid(w.pid, &status, 0);
            if (!w.partial.empty())
              take_line(w, w.partial);
            if (w.task >= 0)
              {
                const int code = exit_code(status);
                std::ofstream(tasks[w.task].log_file, std::ios::app)
                  << "mgsim study: the worker running this run ended with "
                  << (WIFSIGNALED(status) ?
                        "signal " + std::to_string(WTERMSIG(status)) :
                        "exit code " + std::to_string(code))
                  << "\n";
                finish(w, code == 0 ? 1 : code);
              }
            w = Worker();
          }
      }
    // Done (the workers are idle: their input ends) or stopped.
    for (Worker &w : workers)
      if (w.pid >= 0)
        {
          if (w.to >= 0)
            close(w.to);
          if (stopped)
            kill(w.pid, SIGTERM);
          int status = 0;
          waitpid(w.pid, &status, 0);
          close(w.from);
        }
    if (!stopped)
      report();
    if (terminal)
      progress << "\n";
    return failed;
  }
} // namespace mgsim
