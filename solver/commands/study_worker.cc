// `mgsim study-worker CASE.cfg` (doc/model.md §10): one process of a
// study's pool. `mgsim study` writes run directories to its standard input,
// one per line; the worker runs each (resuming from its checkpoint if it has
// one) with the overrides in DIR.overrides, its output in DIR.log, and
// answers "mgsim-worker: done DIR CODE" on standard output. The runs of one
// worker share the process (MPI start, databases) and the mesh: a run whose
// geometry equals the previous one's copies its triangulation instead of
// reading and checking the mesh again.
#include "base/input_error.h"
#include "base/text_file.h"
#include "commands/drivers.h"
#include "input/case_parameters.h"
#include "input/mesh_loader.h"

#include <deal.II/base/mpi.h>

#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <sstream>

namespace mgsim
{
  namespace
  {
    /** Sends std::cout and std::cerr into a file while it lives. */
    class RedirectedOutput
    {
    public:
      explicit RedirectedOutput(const std::string &file)
        : log(file, std::ios::app)
        , cout_buffer(std::cout.rdbuf(log.rdbuf()))
        , cerr_buffer(std::cerr.rdbuf(log.rdbuf()))
      {
      }

      ~RedirectedOutput()
      {
        std::cout.flush();
        std::cout.rdbuf(cout_buffer);
        std::cerr.rdbuf(cerr_buffer);
      }

    private:
      std::ofstream   log;
      std::streambuf *cout_buffer, *cerr_buffer;
    };

    /** One run of the study into @p directory; its exit code. */
    int
    run_one(const std::string &case_file,
            const std::string &directory,
            MeshTemplate      &mesh,
            MPI_Comm           comm)
    {
      // A checkpoint every 15 minutes of wall-clock time, none at the end
      // (the study removes a finished run's checkpoints; the study's own
      // `set` may change both), then the run's overrides and directory.
      std::vector<std::string> overrides = {"checkpoint.every_minutes=15",
                                            "checkpoint.at_end=false"};
      std::istringstream       lines(read_text_file(directory + ".overrides"));
      for (std::string line; std::getline(lines, line);)
        if (!line.empty())
          overrides.push_back(line);
      overrides.push_back("output.directory=" + directory);
      try
        {
          return run_case_in_directory(read_case(case_file, overrides),
                                       comm,
                                       ExistingResults::resume,
                                       std::numeric_limits<double>::infinity(),
                                       &mesh);
        }
      catch (const std::exception &e)
        {
          // Bad input, failed numerics and failed writes are raised on
          // every rank together: the worker goes on with its next run.
          const int code =
            report_error(e,
                         dealii::Utilities::MPI::this_mpi_process(comm) == 0);
          if (code != 1)
            return code;
          // One rank may have thrown while the others wait in a collective
          // call: only a single rank can go on safely. On several, the
          // worker ends (the pool starts another for the remaining runs).
          if (dealii::Utilities::MPI::n_mpi_processes(comm) > 1)
            MPI_Abort(comm, 1);
          return 1;
        }
    }
  } // namespace

  int
  study_worker_command(const std::vector<std::string> &args, MPI_Comm comm)
  {
    if (args.size() != 1)
      throw InputError("mgsim study-worker: expected one case file (this "
                       "command is started by mgsim study)");
    const bool   root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    MeshTemplate mesh(comm);
    while (true)
      {
        // Rank 0 reads the next run; an empty line or the end of the
        // input ends the worker.
        std::string directory;
        if (root && !std::getline(std::cin, directory))
          directory.clear();
        directory = dealii::Utilities::MPI::broadcast(comm, directory, 0);
        if (directory.empty())
          return 0;
        int code = 0;
        {
          // Only rank 0 writes the run's log (and only rank 0 prints).
          std::unique_ptr<RedirectedOutput> log;
          if (root)
            log = std::make_unique<RedirectedOutput>(directory + ".log");
          code = run_one(args[0], directory, mesh, comm);
        }
        if (root)
          std::cout << "mgsim-worker: done " << code << " " << directory
                    << std::endl;
      }
  }
} // namespace mgsim
