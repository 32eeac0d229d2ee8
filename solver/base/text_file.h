// A whole text file read at once ("" if it cannot be read: callers that
// need the file check for it first).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace mgsim
{
  inline std::string
  read_text_file(const std::string &path)
  {
    std::ifstream     in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
} // namespace mgsim
