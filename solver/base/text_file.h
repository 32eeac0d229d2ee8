// Whole text files read at once: as they are (read_text_file: "" if it
// cannot be read, for files mgsim wrote itself), or checked as input a user
// wrote (read_text_input: what is wrong with its encoding named as such).
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

  /**
   * The text of @p path, a file a user wrote (case file, database, mesh):
   * without a UTF-8 byte-order mark, which is harmless. Throws InputError
   * naming the file for a directory, a file that cannot be opened, UTF-16
   * text, binary data (a NUL byte) and bytes that are not UTF-8.
   */
  std::string
  read_text_input(const std::string &path);
} // namespace mgsim
