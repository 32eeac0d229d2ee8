// The report of `mgsim compare` (report.html of the comparison directory):
// the alloys and their rate parameters with sources, one sentence per
// alloy, the comparison charts and each run's curves side by side, the
// whole comparison table, provenance.
#pragma once

#include <string>

namespace mgsim_post
{
  /** The files the report needs (comparison.csv, each alloy's run):
   * InputError naming the first one missing. */
  void
  check_comparison_report_inputs(const std::string &directory);

  /** Writes the report of the comparison in @p directory to @p file,
   * drawing its charts into @p picture_directory. */
  void
  write_comparison_report(const std::string &directory,
                          const std::string &picture_directory,
                          const std::string &file);
} // namespace mgsim_post
