// [chemistry]: buffered pH around the implant (doc/model.md §7). Off unless
// a case has the section and turns it on; a case without the section reads
// and resolves exactly as before the chemistry existed.
#pragma once

#include "input/section_reader.h"

namespace mgsim
{
  struct ChemistryParameters
  {
    /** Whether the total alkalinity is transported (and pH reported). */
    bool enabled = false;

    /** The keys of [chemistry]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [chemistry]. */
    static ChemistryParameters
    read(SectionReader &section);
  };
} // namespace mgsim
