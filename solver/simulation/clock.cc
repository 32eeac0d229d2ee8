#include "simulation/clock.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mgsim
{
  Clock::Clock(const CaseParameters &prm,
               const double          stop_after_seconds,
               const ClockState     *resumed,
               MPI_Comm              comm)
    : time_parameters(prm.time)
    , output_parameters(prm.output)
    , adaptivity(prm.adaptivity)
    , every(prm.checkpoint)
    , order(prm.time.order())
    , stop_after_seconds(stop_after_seconds)
    , comm(comm)
    , tiny(1e-9 * prm.time.time_step)
  {
    if (resumed)
      state_ = *resumed;
    else
      {
        state_.step            = prm.time.time_step;
        state_.next_output     = prm.output.interval;
        state_.next_adaptation = prm.adaptivity.interval;
      }
    next_checkpoint = next_checkpoint_after(state_.time);
    // A run that checkpoints (or may stop, or was resumed) also saves its
    // last state: a resume then finds it complete, or extends it to a later
    // end_days.
    checkpointing =
      every.enabled() || resumed || std::isfinite(stop_after_seconds);
    watch_wall = std::isfinite(stop_after_seconds) || every.wall_interval > 0;
  }

  bool
  Clock::running() const
  {
    return state_.time < time_parameters.end_time - tiny;
  }

  bool
  Clock::at_end() const
  {
    return state_.time >= time_parameters.end_time - tiny;
  }

  double
  Clock::proposed_step() const
  {
    return std::min(state_.step, time_parameters.end_time - state_.time);
  }

  void
  Clock::advance(const double dt)
  {
    state_.time += dt;
    ++state_.steps;
  }

  bool
  Clock::adaptation_due()
  {
    if (!adaptivity.enabled || state_.time < state_.next_adaptation - tiny)
      return false;
    state_.next_adaptation += adaptivity.interval;
    return true;
  }

  void
  Clock::adapt_step(const double deviation)
  {
    if (!time_parameters.adaptive)
      return;
    // The deviation from the linear trend scales like dt^2 (BE) or dt^3
    // (BDF2); aim at the tolerance, change by at most a factor 2 per step.
    // Steps are powers of 2 times step_hours, so the system matrix and its
    // AMG hierarchy are rebuilt only when the level changes.
    const double factor =
      deviation > 0 ? std::pow(time_parameters.adaptive_tolerance / deviation,
                               1.0 / (order + 1)) :
                      2.0;
    const double wanted = state_.step * std::clamp(factor, 0.5, 2.0);
    const double level =
      std::round(std::log2(wanted / time_parameters.time_step) - 0.25);
    state_.step = std::clamp(time_parameters.time_step * std::pow(2.0, level),
                             time_parameters.min_step,
                             time_parameters.max_step);
  }

  bool
  Clock::output_due()
  {
    const double interval = output_parameters.interval;
    if (!at_end() &&
        !(interval > 0 && state_.time >= state_.next_output - tiny))
      return false;
    while (state_.next_output <= state_.time + tiny && interval > 0)
      state_.next_output += interval;
    return true;
  }

  void
  Clock::poll()
  {
    // Bit 0: time to stop; bit 1: a wall-clock interval has passed.
    unsigned int bits = 0;
    if (watch_wall)
      bits = dealii::Utilities::MPI::broadcast(
        comm,
        (wall.wall_time() >= stop_after_seconds ? 1u : 0u) |
          (every.wall_interval > 0 &&
               since_checkpoint.wall_time() >= every.wall_interval ?
             2u :
             0u),
        0);
    const bool last = at_end();
    stop_requested_ = !last && (bits & 1u);
    checkpoint_due_ =
      stop_requested_ ||
      (checkpointing &&
       (last ? every.at_end :
               state_.time >= next_checkpoint - tiny || (bits & 2u)));
  }

  void
  Clock::checkpoint_written()
  {
    next_checkpoint = next_checkpoint_after(state_.time);
    since_checkpoint.restart();
  }

  double
  Clock::next_checkpoint_after(const double t) const
  {
    return every.interval > 0 ?
             (std::floor(t / every.interval + 1e-9) + 1) * every.interval :
             std::numeric_limits<double>::infinity();
  }
} // namespace mgsim
