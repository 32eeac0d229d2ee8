// [gas]: H2 beyond its solubility forms gas (doc/model.md §2.4).
#pragma once

#include "input/section_reader.h"

namespace mgsim
{
  struct GasParameters
  {
    bool enabled = true;
    /** kappa_g: rate at which supersaturated H2 turns into gas [1/s]. */
    double nucleation_rate = 1e-3;
    /** kappa_d: rate at which gas redissolves into undersaturated tissue [1/s].
     */
    double redissolution_rate = 1e-5;
    double temperature        = 310.15; ///< [K]
    double pressure           = 101325; ///< [Pa]

    /** The keys of [gas]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [gas]. */
    static GasParameters
    read(SectionReader &section);
  };
} // namespace mgsim
