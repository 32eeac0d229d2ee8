#include "base/output_file.h"

#include "base/test_faults.h"

#include <deal.II/base/mpi.h>

#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

namespace mgsim
{
  namespace fs = std::filesystem;

  namespace
  {
    /** The first failure of this process ("" if none). */
    std::string &
    failure()
    {
      static std::string message;
      return message;
    }

    const std::string injected_reason =
      "No space left on device, injected by MGSIM_TEST_FAIL_WRITE";

    /**
     * Bytes free to users on the file system where @p path (a file or a
     * directory) is or is to be written; none if that cannot be told.
     */
    std::optional<std::uintmax_t>
    free_bytes(const std::string &path)
    {
      std::error_code code;
      const fs::path  on =
        fs::exists(path, code) ? fs::path(path) : fs::path(path).parent_path();
      struct statvfs stats;
      if (statvfs(on.empty() ? "." : on.c_str(), &stats) != 0)
        return std::nullopt;
      return std::uintmax_t(stats.f_bavail) * std::uintmax_t(stats.f_frsize);
    }

    /**
     * Why writing @p path failed, when the stream only says that it did:
     * what is in the way, else the system's last error.
     */
    std::string
    reason_for(const std::string &path, const int error)
    {
      std::error_code code;
      if (fs::is_directory(path, code))
        return "it is a directory";
      if (free_bytes(path) == std::uintmax_t(0))
        return std::strerror(ENOSPC);
      return error ? std::strerror(error) : "write failed";
    }
  } // namespace

  void
  record_output_failure(const std::string &path, const std::string &reason)
  {
    if (failure().empty())
      failure() = path + ": cannot write (" + reason + ")";
  }

  bool
  output_failed()
  {
    return !failure().empty();
  }

  void
  clear_output_failure()
  {
    failure().clear();
  }

  void
  raise_local_output_failure()
  {
    if (output_failed())
      throw OutputError(failure());
  }

  void
  raise_output_failures(MPI_Comm comm)
  {
    int rank = 0, ranks = 1;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &ranks);
    int       first = output_failed() ? rank : ranks;
    const int mine  = first;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm);
    if (first == ranks)
      return;
    // The failing rank's message, on every rank.
    throw OutputError(
      dealii::Utilities::MPI::broadcast(comm, failure(), first));
  }

  bool
  check_written(std::ostream &out, const std::string &path)
  {
    out.flush();
    const int error = errno;
    if (test_write_failure(path))
      record_output_failure(path, injected_reason);
    else if (!out)
      record_output_failure(path, reason_for(path, error));
    else
      return true;
    out.setstate(std::ios::badbit);
    return false;
  }

  bool
  write_file_replacing(const std::string                         &path,
                       const std::function<void(std::ostream &)> &write)
  {
    if (output_failed())
      return false;
    const std::string temporary = path + ".tmp";
    {
      std::ofstream out(temporary);
      if (out)
        write(out);
      if (!check_written(out, path))
        {
          std::error_code code;
          fs::remove(temporary, code);
          return false;
        }
    }
    std::error_code code;
    fs::rename(temporary, path, code);
    if (code)
      {
        record_output_failure(path, code.message());
        fs::remove(temporary, code);
        return false;
      }
    return true;
  }

  bool
  check_free_space(const std::string &path, const std::uintmax_t bytes)
  {
    if (output_failed())
      return false;
    if (test_write_failure(path))
      {
        record_output_failure(path, injected_reason);
        return false;
      }
    const std::optional<std::uintmax_t> free = free_bytes(path);
    // Unknown: the write itself will say what is wrong.
    if (!free || *free >= bytes)
      return true;
    record_output_failure(path,
                          "needs about " + std::to_string(bytes / 1000 + 1) +
                            " kB, " + std::to_string(*free / 1000) +
                            " kB free on its file system");
    return false;
  }
} // namespace mgsim
