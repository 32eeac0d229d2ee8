#include "base/message_line.h"

#include <cstdio>

namespace mgsim
{
  std::size_t
  utf8_sequence_length(const std::string &s, const std::size_t i)
  {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80)
      return 1;
    const std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 :
                          c >= 0xE0 && c < 0xF0  ? 3 :
                          c >= 0xC2 && c < 0xE0  ? 2 :
                                                   0;
    if (n == 0 || i + n > s.size())
      return 0;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
        return 0;
    return n;
  }

  std::string
  one_line(const std::string &text, const std::size_t max_chars)
  {
    std::string line;
    std::size_t shown = 0, i = 0;
    while (i < text.size() && shown < max_chars)
      {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ')
          {
            if (!line.empty() && line.back() != ' ')
              {
                line += ' ';
                ++shown;
              }
            ++i;
          }
        else if (c >= 0x20 && c < 0x7F)
          {
            line += text[i++];
            ++shown;
          }
        else if (const std::size_t n =
                   c >= 0x80 ? utf8_sequence_length(text, i) : 0)
          {
            line += text.substr(i, n);
            i += n;
            ++shown;
          }
        else
          {
            char hex[5];
            std::snprintf(hex, sizeof(hex), "\\x%02X", c);
            line += hex;
            shown += 4;
            ++i;
          }
      }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    if (text.find_first_not_of(" \t\r\n", i) != std::string::npos)
      line += "...";
    return line;
  }
} // namespace mgsim
