// [output] and [checkpoint]: what a run writes and when it saves a state to
// resume from.
#pragma once

#include "input/section_reader.h"

namespace mgsim
{
  struct OutputParameters
  {
    std::string directory;
    /** Interval between ParaView outputs [s]; 0 = only first and last. */
    double interval  = 0;
    bool   write_vtu = true;
    /** Write report.html at the end (mgsim report), when pictures can be
     * made. */
    bool report = true;
    /**
     * The axis (0, 1, 2; -1 none) of the vessel whose wall the implant lines
     * (a stent), through the origin: the report then shows the wall's
     * cross-section and the wall unrolled instead of slices along an axis.
     */
    int vessel_axis = -1;

    /** The keys of [output]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [output]; the directory defaults to results/@p case_stem. */
    static OutputParameters
    read(SectionReader &section, const std::string &case_stem);
  };

  /** @brief When a run saves a checkpoint to resume from (both 0: never). */
  struct CheckpointParameters
  {
    /** Simulated time between checkpoints [s]. */
    double interval = 0;
    /** Wall-clock time between checkpoints [s] (for batch time limits). */
    double wall_interval = 0;
    /** Also save the last state (a study's runs, deleted when done, do
     * without: at 69k cells it is a third of a tumour run). */
    bool at_end = true;

    bool
    enabled() const
    {
      return interval > 0 || wall_interval > 0;
    }

    /** The keys of [checkpoint]. */
    static const std::vector<KeySpec> &
    keys();
    /** Reads [checkpoint]. */
    static CheckpointParameters
    read(SectionReader &section);
  };
} // namespace mgsim
