#include "simulation/checkpoint.h"

#include "base/input_error.h"
#include "base/output_file.h"
#include "base/test_faults.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <boost/crc.hpp>
#include <boost/serialization/array.hpp>
#include <boost/serialization/map.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <algorithm>
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

      /** Written last, after every rank's files: "NAME SIZE CRC32" per
       * file. */
      const std::string marker_file = "complete";

      /** CRC-32 of @p path's bytes (that of no bytes if it cannot be read). */
      std::uint32_t
      checksum(const fs::path &path)
      {
        std::ifstream      in(path, std::ios::binary);
        boost::crc_32_type crc;
        std::vector<char>  block(1 << 20);
        while (in.read(block.data(), block.size()) || in.gcount() > 0)
          crc.process_bytes(block.data(), in.gcount());
        return crc.checksum();
      }

      /**
       * Why @p directory is no complete checkpoint ("" if it is one): a kill
       * while it was written leaves no marker, or files other than the
       * marker says (a 0-byte run_state.bin, a cut mesh_fixed.data, a
       * corrupted block).
       */
      std::string
      why_incomplete(const fs::path &directory)
      {
        std::ifstream marker(directory / marker_file);
        if (!marker)
          return "no '" + marker_file + "' marker (written last)";
        std::string     name;
        std::uintmax_t  bytes = 0;
        std::uint32_t   crc   = 0;
        unsigned int    files = 0;
        std::error_code code;
        while (marker >> name >> bytes >> std::hex >> crc >> std::dec)
          {
            ++files;
            const auto size = fs::file_size(directory / name, code);
            if (code)
              return name + " is missing";
            if (size != bytes)
              return name + " has " + std::to_string(size) + " bytes, not " +
                     std::to_string(bytes);
            if (checksum(directory / name) != crc)
              return name + " fails its checksum";
          }
        if (files == 0)
          return "an empty or unreadable marker";
        return "";
      }

    } // namespace

    bool
    may_change(const std::string &section, const std::string &key)
    {
      return section == "checkpoint" ||
             (section == "time" && key == "end_days") ||
             (section == "output" && (key == "directory" || key == "vtu"));
    }

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
    begin(const std::string   &output_directory,
          const std::uintmax_t bytes,
          MPI_Comm             comm)
    {
      const fs::path staging = fs::path(output_directory) / "checkpoint.new";
      if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        {
          std::error_code code;
          fs::remove_all(staging, code);
          fs::create_directories(staging, code);
          if (code)
            record_output_failure(staging.string(), code.message());
          // p4est aborts the program on a failed write: the room for the
          // checkpoint is checked first (the larger of the previous one's
          // size and the estimate, plus 10 % and 1 MB).
          std::uintmax_t previous = 0;
          for (const auto &entry :
               fs::directory_iterator(fs::path(output_directory) / "checkpoint",
                                      code))
            previous += entry.file_size(code);
          if (!check_free_space(staging.string(),
                                std::max(bytes, previous) * 11 / 10 +
                                  (1 << 20)))
            fs::remove_all(staging, code);
        }
      raise_output_failures(comm);
      return staging.string();
    }

    void
    write_state(const std::string &directory, const RunState &state)
    {
      const std::vector<char> bytes = dealii::Utilities::pack(state, false);
      const std::string       path  = directory + "/" + state_file;
      std::ofstream           out(path, std::ios::binary);
      out << magic;
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      check_written(out, path);
      out.close();
      test_kill_point("checkpoint-state", path);
    }

    void
    commit(const std::string &output_directory, MPI_Comm comm)
    {
      // Every rank's part is written before the marker says it is.
      MPI_Barrier(comm);
      if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        {
          const fs::path  out(output_directory);
          const fs::path  staging = out / "checkpoint.new";
          std::error_code code;
          if (!output_failed())
            {
              const fs::path marker_path = staging / (marker_file + ".tmp");
              std::ofstream  marker(marker_path);
              for (const auto &entry : fs::directory_iterator(staging, code))
                if (entry.is_regular_file() &&
                    entry.path().filename() != marker_path.filename())
                  marker << entry.path().filename().string() << " "
                         << entry.file_size() << " " << std::hex
                         << checksum(entry.path()) << std::dec << "\n";
              if (check_written(marker, marker_path.string()))
                fs::rename(marker_path, staging / marker_file, code);
            }
          test_kill_point("checkpoint-marker");
          // The two newest are kept; at every moment at least one complete
          // checkpoint exists (find_latest).
          if (!output_failed() && !code)
            {
              fs::remove_all(out / "checkpoint.old", code);
              if (fs::exists(out / "checkpoint"))
                fs::rename(out / "checkpoint", out / "checkpoint.old", code);
              test_kill_point("checkpoint-rename");
              if (!code)
                fs::rename(staging, out / "checkpoint", code);
            }
          if (code)
            record_output_failure(staging.string(), code.message());
          // A checkpoint that could not be written gives its room back.
          if (output_failed())
            fs::remove_all(staging, code);
        }
      raise_output_failures(comm);
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
        if (!may_change(v[0], v[1]))
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
        if (!may_change(v[0], v[1]))
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
