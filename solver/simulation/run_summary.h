// The figures of a finished (or stopped) run that `mgsim run` prints: steps,
// cells corroded away, the largest mass-balance error, wall time and memory.
// What the run found (levels, bands, coverage) is the ThresholdSummary of
// analysis/threshold_summary.h.
#pragma once

namespace mgsim
{
  /** @brief Figures of a finished run. */
  struct RunSummary
  {
    unsigned int steps = 0;
    /** Implant cells whose metal was used up. */
    unsigned int cells_opened      = 0;
    double       max_balance_error = 0;
    double       wall_seconds      = 0;
    /** Peak resident memory summed over all ranks [MB]. */
    double peak_memory_mb = 0;
    /** Checkpoints written by this process (a resumed run counts anew). */
    unsigned int checkpoints = 0;
    /** Stopped before the end (wall-clock limit) after a checkpoint. */
    bool   stopped  = false;
    double end_time = 0; ///< where the run stopped or ended [s]
  };
} // namespace mgsim
