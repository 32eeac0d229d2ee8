#include "base/text_file.h"

#include "base/input_error.h"
#include "base/message_line.h"

#include <algorithm>
#include <filesystem>

namespace mgsim
{
  namespace
  {
    /** Line number (from 1) of byte @p at of @p text. */
    std::size_t
    line_of(const std::string &text, const std::size_t at)
    {
      return 1 + std::count(text.begin(), text.begin() + at, '\n');
    }

    /** Position of the first byte that is not UTF-8 (npos if none). */
    std::size_t
    first_invalid_utf8(const std::string &s)
    {
      for (std::size_t i = 0; i < s.size();)
        {
          const std::size_t n = utf8_sequence_length(s, i);
          if (n == 0)
            return i;
          i += n;
        }
      return std::string::npos;
    }
  } // namespace

  std::string
  read_text_input(const std::string &path)
  {
    std::error_code code;
    if (std::filesystem::is_directory(path, code))
      throw InputError(path + ": is a directory, expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
      throw InputError(path + ": cannot open file");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();

    const auto starts_with = [&](const std::string &mark) {
      return text.compare(0, mark.size(), mark) == 0;
    };
    if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF"))
      throw InputError(path + ": UTF-16 text (byte-order mark " +
                       one_line(text.substr(0, 2)) +
                       "): save it as UTF-8 or ASCII");
    if (starts_with("\xEF\xBB\xBF"))
      text.erase(0, 3);
    const std::size_t nul = text.find('\0');
    if (nul != std::string::npos)
      {
        // UTF-16 without a mark: ASCII characters with a NUL byte each.
        const std::size_t nuls = std::count(text.begin(), text.end(), '\0');
        if (text.size() >= 4 && nuls * 3 >= text.size())
          throw InputError(path + ": UTF-16 text: save it as UTF-8 or ASCII");
        throw InputError(path + ": binary data (a NUL byte on line " +
                         std::to_string(line_of(text, nul)) +
                         "): expected a text file");
      }
    const std::size_t bad = first_invalid_utf8(text);
    if (bad != std::string::npos)
      throw InputError(path + ": line " + std::to_string(line_of(text, bad)) +
                       ": not UTF-8 text (byte " +
                       one_line(text.substr(bad, 1)) +
                       "): save it as UTF-8 or ASCII");
    return text;
  }
} // namespace mgsim
