// The run's time control: the simulated time and step count, the length of
// the next step (fixed, or adapted to how far Mg2+ strays from its linear
// trend, doc/model.md §6), and which events are due after a step -- output,
// mesh adaptation, a checkpoint, a stop at the wall-clock limit. Wall clocks
// differ between ranks, so rank 0 decides those for all (one broadcast per
// step, only when a wall-clock limit or interval is set).
#pragma once

#include "input/case_parameters.h"

#include <deal.II/base/timer.h>

#include <mpi.h>

namespace mgsim
{
  /** @brief The clock's state between two steps (for checkpoints). */
  struct ClockState
  {
    /** [s] */
    double       time = 0, step = 0, next_output = 0, next_adaptation = 0;
    unsigned int steps = 0;

    template <class Archive>
    void
    serialize(Archive &archive, const unsigned int)
    {
      archive &time &step &next_output &next_adaptation &steps;
    }
  };

  class Clock
  {
  public:
    /**
     * A clock at t = 0, or at @p resumed. After @p stop_after_seconds of
     * wall-clock time it asks the run to stop (with a checkpoint). Runs that
     * checkpoint (by the case, or because they may stop or were resumed)
     * also save their last state.
     */
    Clock(const CaseParameters &parameters,
          double                stop_after_seconds,
          const ClockState     *resumed,
          MPI_Comm              comm);

    /** Whether the end time is still ahead. */
    bool
    running() const;

    /** [s] */
    double
    time() const
    {
      return state_.time;
    }

    unsigned int
    steps() const
    {
      return state_.steps;
    }

    /** The next step's length [s]: the controller's, cut at the end time. */
    double
    proposed_step() const;

    /** Ends a step of length @p dt [s]. */
    void
    advance(double dt);

    /** Whether the mesh is to be adapted now (then the next one is set). */
    bool
    adaptation_due();

    /**
     * The adaptive controller (if the case adapts steps): the next step from
     * the last step's deviation [mol/m^3] of Mg2+ from its linear trend.
     */
    void
    adapt_step(double deviation);

    /** Whether output is due now (the last step always writes). */
    bool
    output_due();

    /**
     * After a step: decides (rank 0 for all) whether a checkpoint is due
     * and whether to stop.
     */
    void
    poll();

    /** Set by poll(). */
    bool
    checkpoint_due() const
    {
      return checkpoint_due_;
    }

    /** Set by poll(): stop now (after a checkpoint), before the end. */
    bool
    stop_requested() const
    {
      return stop_requested_;
    }

    /** A checkpoint was written now: the next one is counted from here. */
    void
    checkpoint_written();

    /** Wall-clock seconds since the clock was made. */
    double
    wall_seconds() const
    {
      return wall.wall_time();
    }

    const ClockState &
    state() const
    {
      return state_;
    }

  private:
    /** Whether the end time is reached. */
    bool
    at_end() const;
    double
    next_checkpoint_after(double t) const;

    const TimeParameters       &time_parameters;
    const OutputParameters     &output_parameters;
    const AdaptivityParameters &adaptivity;
    const CheckpointParameters &every;
    const unsigned int          order;
    const double                stop_after_seconds;
    MPI_Comm                    comm;
    /** Steps shorter than this are not taken (the end is reached). */
    const double  tiny;
    ClockState    state_;
    bool          checkpointing = false;
    bool          watch_wall    = false;
    double        next_checkpoint;
    bool          checkpoint_due_ = false, stop_requested_ = false;
    dealii::Timer wall, since_checkpoint;
  };
} // namespace mgsim
