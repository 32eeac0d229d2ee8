// Messages for a terminal and a log: one line, printable, bounded. Input
// echoed in a message may hold anything (binary bytes, a whole line of a
// garbled file, a library's multi-line report): it is shown with control
// and non-UTF-8 bytes as \xNN, on one line, cut with "..." if long.
#pragma once

#include <string>

namespace mgsim
{
  /**
   * @p text on one line: line breaks and tabs become spaces, runs of spaces
   * one, bytes that are not printable UTF-8 \xNN; cut to about
   * @p max_chars characters.
   */
  std::string
  one_line(const std::string &text, std::size_t max_chars = 240);

  /** Length of the valid UTF-8 sequence that starts at byte @p i of @p s
   * (1 for ASCII, 0 if the bytes there are not UTF-8). */
  std::size_t
  utf8_sequence_length(const std::string &s, std::size_t i);
} // namespace mgsim
