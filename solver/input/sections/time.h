// [time]: how long a run lasts and how it steps (doc/model.md §6).
#pragma once

#include "input/section_reader.h"

namespace mgsim
{
  enum class TimeScheme
  {
    backward_euler,
    bdf2
  };

  struct TimeParameters
  {
    double     end_time  = 0; ///< [s]
    double     time_step = 0; ///< [s]
    TimeScheme scheme    = TimeScheme::bdf2;
    /** Adapt the step to the Mg2+ field's curvature in time. */
    bool adaptive = false;
    /** Allowed deviation of Mg2+ from its linear trend per step [mol/m^3]. */
    double adaptive_tolerance = 0.01;
    double min_step           = 60;    ///< [s]
    double max_step           = 86400; ///< [s]

    /** Order of the time scheme: 1 (backward Euler) or 2 (BDF2). */
    unsigned int
    order() const
    {
      return scheme == TimeScheme::bdf2 ? 2 : 1;
    }

    /** The keys of [time]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [time]; InputError for bad or inconsistent values. */
    static TimeParameters
    read(SectionReader &section);
  };
} // namespace mgsim
