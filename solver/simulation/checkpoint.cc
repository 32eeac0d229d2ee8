#include "simulation/checkpoint.h"

#include "base/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <boost/serialization/array.hpp>
#include <boost/serialization/map.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace mgsim
{
  namespace checkpoint
  {
    namespace fs = std::filesystem;

    namespace
    {
      /** First line of run_state.bin: what it is and its layout version. */
      const std::string magic      = "mgsim checkpoint 4\n";
      const std::string state_file = "run_state.bin";

      bool
      complete(const fs::path &directory)
      {
        // run_state.bin is written last.
        std::error_code code;
        return fs::exists(directory / state_file, code);
      }

      /** Keys that may change between a checkpoint and its resumption. */
      bool
      may_change(const std::array<std::string, 3> &value)
      {
        const auto &[section, key, v] = value;
        return section == "checkpoint" ||
               (section == "time" && key == "end_days") ||
               (section == "output" && (key == "directory" || key == "vtu"));
      }
    } // namespace

    std::vector<std::array<std::string, 3>>
    case_values(const CaseParameters &parameters)
    {
      std::vector<std::array<std::string, 3>> values;
      for (const auto &p : parameters.resolved)
        values.push_back({{p.section, p.key, p.value}});
      return values;
    }

    std::string
    find_latest(const std::string &output_directory)
    {
      // checkpoint.new is complete only if the kill came between writing it
      // and the renames; it is then the newest.
      for (const char *name :
           {"checkpoint.new", "checkpoint", "checkpoint.old"})
        if (complete(fs::path(output_directory) / name))
          return (fs::path(output_directory) / name).string();
      return "";
    }

    std::string
    begin(const std::string &output_directory, MPI_Comm comm)
    {
      const fs::path staging = fs::path(output_directory) / "checkpoint.new";
      if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        {
          fs::remove_all(staging);
          fs::create_directories(staging);
        }
      MPI_Barrier(comm);
      return staging.string();
    }

    void
    write_state(const std::string &directory, const RunState &state)
    {
      const std::vector<char> bytes = dealii::Utilities::pack(state, false);
      std::ofstream out(fs::path(directory) / state_file, std::ios::binary);
      out << magic;
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      out.close();
      AssertThrow(out,
                  dealii::ExcMessage("cannot write the checkpoint in " +
                                     directory));
    }

    void
    commit(const std::string &output_directory, MPI_Comm comm)
    {
      MPI_Barrier(comm);
      if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        {
          const fs::path out(output_directory);
          // At every moment one complete checkpoint exists (find_latest).
          fs::remove_all(out / "checkpoint.old");
          if (fs::exists(out / "checkpoint"))
            fs::rename(out / "checkpoint", out / "checkpoint.old");
          fs::rename(out / "checkpoint.new", out / "checkpoint");
          fs::remove_all(out / "checkpoint.old");
        }
      MPI_Barrier(comm);
    }

    RunState
    read_state(const std::string &directory)
    {
      const fs::path path = fs::path(directory) / state_file;
      std::ifstream  in(path, std::ios::binary);
      std::string    head(magic.size(), '\0');
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      if (!in || head != magic)
        throw InputError(path.string() +
                         ": not an mgsim checkpoint of this version");
      const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
      try
        {
          return dealii::Utilities::unpack<RunState>(bytes, false);
        }
      catch (const std::exception &)
        {
          throw InputError(path.string() + ": damaged checkpoint");
        }
    }

    void
    check_same_case(const std::string                             &directory,
                    const std::vector<std::array<std::string, 3>> &saved,
                    const std::vector<std::array<std::string, 3>> &now)
    {
      // In case order: the first difference a user would see in the file.
      std::map<std::pair<std::string, std::string>, std::string> before;
      for (const auto &v : saved)
        if (!may_change(v))
          before[{v[0], v[1]}] = v[2];
      const auto refuse = [&](const std::pair<std::string, std::string> &key,
                              const std::string                         &was,
                              const std::string                         &is) {
        throw InputError(directory + ": written for a different case: [" +
                         key.first + "] " + key.second + " was '" + was +
                         "', is '" + is +
                         "' (only time.end_days, [output] directory/vtu "
                         "and [checkpoint] may change on --resume)");
      };
      for (const auto &v : now)
        if (!may_change(v))
          {
            const auto was = before.find({v[0], v[1]});
            if (was == before.end())
              refuse({v[0], v[1]}, "(none)", v[2]);
            if (was->second != v[2])
              refuse(was->first, was->second, v[2]);
            before.erase(was);
          }
      if (!before.empty())
        refuse(before.begin()->first, before.begin()->second, "(none)");
    }

    void
    check_files(const std::string &directory,
                const std::string &output_directory,
                const RunState    &state,
                MPI_Comm           comm)
    {
      std::string error;
      if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        {
          std::error_code code;
          for (const char *file : {"mesh", "mesh.info", "mesh_fixed.data"})
            if (error.empty() && !fs::exists(fs::path(directory) / file, code))
              error = (fs::path(directory) / file).string() +
                      ": missing (damaged checkpoint)";
          for (const auto &[file, bytes] : state.recorder.csv_sizes)
            {
              const fs::path path = fs::path(output_directory) / file;
              if (error.empty() && !(fs::exists(path, code) &&
                                     fs::file_size(path, code) >= bytes))
                error = path.string() +
                        ": missing or shorter than at the checkpoint; cannot "
                        "continue it";
            }
        }
      // A failure must stop every rank, not leave the others waiting.
      error = dealii::Utilities::MPI::broadcast(comm, error, 0);
      if (!error.empty())
        throw InputError(error);
    }
  } // namespace checkpoint
} // namespace mgsim
