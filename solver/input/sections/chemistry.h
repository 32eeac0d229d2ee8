// [chemistry]: buffered pH around the implant (doc/model.md §7). Off unless
// a case has the section and turns it on; a case without the section, or
// with it turned off, runs exactly as before the chemistry existed.
#pragma once

#include "input/section_reader.h"

namespace mgsim
{
  struct ChemistryParameters
  {
    /** Whether the total alkalinity is transported (and pH reported). */
    bool enabled = false;
    /**
     * Whether the case has [chemistry]. The chemistry's keys elsewhere (a
     * region's medium and ta_/ct_ coefficients, gas_exchange boundaries, pH
     * band edges) are then accepted while it is off, and ignored: one case
     * runs both ways (read_case checks them as if it were on). A case
     * without the section is refused them.
     */
    bool declared = false;

    /** How Mg(OH)2 forms and redissolves (doc/model.md §7.3). */
    enum class Precipitation
    {
      /** Not at all. */
      none,
      /** At the rate k_p c (Omega - 1)+, redissolving at k_p s (1 - Omega)+. */
      rate,
      /** Projected onto equilibrium every step (k_p -> infinity). */
      equilibrium
    };
    Precipitation precipitation = Precipitation::equilibrium;
    /** 1 / k_p [s] (only for Precipitation::rate). */
    double precipitation_time = 60;

    /**
     * Refuses those of @p keys that @p section gives, when the case has no
     * [chemistry] (declared): only the chemistry uses them.
     */
    void
    refuse_without_section(const SectionReader            &section,
                           const std::vector<std::string> &keys) const;

    /** The keys of [chemistry]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [chemistry]. */
    static ChemistryParameters
    read(SectionReader &section);
  };
} // namespace mgsim
