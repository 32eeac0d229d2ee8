// What each point of the tissue has been through so far (doc/model.md §4): the
// time its level spent at or above each threshold, the cumulative dose
// int (c - c_b) dt, the peak level with the time it occurred, and the lowest
// level. Kept for each species' level and, with the chemistry, the pH. Medicine
// asks "how long" as much as "how high": an anti-tumour effect needs >= 20 mM
// held for about a day, not a spike.
//
// Kept per node, on the transport's DoFs, and updated after every step with
// the level taken linear in time across the step (exact for a field that
// rises or falls linearly; the crossing time of a threshold falls inside the
// step, not at its end).
#pragma once

#include "base/linear_algebra.h"

#include <deal.II/base/index_set.h>

#include <functional>
#include <vector>

namespace mgsim
{
  class ExposureHistory
  {
  public:
    /**
     * Tracks @p thresholds [mol/m^3] (may be empty: then only dose and peak).
     * Call reinit() before use.
     */
    explicit ExposureHistory(std::vector<double> thresholds);

    /**
     * Starts from the level @p c (ghosted) at time @p t with no history:
     * zero time above, zero dose, peak = c at t.
     */
    void
    reinit(const VectorType &c, double t);

    /**
     * Adds the step from the last recorded state to @p c at @p t. Only
     * where @p active (owned layout) is positive: implant nodes have no
     * history (and may have no level: a NaN peak or lowest level is
     * replaced by the first level recorded).
     */
    void
    record(const VectorType &c,
           const VectorType &background,
           const VectorType &active,
           double            t);

    /**
     * Continues from @p c at the present time without adding anything
     * (after cells opened and gave new nodes values: those start with no
     * history).
     */
    void
    restart_from(const VectorType &c);

    /**
     * The history as ghosted vectors, in a fixed order, for a
     * SolutionTransfer across a mesh change.
     */
    std::vector<const VectorType *>
    state() const;

    /**
     * After a mesh change: the history interpolated onto the new DoFs
     * (owned vectors, order of state()) and the level @p c there (ghosted).
     */
    void
    adopt_mesh(const std::vector<VectorType> &transferred, const VectorType &c);

    const std::vector<double> &
    thresholds() const
    {
      return levels;
    }
    /** Time spent at or above thresholds()[k] [s] (ghosted). */
    const VectorType &
    time_above(unsigned int k) const
    {
      return above[k];
    }
    /** int (c - c_b) dt [mol/m^3 s] (ghosted). */
    const VectorType &
    dose() const
    {
      return dose_;
    }
    /** Highest level so far [mol/m^3] (ghosted). */
    const VectorType &
    peak() const
    {
      return peak_;
    }
    /**
     * The level at the last recorded time (ghosted): the start of the next
     * step.
     */
    const VectorType &
    previous_level() const
    {
      return previous;
    }
    /** Lowest level so far (ghosted). */
    const VectorType &
    lowest() const
    {
      return lowest_;
    }
    /** When the highest level occurred [s] (ghosted). */
    const VectorType &
    peak_time() const
    {
      return peak_time_;
    }

    /**
     * Time that a level moving linearly from @p c0 to @p c1 over @p dt
     * spends at or above @p threshold.
     */
    static double
    time_at_or_above(double c0, double c1, double dt, double threshold);

  private:
    std::vector<double>     levels;
    std::vector<VectorType> above;
    VectorType              dose_, peak_, peak_time_, lowest_;
    /** Level at the last recorded time (ghosted). */
    VectorType previous;
    double     previous_time = 0;
  };
} // namespace mgsim
