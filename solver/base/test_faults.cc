#include "base/test_faults.h"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace mgsim
{
  namespace
  {
    /** "NAME@N" -> (NAME, N); N is 1 if not given. */
    std::pair<std::string, unsigned long>
    setting(const char *variable)
    {
      const char *value = std::getenv(variable);
      if (!value || !*value)
        return {"", 0};
      std::string       name = value;
      unsigned long     from = 1;
      const std::size_t at   = name.find('@');
      if (at != std::string::npos)
        {
          from = std::strtoul(name.c_str() + at + 1, nullptr, 10);
          name.resize(at);
        }
      return {name, from};
    }

    /** Passes of each point so far. */
    unsigned long
    count_pass(const std::string &point)
    {
      static std::map<std::string, unsigned long> passes;
      return ++passes[point];
    }
  } // namespace

  bool
  test_fault(const std::string &what)
  {
    const auto [name, from] = setting("MGSIM_TEST_FAULT");
    return name == what && count_pass("fault:" + what) == from;
  }

  void
  test_kill_point(const std::string &what, const std::string &file)
  {
    if (!test_fault(what))
      return;
    std::error_code code;
    if (!file.empty())
      std::filesystem::resize_file(file,
                                   std::filesystem::file_size(file, code) / 2,
                                   code);
    std::raise(SIGKILL);
  }

  bool
  test_write_failure(const std::string &path)
  {
    const auto [name, from] = setting("MGSIM_TEST_FAIL_WRITE");
    return !name.empty() && std::filesystem::path(path).filename() == name &&
           count_pass("write:" + name) >= from;
  }
} // namespace mgsim
