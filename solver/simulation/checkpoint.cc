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

      /** Written last, after every rank's files: "NAME SIZE" per file. */
      const std::string marker_file = "complete";

      /**
       * Why @p directory is no complete checkpoint ("" if it is one): a kill
       * while it was written leaves no marker, or files shorter than the
       * marker says (a 0-byte run_state.bin, a cut mesh_fixed.data).
       */
      std::string
      why_incomplete(const fs::path &directory)
      {
        std::ifstream marker(directory / marker_file);
        if (!marker)
          return "no '" + marker_file + "' marker (written last)";
        std::string     name;
        std::uintmax_t  bytes = 0;
        unsigned int    files = 0;
        std::error_code code;
        while (marker >> name >> bytes)
          {
            ++files;
            const auto size = fs::file_size(directory / name, code);
            if (code)
              return name + " is missing";
            if (size != bytes)
              return name + " has " + std::to_string(size) + " bytes, not " +
                     std::to_string(bytes);
          }
        if (files == 0)
          return "an empty marker";
        return "";
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
    find_latest(const std::string &output_directory, std::string *skipped)
    {
      // checkpoint.new is complete only if the kill came between writing it
      // and the renames; it is then the newest. checkpoint.old is the one
      // before checkpoint, kept for when checkpoint is damaged.
      std::string passed, damaged;
      for (const char *name :
           {"checkpoint.new", "checkpoint", "checkpoint.old"})
        {
          const fs::path  directory = fs::path(output_directory) / name;
          std::error_code code;
          if (!fs::is_directory(directory, code))
            continue;
          const std::string why = why_incomplete(directory);
          if (why.empty())
            {
              if (skipped)
                *skipped = passed;
              return directory.string();
            }
          passed +=
            (passed.empty() ? "" : "; ") + std::string(name) + ": " + why;
          // checkpoint and checkpoint.old got their names only once
          // complete: incomplete, they were damaged, not cut by a kill.
          if (damaged.empty() && std::string(name) != "checkpoint.new")
            damaged = directory.string() + ": " + why;
        }
      if (!damaged.empty())
        throw InputError(damaged +
                         " (damaged checkpoint), and no complete one to "
                         "resume from");
      if (skipped)
        *skipped = passed;
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
      // Every rank's part is written before the marker says it is.
      MPI_Barrier(comm);
      if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        {
          const fs::path out(output_directory);
          const fs::path staging = out / "checkpoint.new";
          {
            std::ofstream marker(staging / (marker_file + ".tmp"));
            for (const auto &entry : fs::directory_iterator(staging))
              if (entry.is_regular_file() &&
                  entry.path().filename() != marker_file + ".tmp")
                marker << entry.path().filename().string() << " "
                       << entry.file_size() << "\n";
            marker.close();
            AssertThrow(marker,
                        dealii::ExcMessage("cannot write the checkpoint in " +
                                           staging.string()));
          }
          fs::rename(staging / (marker_file + ".tmp"), staging / marker_file);
          // The two newest are kept; at every moment at least one complete
          // checkpoint exists (find_latest).
          fs::remove_all(out / "checkpoint.old");
          if (fs::exists(out / "checkpoint"))
            fs::rename(out / "checkpoint", out / "checkpoint.old");
          fs::rename(staging, out / "checkpoint");
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
    check_files(const std::string &output_directory,
                const RunState    &state,
                MPI_Comm           comm)
    {
      std::string error;
      if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        {
          std::error_code code;
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
