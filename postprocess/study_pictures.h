// The pictures and maps of an `mgsim study` directory (doc/model.md §10):
//   sensitivity.png   Spearman's rho of every outcome with every uncertain
//                     parameter, with its 95 % interval (tornado charts);
//   scatter.png       the first target's outcome against each parameter,
//                     the target's value drawn across;
//   design_curve.png  (with a design) P(target) with its 95 % interval and
//                     the outcome's median and 5-95 % band per design value;
//   probability_maps.vtu, probability_slice.png  (runs on one mesh, with
//                     .vtu output) per node: the fraction of runs that held
//                     it at or above each threshold for the case's
//                     tumour_min_hours, the median and 90 % quantile of its
//                     peak Mg2+.
#pragma once

#include <ostream>
#include <string>

namespace mgsim_post
{
  /** Whether @p directory holds a study's outputs (study.json). */
  bool
  is_study_directory(const std::string &directory);

  /** Writes the study's pictures and maps into @p out. */
  void
  post_study(const std::string &directory,
             const std::string &out,
             unsigned int       width,
             unsigned int       height,
             std::ostream      &log);
} // namespace mgsim_post
