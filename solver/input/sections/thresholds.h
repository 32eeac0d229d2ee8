// [thresholds]: the Mg2+ concentration bands and the levels the summary
// reports (doc/model.md §4), and with the chemistry the pH bands (§7.4).
#pragma once

#include "input/section_reader.h"
#include "input/sections/chemistry.h"

namespace mgsim
{
  struct ThresholdParameters
  {
    /**
     * Increasing band edges [mol/m^3]; default: normal 0.75-1.25 mM,
     * osteogenic 5-10 mM, anti-tumour >= 20 mM, normal-cell stress >= 30 mM.
     */
    std::vector<double> band_edges = {0.75, 1.25, 5, 10, 20, 30};
    /** Anti-tumour level [mol/m^3] (one of the band edges). */
    double anti_tumour = 20;
    /** Level that stresses normal cells [mol/m^3] (a band edge). */
    double normal_stress = 30;
    /** Osteogenic window [mol/m^3] (two band edges). */
    double osteogenic_low = 5, osteogenic_high = 10;
    /**
     * A tumour point counts as covered once it has spent this long [s] at
     * or above anti_tumour.
     */
    double tumour_min_duration = 24 * 3600.0;
    /**
     * Increasing pH band edges (with the chemistry on; empty otherwise),
     * doc/model.md §7.4.
     */
    std::vector<double> ph_band_edges;

    /** The keys of [thresholds]. */
    static const std::vector<KeySpec> &
    keys();
    /**
     * Reads [thresholds]; each level must be a band edge, so that bands.csv
     * and the summary describe the same volumes. The pH band edges only
     * with @p chemistry on (ignored when it is off, refused without it).
     */
    static ThresholdParameters
    read(SectionReader &section, const ChemistryParameters &chemistry);
  };
} // namespace mgsim
