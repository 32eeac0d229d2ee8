// The report of `mgsim study` (report.html of the study directory): what
// varied with its ranges and sources, the answer per target as a
// probability with its 95 % interval, the outcome distributions, the
// sensitivities, the design curve and rule, mgsim-post's study pictures
// (sensitivity, scatter, probability maps), provenance.
#pragma once

#include <string>

namespace mgsim_post
{
  /** The study's study.json must be readable: InputError otherwise. */
  void
  check_study_report_inputs(const std::string &directory);

  /** Writes the report of the study in @p directory to @p file, with the
   * pictures mgsim-post drew into @p picture_directory. */
  void
  write_study_report(const std::string &directory,
                     const std::string &picture_directory,
                     const std::string &file);
} // namespace mgsim_post
