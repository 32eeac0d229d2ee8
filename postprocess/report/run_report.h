// The report of one run (report.html): what was simulated, with sources;
// the answer per region in one sentence; band volumes over time; the
// threshold slices and iso-surface volumes; peak, dose and time-above
// tables; implant and gas; the mass balance; provenance. Built from the
// run's own files (summary.json, parameters.json, provenance.json,
// case.resolved.cfg, stats.csv, bands.csv) and mgsim-post's pictures.
#pragma once

#include <string>
#include <vector>

namespace mgsim_post
{
  /**
   * The files a run's report needs, checked before anything is written:
   * throws mgsim::InputError naming the first one missing or damaged (a
   * JSON file that does not parse, a summary.json without one of its
   * sections), or the directory, if it is not an mgsim run.
   */
  void
  check_run_report_inputs(const std::string &run_directory);

  /**
   * Writes the report of @p run_directory to @p file: charts are drawn
   * into @p picture_directory (SVG); @p field_pictures are the slice PNGs
   * mgsim-post drew there with what each shows (none if the run wrote no
   * fields), @p
   * isosurface_table its isosurfaces.csv ("" if none), @p slice_time_h
   * the output time they show.
   */
  void
  write_run_report(
    const std::string                                      &run_directory,
    const std::string                                      &picture_directory,
    const std::vector<std::pair<std::string, std::string>> &field_pictures,
    const std::string                                      &isosurface_table,
    double                                                  slice_time_h,
    const std::string                                      &file);
} // namespace mgsim_post
