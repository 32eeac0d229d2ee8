// [adaptivity]: adaptive mesh refinement -- the Kelly indicator of Mg2+ in
// the tissue, plus the tissue next to the corrosion front at the finest
// level (doc/model.md §6).
#pragma once

#include "input/section_reader.h"

namespace mgsim
{
  struct AdaptivityParameters
  {
    bool enabled = false;
    /** Time between adaptations [s]. */
    double interval = 6 * 3600;
    /** Levels of refinement allowed beyond the initial mesh. */
    unsigned int max_levels = 2;
    /** Upper bound on the number of cells. */
    unsigned int max_cells = 500000;
    /** Fractions of cells refined / coarsened per adaptation. */
    double refine_fraction  = 0.3;
    double coarsen_fraction = 0.1;

    /** The keys of [adaptivity]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [adaptivity]. */
    static AdaptivityParameters
    read(SectionReader &section);
  };
} // namespace mgsim
